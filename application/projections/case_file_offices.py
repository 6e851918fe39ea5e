"""How the events of who serves a worker (domain.case_offices: home and host
office, handover 移交) change the worker's row, the transfers awaiting an
arrival, and the handovers table.

They mirror `CaseOffices` event by event — its lapsing rule included — so the
worker's `host_office` and each offer's state are what the record itself says.
The events name only the CaseOffices record (but `Opened`, which names the
worker): the fold finds the worker by the record's id, kept in its row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from application.projections.case_file_rows import HandoverRow, Records, TransferRow, WorkerRow
from application.projections.columns import iso, text
from domain.case_offices import OfferState

OWNER = "CaseOffices"
OPENED = "CaseOffices.Opened"
# The events that name a transfer: its arrival is expected, or confirmed.
NAMING_A_TRANSFER = frozenset({"CaseOffices.ArrivalExpected", "CaseOffices.Received"})


@dataclass(frozen=True)
class Serving:
    """What one CaseOffices event may change: the worker's row, the worker's
    handovers and the transfers of the page."""

    worker: WorkerRow
    handovers: Records[HandoverRow]
    transfers: Records[TransferRow]
    position: int

    def pending(self) -> list[HandoverRow]:
        worker_id = self.worker["worker_id"]
        return [
            row
            for row in self.handovers.rows.values()
            if row["worker_id"] == worker_id and row["state"] == OfferState.PENDING.value
        ]

    def set_state(self, offer: HandoverRow, state: OfferState, on: str | None) -> None:
        self.handovers.get(offer["offer_id"])  # marks it changed
        offer["state"] = state.value
        offer["decided_on"] = on

    def serve(self, host: str | None) -> None:
        """A new host office (None: the home office alone). As the record does,
        pending offers that no longer make sense lapse: from an office that no
        longer serves, or to one that now does (but an offer back home)."""
        self.worker["host_office"] = host
        home = self.worker["office"]
        serving = (home,) if host is None else (home, host)
        for offer in self.pending():
            back_home = offer["to_office"] == home and offer["from_office"] == host
            if offer["from_office"] not in serving or (
                offer["to_office"] in serving and not back_home
            ):
                self.set_state(offer, OfferState.LAPSED, None)


def _opened(s: Serving, e: Any) -> None:
    # The record is opened with the registering office (or, for a worker
    # registered before, the office of the registration's actor).
    s.worker["office"] = e.home_office
    s.worker["host_office"] = None


def _arrival_expected(s: Serving, e: Any) -> None:
    transfer = s.transfers.get(e.transfer_id)
    if transfer is not None:
        transfer["expected_offices"] = ",".join(e.offices)


def _received(s: Serving, e: Any) -> None:
    transfer_id = getattr(e, "transfer_id", None)
    transfer = s.transfers.get(transfer_id) if transfer_id is not None else None
    if transfer is not None:
        transfer["expected_offices"] = ""
    # An arrival at home changes nobody's service.
    if e.office != s.worker["office"]:
        s.serve(e.office)


def _released(s: Serving, _: Any) -> None:
    s.serve(None)


def _offered(s: Serving, e: Any) -> None:
    s.handovers.create(
        text(e.offer_id),
        {
            "offer_id": text(e.offer_id),
            "worker_id": s.worker["worker_id"],
            "from_office": e.from_office,
            "to_office": e.to_office,
            "reason": e.reason,
            "offered_on": iso(e.occurred_on),
            "offered_by": e.actor.user,
            "state": OfferState.PENDING.value,
            "decided_on": None,
            "offered_position": s.position,
        },
    )


def _accepted(s: Serving, e: Any) -> None:
    offer = s.handovers.get(e.offer_id)
    if offer is None:
        return  # its offer was never seen
    s.set_state(offer, OfferState.ACCEPTED, iso(e.occurred_on))
    # One handover wins: every other pending offer of the worker lapses.
    for other in s.pending():
        s.set_state(other, OfferState.LAPSED, None)
    s.serve(None if offer["to_office"] == s.worker["office"] else offer["to_office"])


def _decided(state: OfferState) -> Callable[[Serving, Any], None]:
    def change(s: Serving, e: Any) -> None:
        offer = s.handovers.get(e.offer_id)
        if offer is not None:
            s.set_state(offer, state, iso(e.occurred_on))

    return change


OFFICE_CHANGES: Mapping[str, Callable[[Serving, Any], None]] = {
    OPENED: _opened,
    "CaseOffices.ArrivalExpected": _arrival_expected,
    "CaseOffices.Received": _received,
    "CaseOffices.Released": _released,
    "CaseOffices.HandoverOffered": _offered,
    "CaseOffices.HandoverAccepted": _accepted,
    "CaseOffices.HandoverDeclined": _decided(OfferState.DECLINED),
    "CaseOffices.HandoverWithdrawn": _decided(OfferState.WITHDRAWN),
}
