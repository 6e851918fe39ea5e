"""The worker's file after registration: each command, its event and its refusals."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.exceptions import InvalidTransition, InvalidValue
from domain.worker import JobIntention, PovertyStatus, Worker, WorkerStatus
from tests.unit.worker_builders import (
    ACTOR,
    LATER,
    OTHER,
    REGISTERED_ON,
    TODAY,
    TOMORROW,
    event_names,
    registered,
    stamp,
)

DAY_BEFORE_REGISTRATION = date(2026, 3, 1)


def change_contact(worker: Worker, on: date) -> None:
    worker.change_contact(mobile="139 0013 9000", **stamp(on, OTHER))


def change_poverty_status(worker: Worker, on: date) -> None:
    worker.change_poverty_status(
        status="monitored_at_risk", effective_on=on, source="防返贫监测名单", **stamp(on, OTHER)
    )


def record_job_intention(worker: Worker, on: date) -> None:
    worker.record_job_intention(intention=JobIntention("370613", "电子装配"), **stamp(on, OTHER))


def record_skills(worker: Worker, on: date) -> None:
    worker.record_skills(skills=["电焊", "茶艺", "电焊"], **stamp(on, OTHER))


def record_hardship_aid(worker: Worker, on: date) -> None:
    worker.record_support_service(
        kind="hardship_aid", description="冬季困难帮扶", amount="500", **stamp(on, OTHER)
    )


def deactivate(worker: Worker, on: date) -> None:
    worker.deactivate(reason="moved away", **stamp(on, OTHER))


Command = Callable[[Worker, date], None]
# (the name a refusal uses, the call, the event it records)
COMMANDS = [
    pytest.param("change contact", change_contact, "Worker.ContactChanged", id="contact"),
    pytest.param(
        "change poverty status", change_poverty_status, "Worker.PovertyStatusChanged", id="poverty"
    ),
    pytest.param(
        "record job intention", record_job_intention, "Worker.JobIntentionRecorded", id="intention"
    ),
    pytest.param("record skills", record_skills, "Worker.SkillsRecorded", id="skills"),
    pytest.param(
        "record support service", record_hardship_aid, "Worker.SupportServiceRecorded", id="aid"
    ),
    pytest.param("deactivate", deactivate, "Worker.Deactivated", id="deactivate"),
]


@pytest.mark.parametrize(("name", "command", "event_name"), COMMANDS)
def test_a_command_records_one_event_with_its_actor_and_business_date(
    name: str, command: Command, event_name: str
) -> None:
    worker = registered()

    command(worker, LATER)

    [event] = worker.collect_events()
    assert type(event).__qualname__ == event_name
    assert (event.actor, event.occurred_on, event.originator_version) == (OTHER, LATER, 2)
    assert worker.version == 2


@pytest.mark.parametrize(("name", "command", "event_name"), COMMANDS)
def test_a_command_dated_in_the_future_is_refused_and_changes_nothing(
    name: str, command: Command, event_name: str
) -> None:
    worker = registered()
    before = deepcopy(vars(worker))

    with pytest.raises(InvalidValue) as caught:
        command(worker, TOMORROW)

    assert caught.value.field == "occurred_on"
    assert vars(worker) == before


@pytest.mark.parametrize(("name", "command", "event_name"), COMMANDS)
def test_a_command_dated_before_the_registration_is_refused_naming_its_date(
    name: str, command: Command, event_name: str
) -> None:
    worker = registered()
    before = deepcopy(vars(worker))

    for on in (DAY_BEFORE_REGISTRATION, date(1, 1, 1)):
        with pytest.raises(InvalidValue) as caught:
            command(worker, on)
        assert str(caught.value) == (
            "occurred_on: must not be before the worker's registration (2026-03-02)"
        )
    assert vars(worker) == before


@pytest.mark.parametrize(("name", "command", "event_name"), COMMANDS)
def test_a_command_may_be_dated_on_the_registration_day(
    name: str, command: Command, event_name: str
) -> None:
    worker = registered()

    command(worker, REGISTERED_ON)

    [event] = worker.collect_events()
    assert event.occurred_on == REGISTERED_ON


@pytest.mark.parametrize(("name", "command", "event_name"), COMMANDS)
def test_a_command_on_a_deactivated_worker_is_refused_naming_the_state(
    name: str, command: Command, event_name: str
) -> None:
    worker = registered()
    worker.deactivate(reason="deceased", **stamp())
    worker.collect_events()
    before = deepcopy(vars(worker))

    with pytest.raises(InvalidTransition) as caught:
        command(worker, LATER)

    assert (caught.value.command, caught.value.state) == (name, "deactivated")
    assert "deactivated" in str(caught.value)
    assert vars(worker) == before


def test_each_command_changes_the_state_and_its_event_carries_what_it_was_given() -> None:
    worker = registered()
    for command in (change_contact, change_poverty_status, record_job_intention, record_skills):
        command(worker, LATER)
    record_hardship_aid(worker, LATER)

    contact, poverty, intention, skills, aid = worker.collect_events()

    assert worker.mobile == contact.mobile == "13900139000"
    assert (worker.poverty_status, worker.poverty_status_since) == ("monitored_at_risk", LATER)
    assert (poverty.status, poverty.effective_on) == ("monitored_at_risk", LATER)
    assert poverty.source == "防返贫监测名单"
    assert worker.job_intention == JobIntention("370613", "电子装配")
    assert (intention.destination, intention.sector) == ("370613", "电子装配")
    assert worker.skills == skills.skills == ["电焊", "茶艺"]  # de-duplicated, order kept
    assert worker.support_services == [
        {"kind": "hardship_aid", "occurred_on": LATER, "amount": Decimal("500.00")}
    ]
    assert (aid.kind, aid.description) == ("hardship_aid", "冬季困难帮扶")
    assert aid.amount == Decimal("500.00")


def test_a_deactivated_worker_can_be_reactivated() -> None:
    worker = registered()
    deactivate(worker, LATER)
    assert (worker.status, worker.is_active) == (WorkerStatus.DEACTIVATED, False)
    assert worker.deactivation_reason == "moved away"

    worker.reactivate(reason="came back", **stamp(TODAY))

    assert (worker.status, worker.is_active) == (WorkerStatus.ACTIVE, True)
    assert worker.deactivation_reason is None
    deactivated, reactivated = worker.collect_events()
    assert event_names([deactivated, reactivated]) == ["Worker.Deactivated", "Worker.Reactivated"]
    assert deactivated.reason == "moved away"
    assert (reactivated.reason, reactivated.actor, reactivated.occurred_on) == (
        "came back",
        ACTOR,
        TODAY,
    )


def test_reactivating_an_active_worker_is_refused() -> None:
    worker = registered()

    with pytest.raises(InvalidTransition) as caught:
        worker.reactivate(reason="again", **stamp())

    assert (caught.value.command, caught.value.state) == ("reactivate", "active")
    assert worker.collect_events() == []


def test_reactivation_dated_in_the_future_is_refused() -> None:
    worker = registered()
    deactivate(worker, LATER)

    with pytest.raises(InvalidValue) as caught:
        worker.reactivate(reason="came back", **stamp(TOMORROW))

    assert caught.value.field == "occurred_on"
    assert worker.status is WorkerStatus.DEACTIVATED


def test_reactivation_dated_before_the_deactivation_is_refused_naming_its_date() -> None:
    worker = registered()
    deactivate(worker, LATER)

    with pytest.raises(InvalidValue) as before_deactivation:
        worker.reactivate(reason="came back", **stamp(date(2026, 6, 14)))
    with pytest.raises(InvalidValue) as before_registration:
        worker.reactivate(reason="came back", **stamp(DAY_BEFORE_REGISTRATION))

    assert str(before_deactivation.value) == (
        "occurred_on: must not be before the deactivation (2026-06-15)"
    )
    assert str(before_registration.value) == (
        "occurred_on: must not be before the worker's registration (2026-03-02)"
    )
    assert worker.status is WorkerStatus.DEACTIVATED


def test_reactivation_may_be_dated_on_the_deactivation_day() -> None:
    worker = registered()
    deactivate(worker, LATER)

    worker.reactivate(reason="came back", **stamp(LATER))

    assert worker.status is WorkerStatus.ACTIVE


def test_a_poverty_status_may_take_effect_before_it_is_recorded() -> None:
    worker = registered()

    worker.change_poverty_status(
        status="general", effective_on=date(2021, 2, 25), source="省级脱贫人口名单", **stamp()
    )

    assert worker.poverty_status is PovertyStatus.GENERAL
    assert worker.poverty_status_since == date(2021, 2, 25)
    [event] = worker.collect_events()
    assert (event.effective_on, event.occurred_on) == (date(2021, 2, 25), LATER)


def test_a_poverty_status_may_not_take_effect_before_the_worker_was_born() -> None:
    worker = registered()

    with pytest.raises(InvalidValue) as caught:
        worker.change_poverty_status(
            status="general", effective_on=date(1900, 1, 1), source="名单", **stamp()
        )

    assert str(caught.value) == "effective_on: must not be before the worker's birth (1985-03-12)"


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("effective_on", {"effective_on": TOMORROW}),
        ("effective_on", {"effective_on": date(1985, 3, 11)}),  # the day before birth
        ("status", {"status": "rich"}),
        ("status", {"status": ""}),
        ("source", {"source": " "}),
    ],
)
def test_an_invalid_poverty_status_change_is_refused(field: str, overrides: dict[str, Any]) -> None:
    worker = registered()
    fields = {"status": "general", "effective_on": LATER, "source": "名单", **overrides}

    with pytest.raises(InvalidValue) as caught:
        worker.change_poverty_status(**fields, **stamp())

    assert caught.value.field == field
    assert worker.poverty_status is PovertyStatus.LIFTED_OUT_OF_POVERTY


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("kind", {"kind": "cash_gift"}),
        ("amount", {"amount": "-1"}),
        ("amount", {"amount": Decimal("-0.01")}),
        ("amount", {"amount": 500.0}),
        ("amount", {"amount": "0.001"}),
        ("description", {"description": "x" * 501}),
    ],
)
def test_an_invalid_support_service_is_refused(field: str, overrides: dict[str, Any]) -> None:
    worker = registered()
    fields = {"kind": "hardship_aid", "description": None, "amount": "500", **overrides}

    with pytest.raises(InvalidValue) as caught:
        worker.record_support_service(**fields, **stamp())

    assert caught.value.field == field
    assert worker.support_services == []


def test_a_support_service_without_money_records_no_amount() -> None:
    worker = registered()

    worker.record_support_service(kind="holiday_visit", description=None, amount=None, **stamp())

    [service] = worker.support_services
    assert service == {"kind": "holiday_visit", "occurred_on": LATER, "amount": None}


def test_skills_recorded_again_replace_the_old_list_without_repeats() -> None:
    worker = registered()

    worker.record_skills(skills=["电焊", " 电焊", "挖掘机"], **stamp())

    assert worker.skills == ["电焊", "挖掘机"]
