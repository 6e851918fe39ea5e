"""The subsidy ledger (补贴台账): one row per subsidy, as it now stands.

Pure, like the case files: no SQL, no I/O, no clock — the same events give the
same rows whatever pages they come in. A subsidy's row carries the office that
registered its worker (and the worker's township, for the report), so lists and
reports filter without reading another read model: `Worker.Registered` fills a
small map of worker → office, township that this read model keeps for itself.

The statuses mirror `domain.subsidy.Subsidy` event by event. Money is integer
fen: `amount_fen` what the history now supports, `paid_amount_fen` what was
paid, `overpaid_fen` what was paid but is no longer supported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from application.projections.columns import fen, utc_text
from application.projections.subsidy_rows import SubsidyRow, SubsidyWorkerRow
from domain.subsidy import SubsidyStatus

__all__ = ["SubsidyFold", "SubsidyReads", "subsidies_to_read"]

S = SubsidyStatus


@dataclass
class SubsidyReads:
    """What a page needs from the tables before it is folded: the rows of the
    subsidies it changes but did not assess, and the worker of every subsidy
    it assesses, unless it registered that worker itself."""

    subsidies: set[str] = field(default_factory=set)
    workers: set[str] = field(default_factory=set)


def subsidies_to_read(events: Iterable[Any]) -> SubsidyReads:
    reads = SubsidyReads()
    registered, assessed = set(), set()
    for event in events:
        name = type(event).__qualname__
        if name == "Worker.Registered":
            registered.add(str(event.originator_id))
        elif name == "Subsidy.Assessed":
            assessed.add(str(event.originator_id))
            if str(event.worker_id) not in registered:
                reads.workers.add(str(event.worker_id))
        elif name.startswith("Subsidy.") and str(event.originator_id) not in assessed:
            reads.subsidies.add(str(event.originator_id))
    return reads


class SubsidyFold:
    """Folds events, in log order, into the rows read for their page."""

    def __init__(
        self,
        subsidies: Mapping[str, SubsidyRow] | None = None,
        workers: Mapping[str, SubsidyWorkerRow] | None = None,
    ) -> None:
        self.subsidies = {k: v.copy() for k, v in (subsidies or {}).items()}
        self.workers = dict(workers or {})
        self.new_workers: list[SubsidyWorkerRow] = []
        self._changed: set[str] = set()

    def apply_all(self, events: Iterable[tuple[int, Any]]) -> None:
        for position, event in events:
            self.apply(position, event)

    def apply(self, position: int, event: Any) -> None:
        name = type(event).__qualname__
        if name == "Worker.Registered":
            self._registered(event)
            return
        change = CHANGES.get(name)
        if change is None:
            return  # not a subsidy event
        key = str(event.originator_id)
        if name == "Subsidy.Assessed":
            self.subsidies[key] = self._assessed(event, position)
        row = self.subsidies.get(key)
        if row is None:
            return  # its assessment was never seen: nothing to fold into
        change(row, event)
        row["version"] = event.originator_version
        row["position"] = position
        row["updated_at"] = utc_text(event.timestamp)
        self._changed.add(key)

    def changed_rows(self) -> list[SubsidyRow]:
        """The changed rows in key order, so every run writes them alike."""
        return [self.subsidies[key] for key in sorted(self._changed)]

    def row(self, subsidy_id: object) -> SubsidyRow | None:
        return self.subsidies.get(str(subsidy_id))

    def _registered(self, event: Any) -> None:
        worker: SubsidyWorkerRow = {
            "worker_id": str(event.originator_id),
            "office": event.actor.office,
            "township": event.hukou_township,
        }
        self.workers[worker["worker_id"]] = worker
        self.new_workers.append(worker)

    def _assessed(self, event: Any, position: int) -> SubsidyRow:
        worker = self.workers.get(str(event.worker_id))
        return {
            "subsidy_id": str(event.originator_id),
            "worker_id": str(event.worker_id),
            "office": worker["office"] if worker else None,
            "township": worker["township"] if worker else None,
            "kind": event.kind,
            "basis": event.basis,
            "status": S.ASSESSED.value,
            "amount_fen": 0,
            "paid_amount_fen": None,
            "overpaid_fen": None,
            "policy_version": "",
            "arose_on": "",
            "assessed_on": event.occurred_on.isoformat(),
            "decided_on": None,
            "paid_on": None,
            "payment_reference": None,
            "assessed_position": position,
            "version": 0,
            "position": 0,
            "updated_at": "",
        }


# -- one function per event: what it does to the row ----------------------------------


def _take(row: SubsidyRow, event: Any) -> None:
    """What an evaluation found: the supported amount, its policy and date."""
    row["amount_fen"] = fen(event.amount)
    row["policy_version"] = event.policy_version
    row["arose_on"] = event.arose_on.isoformat()


def _assessed(row: SubsidyRow, event: Any) -> None:
    _take(row, event)


def _reassessed(row: SubsidyRow, event: Any) -> None:
    """Back to paid from overpaid; otherwise back to assessed, undecided."""
    _take(row, event)
    if row["status"] == S.OVERPAID:
        row["status"] = S.PAID.value
        row["overpaid_fen"] = None
    else:
        row["status"] = S.ASSESSED.value
        row["decided_on"] = None


def _approved(row: SubsidyRow, event: Any) -> None:
    row["status"] = S.APPROVED.value
    row["decided_on"] = event.occurred_on.isoformat()


def _rejected(row: SubsidyRow, event: Any) -> None:
    row["status"] = S.REJECTED.value
    row["decided_on"] = event.occurred_on.isoformat()


def _paid(row: SubsidyRow, event: Any) -> None:
    row["status"] = S.PAID.value
    row["paid_amount_fen"] = fen(event.amount)
    row["paid_on"] = event.paid_on.isoformat()
    row["payment_reference"] = event.payment_reference


def _revoked(row: SubsidyRow, _event: Any) -> None:
    row["status"] = S.REVOKED.value


def _withdrawn(row: SubsidyRow, _event: Any) -> None:
    row["status"] = S.WITHDRAWN.value


def _found_overpaid(row: SubsidyRow, event: Any) -> None:
    _take(row, event)
    row["status"] = S.OVERPAID.value
    row["overpaid_fen"] = fen(event.overpaid_amount)


CHANGES: dict[str, Callable[[SubsidyRow, Any], None]] = {
    "Subsidy.Assessed": _assessed,
    "Subsidy.Reassessed": _reassessed,
    "Subsidy.Approved": _approved,
    "Subsidy.Rejected": _rejected,
    "Subsidy.Paid": _paid,
    "Subsidy.Revoked": _revoked,
    "Subsidy.Withdrawn": _withdrawn,
    "Subsidy.FoundOverpaid": _found_overpaid,
}
