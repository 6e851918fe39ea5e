"""Events as people read them: envelope apart, personal data masked."""

from __future__ import annotations

from typing import Any

from application.views import RecordedEvent
from domain.contact import mask_mobile, mask_name
from domain.identity import mask_id_number

# Event attributes that are bookkeeping, shown apart from the payload.
_ENVELOPE = {"originator_id", "originator_version", "originator_topic", "timestamp"}
_MASKS = {"id_number": mask_id_number, "mobile": mask_mobile, "name": mask_name}


def recorded_event(domain_event: Any) -> RecordedEvent:
    fields = {k: v for k, v in vars(domain_event).items() if k not in _ENVELOPE}
    actor = fields.pop("actor", None)
    occurred_on = fields.pop("occurred_on", None)
    payload = {
        k: _MASKS[k](v) if k in _MASKS and isinstance(v, str) else v for k, v in fields.items()
    }
    return RecordedEvent(
        type=type(domain_event).__qualname__,
        version=domain_event.originator_version,
        occurred_on=occurred_on,
        recorded_at=domain_event.timestamp,
        actor=actor,
        payload=payload,
    )
