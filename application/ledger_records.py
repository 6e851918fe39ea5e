"""One ledger row as records: the worker's file, the transfer, the job spell and
who serves the worker — made by the aggregates' own commands, so each fact is
checked by the same rules as when a caseworker enters it, and becomes the same
events, dated with the ledger's dates and stamped with the row (the actor's
`imported_from`).

A row's transfer and job spell get ids derived from what identifies them in a
ledger (the worker, the destination and the departure date; the employer's
code and the start date): importing the row again finds them, and records
only what the record does not hold yet. A value that differs from the record
is a conflict: reported and never overwritten, while the row's other facts
that are new (a further month, the arrival) are still recorded. A row whose
worker another office registered is refused whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict, TypeVar
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from application.ledger_columns import Column
from application.ledger_facts import DEFAULT_EVIDENCE, Job, Mistake, Move, Person, RowFacts
from domain.actor import Actor
from domain.case_offices import CaseOffices, case_offices_id
from domain.contact import parse_mobile
from domain.exceptions import DomainError, InvalidValue
from domain.identity import ResidentIdNumber
from domain.placement import Placement
from domain.subsidy_months import month_end
from domain.text import clean_name
from domain.transfer import Transfer, TransferState
from domain.worker import Worker
from domain.worker_profile import parse_job_intention

# Namespace of the ids of imported transfers and job spells (a fixed random UUID).
LEDGER_RECORDS = UUID("6f1d4c2e-93a7-4b55-8d0e-2b7c1f6a9e41")

DIFFERS_WORKER = "differs from the worker's record; the record is kept"
DIFFERS_TRANSFER = "differs from the transfer's record; the record is kept"
DIFFERS_JOB = "differs from the job spell's record; the record is kept"

Load = Callable[[UUID], Any]
R = TypeVar("R", Transfer, Placement)
Receivers = Callable[[str, str], list[str]]

# The domain's field names, as the ledger's columns.
FIELD_COLUMNS = {
    "name": Column.NAME,
    "id_number": Column.ID_NUMBER,
    "mobile": Column.MOBILE,
    "hukou_division": Column.HUKOU_DIVISION,
    "hukou_township": Column.TOWNSHIP,
    "poverty_status": Column.POVERTY_STATUS,
    "education": Column.EDUCATION,
    "destination": Column.DESTINATION,
    "channel": Column.CHANNEL,
    "mode": Column.TRAVEL_MODE,
    "employer_name": Column.EMPLOYER_NAME,
    "employer_code": Column.EMPLOYER_CODE,
    "position": Column.POSITION,
    "monthly_wage": Column.MONTHLY_WAGE,
    "contract_type": Column.CONTRACT_TYPE,
    "start_date": Column.STARTED_ON,
    "end_date": Column.ENDED_ON,
    "month": Column.MONTHS_CONFIRMED,
    "note": Column.NOTE,
}


class Stamped(TypedDict):
    """Who records a row's facts (the importer, with the row) and today's date."""

    actor: Actor
    today: date


class RowRefused(Exception):
    """The row cannot be recorded: what is wrong, by column."""

    def __init__(self, mistakes: list[Mistake]) -> None:
        super().__init__(mistakes)
        self.mistakes = mistakes


@dataclass
class RowRecords:
    """The records a row changes (each with its new events pending)."""

    worker_id: UUID
    touched: list[Aggregate] = field(default_factory=list)
    # Values differing from the records, which are kept: reported with the row.
    conflicts: list[Mistake] = field(default_factory=list)
    worker_on_record: bool = False  # registered before this row (by hand, or imported)

    def add(self, aggregate: Aggregate | None) -> None:
        if aggregate is not None and aggregate not in self.touched:
            self.touched.append(aggregate)

    @property
    def changed(self) -> list[Aggregate]:
        return [a for a in self.touched if a.pending_events]

    @property
    def event_count(self) -> int:
        return sum(len(a.pending_events) for a in self.touched)


def transfer_id_for(worker_id: UUID, move: Move) -> UUID:
    return uuid5(LEDGER_RECORDS, f"transfer/{worker_id}/{move.destination}/{move.departed_on}")


def placement_id_for(worker_id: UUID, job: Job) -> UUID:
    return uuid5(LEDGER_RECORDS, f"placement/{worker_id}/{job.employer_code}/{job.started_on}")


@contextmanager
def step(column: Column) -> Iterator[None]:
    """A domain rule refusing a fact: reported against the field it names, or
    else the column of the step (the departure's date, the start date…)."""
    try:
        yield
    except InvalidValue as error:
        raise RowRefused([Mistake(FIELD_COLUMNS.get(error.field, column), error.message)]) from None
    except DomainError as error:
        raise RowRefused([Mistake(column, str(error))]) from None


@dataclass(frozen=True)
class RowRecorder:
    """Turns a row's facts into records. `load`: the record with an id, or None
    (always None where the rows are taken to be new: the fast path)."""

    importer: Actor
    worker_id: Callable[[ResidentIdNumber], UUID]
    receivers: Receivers
    province_of_office: str
    today: date
    # The ids of a worker's records (a read model's list): where a transfer or
    # job spell entered by hand is looked for before the row makes its own.
    records_of: Callable[[UUID], list[UUID]] = lambda worker_id: []

    def records(self, facts: RowFacts, actor: Actor, load: Load) -> RowRecords:
        person = facts.person
        with step(Column.ID_NUMBER):
            id_number = ResidentIdNumber.parse(person.id_number, today=self.today)
        worker_id = self.worker_id(id_number)
        records = RowRecords(worker_id)
        worker = load(worker_id)
        if worker is None:
            worker = self._register(worker_id, id_number, person, facts.note, actor)
        else:
            self._ensure_ours(worker)
            records.worker_on_record = True
            records.conflicts.extend(self._person_differences(worker, person))
        records.add(worker)
        offices: CaseOffices | None = load(case_offices_id(worker_id))
        transfer = None
        if facts.move is not None:
            transfer, offices = self._move(worker, facts.move, offices, actor, load, records)
            records.add(transfer)
            records.add(offices)
        if facts.job is not None:
            records.add(self._job(worker, facts.job, transfer, actor, load, records))
        return records

    # -- the person -------------------------------------------------------------

    def _register(
        self,
        worker_id: UUID,
        id_number: ResidentIdNumber,
        person: Person,
        note: str | None,
        actor: Actor,
    ) -> Worker:
        with step(Column.REGISTERED_ON):
            return Worker.register(
                worker_id=worker_id,
                id_number=id_number,
                name=person.name,
                mobile=person.mobile,
                hukou_division=person.hukou_division,
                hukou_township=person.township,
                poverty_status=person.poverty_status,
                education=person.education,
                skills=[],
                job_intention=parse_job_intention(None, None),
                # An office's ledger lists the workers it registered, each with
                # the consent its registration form asks for.
                consent=True,
                actor=actor,
                occurred_on=person.registered_on,
                today=self.today,
                note=note,
            )

    def _ensure_ours(self, worker: Worker) -> None:
        if worker.registered_by.office != self.importer.office:
            raise RowRefused([Mistake(Column.ID_NUMBER, "is registered by another office")])

    @staticmethod
    def _person_differences(worker: Worker, person: Person) -> list[Mistake]:
        """Where the row's person differs from the worker on record."""
        return [
            Mistake(column, DIFFERS_WORKER)
            for column, ours, theirs in (
                (Column.NAME, worker.name, clean_name(person.name, "name", max_length=50)),
                (Column.MOBILE, worker.mobile, parse_mobile(person.mobile)),
                (Column.POVERTY_STATUS, worker.poverty_status.value, person.poverty_status),
                (Column.HUKOU_DIVISION, worker.hukou_division, person.hukou_division),
            )
            if ours != theirs
        ]

    # -- the transfer --------------------------------------------------------------

    def _move(
        self,
        worker: Worker,
        move: Move,
        offices: CaseOffices | None,
        actor: Actor,
        load: Load,
        records: RowRecords,
    ) -> tuple[Transfer, CaseOffices | None]:
        transfer: Transfer | None = load(transfer_id_for(worker.id, move))
        if transfer is None and records.worker_on_record:
            transfer = self._entered_by_hand(worker.id, Transfer, load, _same_trip(move))
        receiver = self.receivers(worker.registered_by.office, move.destination)[0]
        stamp = Stamped(actor=actor, today=self.today)
        if transfer is None:
            with step(Column.DEPARTED_ON):
                transfer = Transfer.arrange(
                    worker=worker.dates,
                    destination=move.destination,
                    channel=move.channel,
                    planned_on=move.departed_on,
                    transfer_id=transfer_id_for(worker.id, move),
                    occurred_on=move.departed_on,
                    **stamp,
                )
        transfer_id = transfer.id
        if transfer.state is TransferState.ARRANGED:  # new, or arranged by hand
            with step(Column.DEPARTED_ON):
                transfer.record_departure(
                    mode=move.travel_mode, occurred_on=move.departed_on, **stamp
                )
            offices = offices or _opened(worker, actor)
            offices.expect(
                transfer_id=transfer_id, offices=[receiver], occurred_on=move.departed_on, **stamp
            )
        if move.arrived_on is not None:
            if transfer.arrived_on is None:
                with step(Column.ARRIVED_ON):
                    transfer.confirm_arrival(
                        occurred_on=move.arrived_on, confirmed_by=receiver, **stamp
                    )
                offices = offices or _opened(worker, actor)
                offices.receive(
                    office=receiver, transfer_id=transfer_id, occurred_on=move.arrived_on, **stamp
                )
            elif transfer.arrived_on != move.arrived_on:
                records.conflicts.append(Mistake(Column.ARRIVED_ON, DIFFERS_TRANSFER))
        return transfer, offices

    def _entered_by_hand(
        self, worker_id: UUID, kind: type[R], load: Load, same: Callable[[R], bool]
    ) -> R | None:
        """The worker's record of this kind that `same` recognises, if any: a
        ledger row repeating what a caseworker entered becomes no second record."""
        for record_id in self.records_of(worker_id):
            record = load(record_id)
            if isinstance(record, kind) and same(record):
                return record
        return None

    # -- the job spell ---------------------------------------------------------------

    def _job(
        self,
        worker: Worker,
        job: Job,
        transfer: Transfer | None,
        actor: Actor,
        load: Load,
        records: RowRecords,
    ) -> Placement:
        placement_id = placement_id_for(worker.id, job)
        placement: Placement | None = load(placement_id)
        if placement is None and records.worker_on_record:
            placement = self._entered_by_hand(worker.id, Placement, load, _same_spell(job))
        stamp = Stamped(actor=actor, today=self.today)
        workplace = job.workplace_division or self.importer.office
        if placement is None:
            with step(Column.STARTED_ON):
                placement = Placement.start(
                    worker=worker.dates,
                    transfer=transfer,
                    employer_name=job.employer_name,
                    employer_code=job.employer_code,
                    workplace_division=workplace,
                    position=job.position,
                    monthly_wage=job.monthly_wage,
                    contract_type=job.contract_type,
                    kind="cross_province"
                    if workplace[:2] != self.province_of_office
                    else "local_enterprise",
                    placement_id=placement_id,
                    occurred_on=job.started_on,
                    **stamp,
                )
        else:
            records.conflicts.extend(self._job_differences(placement, job))
        if job.ended_on is not None and placement.ended_on is None:
            with step(Column.ENDED_ON):
                placement.end(reason=job.end_reason, occurred_on=job.ended_on, **stamp)
        elif job.ended_on is not None and placement.ended_on != job.ended_on:
            records.conflicts.append(Mistake(Column.ENDED_ON, DIFFERS_JOB))
        for month in job.months:
            if month in placement.confirmations:
                continue
            with step(Column.MONTHS_CONFIRMED):
                placement.confirm_month(
                    month=month,
                    evidence=DEFAULT_EVIDENCE,
                    # Confirmed when the month's pay was: its last day (or today,
                    # for the month still running).
                    occurred_on=min(month_end(month), self.today),
                    **stamp,
                )
        return placement

    @staticmethod
    def _job_differences(placement: Placement, job: Job) -> list[Mistake]:
        return [
            Mistake(column, DIFFERS_JOB)
            for column, ours, theirs in (
                (Column.EMPLOYER_NAME, placement.employer_name, job.employer_name),
                (Column.POSITION, placement.position, job.position),
                (Column.MONTHLY_WAGE, placement.monthly_wage, job.monthly_wage),
            )
            if ours != theirs
        ]


def _same_trip(move: Move) -> Callable[[Transfer], bool]:
    """A transfer entered by hand that is the row's: to the same place, departed
    (or, not departed yet, planned) on the row's departure date."""

    def same(transfer: Transfer) -> bool:
        when = transfer.departed_on or (
            transfer.planned_on if transfer.state is TransferState.ARRANGED else None
        )
        return transfer.destination == move.destination and when == move.departed_on

    return same


def _same_spell(job: Job) -> Callable[[Placement], bool]:
    """A job spell entered by hand that is the row's: same employer, same start."""
    return lambda p: p.employer_code == job.employer_code and p.started_on == job.started_on


def _opened(worker: Worker, actor: Actor) -> CaseOffices:
    """Who serves a worker, first written down when the ledger moves them: the
    registering office, from the registration."""
    return CaseOffices.open(
        worker_id=worker.id,
        home_office=worker.registered_by.office,
        actor=actor,
        occurred_on=worker.registered_on,
    )
