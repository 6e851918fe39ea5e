"""Placement (就业安置): starting and ending a job spell, and replaying it; no I/O.

Monthly confirmations and stable employment are in test_placement_months.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from domain.exceptions import InvalidTransition, InvalidValue
from domain.placement import ContractType, Placement, PlacementKind, PlacementState
from domain.worker_dates import WorkerDates
from tests.unit.placement_builders import (
    ACTOR,
    EMPLOYER_CODE,
    STARTED_ON,
    WORKER,
    confirm,
    stamp,
    start,
    started,
    transfer_of,
)


def test_starting_records_the_job_spell_and_starts_active() -> None:
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in EMPLOYER_CODE.lower())  # as IMEs type it
    placement = start(employer_code=f" {wide} ", monthly_wage=Decimal("5200"))

    assert placement.state is PlacementState.ACTIVE
    assert (placement.worker_id, placement.transfer_id) == (WORKER, None)
    assert (placement.employer_code, placement.workplace_division) == (EMPLOYER_CODE, "370602")
    assert placement.monthly_wage == Decimal("5200.00")
    assert str(placement.monthly_wage) == "5200.00"
    assert placement.contract_type is ContractType.FIXED_TERM
    assert placement.kind is PlacementKind.CROSS_PROVINCE
    assert (placement.started_on, placement.confirmed_months) == (STARTED_ON, [])
    assert not placement.stably_employed
    [event] = placement.collect_events()
    assert type(event).__qualname__ == "Placement.Started"
    assert (event.occurred_on, event.actor, event.monthly_wage) == (
        STARTED_ON,
        ACTOR,
        Decimal("5200.00"),
    )
    assert type(event.kind) is str and type(event.contract_type) is str


def test_every_placement_gets_a_new_random_id() -> None:
    assert start().id != start().id


def test_a_placement_may_name_the_transfer_of_the_same_worker() -> None:
    transfer = transfer_of(WORKER)
    assert start(transfer=transfer).transfer_id == transfer.id


def test_a_transfer_of_another_worker_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        start(transfer=transfer_of(uuid4()))
    assert refused.value.field == "transfer_id"


def test_a_cancelled_transfer_is_refused() -> None:
    transfer = transfer_of(WORKER)
    transfer.cancel(reason="x", **stamp(date(2026, 3, 3)))
    with pytest.raises(InvalidValue) as refused:
        start(transfer=transfer)
    assert refused.value.field == "transfer_id"


@pytest.mark.parametrize("on", [date(2025, 1, 1), date(1900, 1, 1)])
def test_a_start_before_the_workers_registration_is_refused_naming_it(on: date) -> None:
    with pytest.raises(InvalidValue) as refused:
        start(occurred_on=on)
    assert str(refused.value) == (
        "start_date: must not be before the worker's registration (2025-01-02)"
    )


def test_a_start_before_the_workers_sixteenth_birthday_is_refused_naming_it() -> None:
    young = WorkerDates(WORKER, born_on=date(2010, 9, 1), registered_on=date(2025, 1, 2))
    with pytest.raises(InvalidValue) as refused:
        start(worker=young, occurred_on=date(2026, 8, 31))
    assert str(refused.value) == (
        "start_date: must not be before the worker's 16th birthday (2026-09-01)"
    )


def test_a_start_before_its_transfer_was_arranged_is_refused_naming_the_arrangement() -> None:
    with pytest.raises(InvalidValue) as refused:
        start(transfer=transfer_of(WORKER), occurred_on=date(2026, 3, 1))
    assert str(refused.value) == (
        "start_date: must not be before the transfer's arrangement (2026-03-02)"
    )


def test_a_start_on_the_day_its_transfer_was_arranged_is_accepted() -> None:
    transfer = transfer_of(WORKER)  # arranged 2026-03-02
    placement = start(transfer=transfer, occurred_on=date(2026, 3, 2))
    assert placement.started_on == date(2026, 3, 2)


def bad_check_character(code: str) -> str:
    return code[:-1] + ("1" if code[-1] != "1" else "2")


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("start_date", {"occurred_on": date(2026, 11, 27)}),
        ("employer_code", {"employer_code": bad_check_character(EMPLOYER_CODE)}),
        ("employer_code", {"employer_code": EMPLOYER_CODE[:-1]}),
        ("employer_code", {"employer_code": "91370602MA3CXY1IK1"}),  # I is not in the alphabet
        ("employer_name", {"employer_name": " "}),
        ("workplace_division", {"workplace_division": "370699"}),
        ("position", {"position": ""}),
        ("monthly_wage", {"monthly_wage": 5200.0}),
        ("monthly_wage", {"monthly_wage": "-1.00"}),
        ("monthly_wage", {"monthly_wage": "5200.001"}),
        ("monthly_wage", {"monthly_wage": "0.00"}),
        ("monthly_wage", {"monthly_wage": "五千"}),
        ("contract_type", {"contract_type": "verbal"}),
        ("kind", {"kind": "remote"}),
    ],
)
def test_invalid_starts_are_refused_naming_the_field(field: str, overrides: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue) as refused:
        start(**overrides)
    assert refused.value.field == field


def test_ending_records_the_end_date_and_reason() -> None:
    placement = started()
    placement.end(reason="合同期满", note="已办离职", **stamp(date(2026, 9, 30)))

    assert placement.state is PlacementState.ENDED
    assert (placement.ended_on, placement.end_reason) == (date(2026, 9, 30), "合同期满")
    [event] = placement.collect_events()
    assert (type(event).__qualname__, event.occurred_on) == ("Placement.Ended", date(2026, 9, 30))


def test_an_ended_placement_cannot_end_again() -> None:
    placement = started()
    placement.end(reason="x", **stamp(date(2026, 9, 30)))
    with pytest.raises(InvalidTransition) as refused:
        placement.end(reason="again", **stamp())
    assert (refused.value.state, refused.value.command) == ("ended", "end the placement")


@pytest.mark.parametrize(
    ("on", "confirmed"),
    [
        (date(2026, 3, 17), ()),  # before the start date
        (date(2026, 11, 27), ()),  # in the future
        (date(2026, 5, 31), ("2026-06",)),  # before a month already confirmed
    ],
)
def test_an_end_date_that_breaks_the_spell_is_refused(on: date, confirmed: tuple[str, ...]) -> None:
    placement = started()
    confirm(placement, *confirmed)
    with pytest.raises(InvalidValue) as refused:
        placement.end(reason="x", **stamp(on))
    assert refused.value.field == "end_date"
    assert placement.state is PlacementState.ACTIVE


def test_a_placement_may_end_on_its_start_date() -> None:
    placement = started()
    placement.end(reason="试工一天不合适", **stamp(STARTED_ON))
    assert placement.ended_on == STARTED_ON


def test_replaying_the_events_rebuilds_the_same_placement() -> None:
    placement = start(transfer=transfer_of(WORKER))
    confirm(placement, "2026-03", "2026-04")
    placement.end(reason="x", **stamp(date(2026, 4, 30)))

    rebuilt: Placement | None = None
    for event in placement.collect_events():
        rebuilt = event.mutate(rebuilt)

    assert rebuilt is not None
    assert vars(rebuilt) == {**vars(placement), "_pending_events": []}
