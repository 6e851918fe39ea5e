"""The rows of the case files, declared once: each table's columns are the keys
of its row type, and the infrastructure derives the table from it (`Table.of`).

Rows hold portable values only, so SQLite and PostgreSQL store and give back
exactly what the fold wrote: ids and dates as ISO text, money as integer fen,
flags as 0/1, a placement's months as sorted comma-separated `YYYY-MM` text.
Adding a column is adding a key here (and to the row the fold creates: mypy
says where); an existing database gains it by rebuilding the read model.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Generic, Literal, TypedDict, TypeVar

from application.projections.columns import BigInt, Position


class WorkerRow(TypedDict):
    """A worker's case file (劳动力档案): who, where from, and how far along."""

    worker_id: str
    name: str
    id_last4: str  # in the clear, for search; the rest of the number only masked
    id_number_masked: str
    sex: str
    birth_date: str
    hukou_division: str
    township: str | None
    office: str  # the home office: the one that registered the worker (服务归属的户籍地一方)
    poverty_status: str
    status: str
    stage: str  # a JourneyStage
    registered_on: str
    registered_year: int
    registered_position: Position
    trainings_completed: int
    certificates: int
    transfers_arrived: int
    current_placement_id: str | None
    active_placements: str  # `started_on/placement_id` of each active spell, sorted
    confirmed_months: int
    stable_placements: int
    open_disputes: int
    last_position: Position
    host_office: str | None  # the receiving office serving them now (from arrival or handover)
    # Derived from worker_id (domain.case_offices): how a page finds the worker
    # of a CaseOffices event, which names only its own record.
    case_offices_id: str


class TrainingRow(TypedDict):
    training_id: str
    worker_id: str
    course_name: str
    training_type: str
    state: str
    enrolled_on: str
    completed_on: str | None
    result: str | None
    certified_on: str | None
    office: str  # the office that enrolled the worker: each fact counts for one office


class TransferRow(TypedDict):
    transfer_id: str
    worker_id: str
    destination: str
    channel: str
    state: str
    arranged_on: str
    departed_on: str | None
    arrived_on: str | None
    cancelled_on: str | None
    returned_on: str | None
    poverty_status_at_arrangement: str | None
    office: str  # the office that arranged the transfer
    confirmed_by_office: str | None  # the office that confirmed the arrival
    # Comma-separated codes of the receiving offices that may confirm the
    # arrival (CaseOffices.ArrivalExpected) and read the file until it is confirmed.
    expected_offices: str


class PlacementRow(TypedDict):
    placement_id: str
    worker_id: str
    transfer_id: str | None
    kind: str
    employer_name: str
    workplace_division: str
    monthly_wage_fen: int  # INTEGER, as the table has always been: below 2**31 fen
    state: str
    started_on: str
    ended_on: str | None
    months: str
    longest_run: int
    stable: int  # 0/1
    stable_since: str | None
    office: str  # the office that recorded the start: where the worker works


class DisputeRow(TypedDict):
    dispute_id: str
    worker_id: str
    kind: str
    status: str
    employer_name: str
    amount_claimed_fen: BigInt
    amount_agreed_fen: BigInt | None
    amount_recovered_fen: BigInt | None
    opened_on: str
    mediation_due_on: str
    mediator: str | None
    escalated_to: str | None
    settled_on: str | None
    closed_on: str | None
    opened_position: Position
    last_position: Position
    office: str  # the office that accepted the dispute


class HandoverRow(TypedDict):
    """A handover offered between offices (移交), as it now stands."""

    offer_id: str
    worker_id: str
    from_office: str
    to_office: str
    reason: str
    offered_on: str
    offered_by: str
    state: str  # a domain.case_offices.OfferState
    decided_on: str | None
    offered_position: Position


# A row of any of the case files' tables.
Row = WorkerRow | TrainingRow | TransferRow | PlacementRow | DisputeRow | HandoverRow

WORKERS = "workers"
TRAININGS = "trainings"
TRANSFERS = "transfers"
PLACEMENTS = "placements"
DISPUTES = "disputes"
HANDOVERS = "handovers"
KEYS = {
    WORKERS: "worker_id",
    TRAININGS: "training_id",
    TRANSFERS: "transfer_id",
    PLACEMENTS: "placement_id",
    DISPUTES: "dispute_id",
    HANDOVERS: "offer_id",
}


class JourneyStage(StrEnum):
    """The furthest milestone of a worker's journey. It never goes back, but for
    one correction: when a withdrawn month leaves the worker no stable placement,
    `stably_employed` returns to `placed`."""

    REGISTERED = "registered"  # 已登记
    TRAINED = "trained"  # 已培训: a course completed (结业) or certified
    TRANSFERRED = "transferred"  # 已转移: an organised transfer arrived
    PLACED = "placed"  # 已就业: a job spell started
    STABLY_EMPLOYED = "stably_employed"  # 稳定就业: 6+ consecutive confirmed months


_RANK = {stage.value: rank for rank, stage in enumerate(JourneyStage)}


def further(current: str, reached: JourneyStage) -> str:
    """The later of two stages."""
    return reached.value if _RANK[reached.value] > _RANK[current] else current


# The row of the worker a record belongs to; None if its registration was never seen.
Worker = WorkerRow | None
Counter = Literal["trainings_completed", "certificates", "transfers_arrived"]


def reach(worker: Worker, stage: JourneyStage, counter: Counter | None = None) -> None:
    """The worker has reached `stage` (if further than before), and one more `counter`."""
    if worker is None:
        return
    worker["stage"] = further(worker["stage"], stage)
    if counter is not None:
        worker[counter] += 1


R = TypeVar("R", bound=Mapping[str, object])


class Records(Generic[R]):
    """One table's rows as a page reads and writes them, and which it changed."""

    def __init__(self, rows: Mapping[str, R] | None = None) -> None:
        self.rows: dict[str, R] = dict(rows or {})
        self.changed: set[str] = set()

    def create(self, record_id: str, row: R) -> R:
        self.rows[record_id] = row
        self.changed.add(record_id)
        return row

    def get(self, record_id: object) -> R | None:
        """The record's row, marked as changed; None if the page never saw it created."""
        key = str(record_id)
        row = self.rows.get(key)
        if row is not None:
            self.changed.add(key)
        return row

    def changed_rows(self) -> list[R]:
        """The changed rows in key order, so every run writes them alike."""
        return [self.rows[key] for key in sorted(self.changed)]
