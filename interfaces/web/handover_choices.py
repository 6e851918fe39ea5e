"""What a handover form offers to choose: the offices a worker may be handed to,
and the offers the reader's office may decide or withdraw."""

from __future__ import annotations

from application.handover_commands import OfficeDetails, ServedBy
from domain.actor import Actor
from domain.case_offices import OfferState
from interfaces.i18n.catalogue import Language
from interfaces.web.formats import day
from interfaces.web.forms import Choices


def handover_choices(
    served: ServedBy, offices: list[OfficeDetails], reader: Actor, lang: Language
) -> dict[str, Choices]:
    names = {o.code: o.name for o in offices}
    home = next((o for o in offices if o.code == served.home_office), None)
    partners = set(home.partners) if home else set()
    # The registering office's partners; home again when a receiving office gives the worker back.
    targets = sorted(partners - {served.home_office, served.host_office, reader.office})
    if reader.office == served.host_office:
        targets.insert(0, served.home_office)
    pending = [h for h in served.handovers if h.state == OfferState.PENDING]
    offers = [
        (
            str(h.offer_id),
            f"{names.get(h.from_office, h.from_office)} → {names.get(h.to_office, h.to_office)}"
            f" · {day(h.offered_on, lang)} · {h.reason}",
        )
        for h in pending
        if reader.office in (h.to_office, h.from_office)
    ]
    return {
        "to_office": [(code, f"{names.get(code, code)}（{code}）") for code in targets],
        "offer_id": offers,
    }
