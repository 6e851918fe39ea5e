"""Importing a ledger on every persistence: rows become the commands' events,
dated with the ledger's dates and stamped with the row; bad rows are reported
and write nothing; the same rows again record nothing; a later ledger records
only what is new, and reports what conflicts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from eventsourcing.application import AggregateNotFoundError

from application.identity import worker_id_for
from application.journey import Journey
from application.ledger_columns import Column
from application.ledger_facts import Move
from application.ledger_import import LedgerImport
from application.ledger_records import placement_id_for, transfer_id_for
from application.ledger_rows import LedgerRow, RowProblem
from domain.actor import Actor, Role
from domain.identity import ResidentIdNumber
from domain.placement import Placement
from domain.transfer import Transfer, TransferState
from domain.worker import Worker
from tests.support.factories import id_number
from tests.support.hand_entries import entered_by_hand
from tests.support.offices import EVERYONE, register_offices

IMPORTER = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
SHA = hashlib.sha256(b"ledger 2024").hexdigest()


@dataclass
class Ledger:
    lines: list[dict[Column, Any]]
    sha256: str = SHA
    sheet: str = "2024年"

    def rows(self) -> Iterator[LedgerRow]:
        for n, cells in enumerate(self.lines, start=3):  # a title row, then the header
            yield LedgerRow(sheet=self.sheet, row=n, cells=cells)


def line(number: str, **cells: Any) -> dict[Column, Any]:
    base: dict[Column, Any] = {
        Column.NAME: "冉光明",
        Column.ID_NUMBER: number,
        Column.MOBILE: 13800138000,  # a number cell, as spreadsheets hold phones
        Column.TOWNSHIP: "骡坪镇",
        Column.POVERTY_STATUS: "脱贫人口",
        Column.EDUCATION: "初中",
        Column.DESTINATION: "烟台市莱山区",
        Column.DEPARTED_ON: datetime(2024, 3, 1),
        Column.ARRIVED_ON: "2024年3月2日",
        Column.EMPLOYER_NAME: "烟台某某电子有限公司",
        Column.EMPLOYER_CODE: "91370600MA3C7X8K01",
        Column.POSITION: "普工",
        Column.MONTHLY_WAGE: "5,200元",
        Column.STARTED_ON: 45356,  # an Excel serial: 2024-03-05
        Column.MONTHS_CONFIRMED: "2024-03至2024-08",
    }
    base.update({Column(k): v for k, v in cells.items()})
    return {k: v for k, v in base.items() if v is not None}


def run(journey: Journey, ledger: Ledger, *, commit: bool = True) -> tuple[Any, list[RowProblem]]:
    found: list[RowProblem] = []
    importing = LedgerImport(
        store=journey,
        importer=IMPORTER,
        commit=commit,
        problems=found.append,
        translate=lambda message: f"zh:{message}",
        batch_rows=2,
    )
    return importing.run(ledger), found


@pytest.fixture
def offices(journey: Journey) -> Journey:
    register_offices(journey, districts=True)
    return journey


def worker_id(journey: Journey, number: str) -> Any:
    return worker_id_for(ResidentIdNumber.parse(number, today=date.today()), journey.identity_key)


def test_rows_become_the_journey_dated_by_the_ledger_and_stamped(offices: Journey) -> None:
    journey = offices
    numbers = [id_number() for _ in range(3)]
    counts, problems = run(journey, Ledger([line(n) for n in numbers]))
    assert problems == []
    assert (counts.rows, counts.recorded, counts.refused, counts.unchanged) == (3, 3, 0, 0)
    wid = worker_id(journey, numbers[1])
    worker = journey.repository.get(wid)
    assert isinstance(worker, Worker)
    assert worker.registered_on == date(2024, 3, 1)  # the earliest date of the row
    assert worker.mobile == "13800138000"
    transfer = journey.repository.get(transfer_id_for(wid, _move()))
    assert isinstance(transfer, Transfer)
    assert transfer.state is TransferState.ARRIVED
    assert transfer.arrived_on == date(2024, 3, 2)
    assert transfer.confirmed_by_office == "370613"  # the partner district covering it
    placement = journey.repository.get(placement_id_for(wid, _job()))
    assert isinstance(placement, Placement)
    assert placement.started_on == date(2024, 3, 5)
    assert placement.transfer_id == transfer.id
    assert placement.confirmed_months == [f"2024-{m:02d}" for m in range(3, 9)]
    assert str(placement.monthly_wage) == "5200.00"
    # Every event of the row carries the file, the sheet and the row.
    events = list(journey.events.get(wid)) + list(journey.events.get(placement.id))
    stamps = {e.actor.imported_from for e in events}
    assert len(stamps) == 1
    (stamp,) = stamps
    assert (stamp.ledger_sha256, stamp.sheet, stamp.row) == (SHA, "2024年", 4)
    assert {e.actor.user for e in events} == {"li.ming"}
    # Who serves her: the receiving district from the arrival on.
    served = journey.served_by(wid, EVERYONE)
    assert served.host_office == "370613"


def _move() -> Move:
    return Move("370613", "labour_office", date(2024, 3, 1), "chartered_bus", None)


def _job() -> Any:
    # Only what identifies a job spell in a ledger: the employer and the start.
    return SimpleNamespace(employer_code="91370600MA3C7X8K01", started_on=date(2024, 3, 5))


def test_a_bad_row_is_reported_by_column_and_writes_nothing(offices: Journey) -> None:
    journey = offices
    good, bad = id_number(), id_number()
    broken = bad[:-1] + ("0" if bad[-1] != "0" else "1")  # wrong check digit
    ledger = Ledger(
        [
            line(good),
            line(broken, **{"mobile": "1234", "departed_on": "2024-02-30"}),
            line(id_number(), **{"started_on": "2023-01-01"}),  # before its transfer
        ]
    )
    counts, problems = run(journey, ledger)
    assert (counts.recorded, counts.refused) == (1, 2)
    by_row: dict[int, set[Any]] = {}
    for p in problems:
        by_row.setdefault(p.row, set()).add(p.column)
    # Every mistake of a row at once: its ID number, mobile and date.
    assert {Column.ID_NUMBER, Column.MOBILE, Column.DEPARTED_ON} <= by_row[4]
    assert by_row[5] == {Column.STARTED_ON}
    # Personal values are masked in the report; reasons come in both languages.
    id_problem = next(p for p in problems if p.column is Column.ID_NUMBER)
    assert broken not in id_problem.value and "*" in id_problem.value
    assert all(p.reason_en and p.reason_zh for p in problems)
    assert not _exists(journey, broken[:-1] + bad[-1])


def _exists(journey: Journey, number: str) -> bool:
    return worker_id(journey, number) in journey.repository


def test_an_id_number_twice_in_the_file_is_reported_not_guessed(offices: Journey) -> None:
    journey = offices
    twice = id_number()
    counts, problems = run(
        journey, Ledger([line(twice), line(id_number()), line(twice, name="冉光辉")])
    )
    assert (counts.recorded, counts.refused) == (1, 2)
    assert {p.row for p in problems} == {3, 5}
    assert all("2 rows" in p.reason_en for p in problems)
    assert not _exists(journey, twice)


def test_the_same_ledger_twice_records_nothing(offices: Journey) -> None:
    journey = offices
    ledger = Ledger([line(id_number()) for _ in range(5)])
    first, _ = run(journey, ledger)
    head = journey.recorder.max_notification_id()
    again, problems = run(journey, ledger)
    assert problems == []
    assert (again.recorded, again.unchanged, again.events) == (0, 5, 0)
    assert journey.recorder.max_notification_id() == head
    assert first.events > 5 * 10


def test_a_later_ledger_records_only_what_is_new_and_reports_conflicts(offices: Journey) -> None:
    journey = offices
    a, b, c, d = id_number(), id_number(), id_number(), id_number()
    run(
        journey,
        Ledger(
            [
                line(a, months_confirmed="2024-03至2024-05"),
                line(
                    b,
                    arrived_on=None,
                    employer_name=None,
                    employer_code=None,
                    position=None,
                    monthly_wage=None,
                    started_on=None,
                    months_confirmed=None,
                ),
                line(c),
                line(d, months_confirmed="2024-03至2024-05"),
            ]
        ),
    )
    later = Ledger(
        [
            line(a, months_confirmed="2024-03至2024-07"),  # two more months
            line(
                b,
                employer_name=None,
                employer_code=None,
                position=None,
                monthly_wage=None,
                started_on=None,
                months_confirmed=None,
            ),  # arrived
            line(c, mobile="13900139000"),  # a different phone: reported, kept
            # A different wage, and a later month: the month recorded, the wage reported.
            line(d, monthly_wage="5,800元", months_confirmed="2024-03至2024-06"),
        ],
        sha256=hashlib.sha256(b"ledger 2024 v2").hexdigest(),
    )
    counts, problems = run(journey, later)
    assert (counts.recorded, counts.unchanged, counts.refused) == (3, 1, 0)
    assert counts.conflicting == 2
    assert [(p.row, p.column, p.reason_en) for p in problems] == [
        (5, Column.MOBILE, "differs from the worker's record; the record is kept"),
        (6, Column.MONTHLY_WAGE, "differs from the job spell's record; the record is kept"),
    ]
    spell_d = journey.repository.get(placement_id_for(worker_id(journey, d), _job()))
    assert spell_d.confirmed_months == [f"2024-{m:02d}" for m in range(3, 7)]
    assert spell_d.monthly_wage == Decimal("5200.00")
    placement = journey.repository.get(placement_id_for(worker_id(journey, a), _job()))
    assert placement.confirmed_months == [f"2024-{m:02d}" for m in range(3, 8)]
    wc = journey.repository.get(worker_id(journey, c))
    assert wc.mobile == "13800138000"
    # b's transfer arrived; its arrival carries the later file's stamp.
    wb = worker_id(journey, b)
    transfer = journey.repository.get(transfer_id_for(wb, _move()))
    assert transfer.state is TransferState.ARRIVED
    last = list(journey.events.get(transfer.id))[-1]
    assert last.actor.imported_from.ledger_sha256 == later.sha256


def test_a_dry_run_reports_the_same_and_writes_nothing(offices: Journey) -> None:
    journey = offices
    head = journey.recorder.max_notification_id()
    ledger = Ledger([line(id_number()), line(id_number(), mobile="12")])
    counts, problems = run(journey, ledger, commit=False)
    assert (counts.recorded, counts.refused) == (1, 1)
    assert [p.column for p in problems] == [Column.MOBILE]
    assert journey.recorder.max_notification_id() == head


def test_a_worker_of_another_office_is_reported(offices: Journey) -> None:
    journey = offices
    number = id_number()
    yantai = Actor(user="wang.fang", role=Role.CASEWORKER, office="370600")
    found: list[RowProblem] = []
    LedgerImport(
        store=journey,
        importer=IMPORTER,
        commit=True,
        problems=found.append,
        translate=str,
    ).run(Ledger([line(number)]))
    other = LedgerImport(
        store=journey,
        importer=yantai,
        commit=True,
        problems=found.append,
        translate=str,
    )
    counts = other.run(Ledger([line(number, hukou_division="500237")]))
    assert counts.refused == 1
    assert found[-1].column in (Column.ID_NUMBER, Column.HUKOU_DIVISION)


NO_JOB = dict.fromkeys(
    [
        "employer_name",
        "employer_code",
        "position",
        "monthly_wage",
        "started_on",
        "months_confirmed",
    ]
)


def test_a_row_repeating_what_was_entered_by_hand_makes_no_second_record(
    offices: Journey,
) -> None:
    journey = offices
    arrived, planned = id_number(), id_number()
    w1, t1, p1 = entered_by_hand(journey, arrived, arrived=True)
    w2, t2, _ = entered_by_hand(journey, planned, arrived=False)
    known = {w1: [w1, t1, p1], w2: [w2, t2]}
    found: list[RowProblem] = []
    counts = LedgerImport(
        store=journey,
        importer=IMPORTER,
        commit=True,
        problems=found.append,
        translate=str,
        records_of=lambda worker_id: known.get(worker_id, []),
    ).run(Ledger([line(arrived), line(planned, **NO_JOB)]))
    assert found == []
    assert (counts.recorded, counts.refused, counts.conflicting) == (2, 0, 0)
    # The months went onto the spell entered by hand; no transfer or spell of the ledger's own.
    spell: Placement = journey.repository.get(p1)
    assert spell.confirmed_months == [f"2024-{m:02d}" for m in range(3, 9)]
    for worker, number in ((w1, arrived), (w2, planned)):
        assert worker == worker_id(journey, number)
        with pytest.raises(AggregateNotFoundError):
            journey.repository.get(transfer_id_for(worker, _move()))
    with pytest.raises(AggregateNotFoundError):
        journey.repository.get(placement_id_for(w1, _job()))
    # The transfer only arranged by hand departed and arrived as the ledger says.
    trip: Transfer = journey.repository.get(t2)
    assert (trip.state, trip.departed_on, trip.arrived_on) == (
        TransferState.ARRIVED,
        date(2024, 3, 1),
        date(2024, 3, 2),
    )
