"""Reading one record: its current state and its events, personal data masked."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.base import JourneyBase
from application.exceptions import WorkerNotFound
from application.views import RecordedEvent, WorkerDetails
from domain.contact import mask_mobile, mask_name
from domain.divisions import division_name
from domain.identity import mask_id_number
from domain.worker import Worker

# Event attributes that are bookkeeping, shown apart from the payload.
_ENVELOPE = {"originator_id", "originator_version", "originator_topic", "timestamp"}
_MASKS = {"id_number": mask_id_number, "mobile": mask_mobile, "name": mask_name}


class HistoryQueries(JourneyBase):
    def worker_details(self, worker_id: UUID) -> WorkerDetails:
        worker = self._load_as(Worker, worker_id, WorkerNotFound)
        return WorkerDetails(
            id=worker.id,
            version=worker.version,
            status=worker.status.value,
            name=worker.name,
            id_number_masked=mask_id_number(worker.id_number),
            sex=worker.sex,
            birth_date=worker.birth_date,
            mobile=worker.mobile,
            hukou_division=worker.hukou_division,
            hukou_division_name=division_name(worker.hukou_division),
            hukou_township=worker.hukou_township,
            poverty_status=worker.poverty_status.value,
            poverty_status_since=worker.poverty_status_since,
            education=worker.education,
            skills=list(worker.skills),
            job_intention_destination=worker.job_intention.destination,
            job_intention_sector=worker.job_intention.sector,
            support_services=[dict(s) for s in worker.support_services],
            registered_on=worker.registered_on,
            registered_by=worker.registered_by,
            created_at=worker.created_on,
            modified_at=worker.modified_on,
        )

    def worker_events(self, worker_id: UUID) -> list[RecordedEvent]:
        """The worker's events in order, each as recorded, with names, ID
        numbers and phone numbers masked."""
        events = list(self.events.get(worker_id))
        if not events or not isinstance(self._load(worker_id, WorkerNotFound), Worker):
            raise WorkerNotFound(worker_id)
        return [_recorded_event(e) for e in events]


def _recorded_event(domain_event: Any) -> RecordedEvent:
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
