"""The worker's file (劳动力档案): registration, and rebuilding a worker from its events.

The commands after registration are in test_worker_commands.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from domain.exceptions import InvalidValue
from domain.worker import Education, JobIntention, PovertyStatus, Worker, WorkerStatus
from domain.worker_profile import parse_job_intention
from tests.unit.worker_builders import (
    ACTOR,
    LATER,
    OTHER,
    REGISTERED_ON,
    TODAY,
    TOMORROW,
    event_names,
    id_number,
    register,
    stamp,
)


def test_registration_records_the_person_and_a_registered_event() -> None:
    worker_id = uuid4()
    woman = id_number(seq="124")

    worker = register(worker_id=worker_id, id_number=woman)

    assert worker.id == worker_id
    assert (worker.name, worker.id_number) == ("冉光明", woman.value)
    assert (worker.sex, worker.birth_date) == ("female", date(1985, 3, 12))
    assert (worker.hukou_division, worker.hukou_township) == ("500237", "骡坪镇")
    assert worker.poverty_status is PovertyStatus.LIFTED_OUT_OF_POVERTY
    assert worker.poverty_status_since == REGISTERED_ON
    assert worker.education == Education.JUNIOR_SECONDARY
    assert worker.skills == ["茶叶采摘"]
    assert worker.job_intention == JobIntention("370600", "food processing")
    assert (worker.registered_on, worker.registered_by) == (REGISTERED_ON, ACTOR)
    assert worker.status is WorkerStatus.ACTIVE
    assert worker.is_active
    assert worker.support_services == []
    [event] = worker.collect_events()
    assert type(event).__qualname__ == "Worker.Registered"
    assert (event.originator_id, event.originator_version) == (worker_id, 1)
    assert (event.actor, event.occurred_on, event.consent) == (ACTOR, REGISTERED_ON, True)
    assert (event.id_number, event.sex, event.mobile) == (woman.value, "female", "13800138000")
    assert worker.collect_events() == []


def test_the_sex_of_a_man_is_derived_from_an_odd_seventeenth_digit() -> None:
    assert register(id_number=id_number(seq="123")).sex == "male"


def test_registration_normalises_what_was_typed() -> None:
    worker = register(
        name="  冉光明 ",
        mobile="+86 138-0013-8000",
        hukou_division="５００２３７",
        hukou_township="",
        education=None,
        skills=["茶叶采摘", " 电焊 ", "茶叶采摘", "电焊"],
    )

    assert (worker.name, worker.mobile, worker.hukou_division) == (
        "冉光明",
        "13800138000",
        "500237",
    )
    assert (worker.hukou_township, worker.education) == (None, None)
    assert worker.skills == ["茶叶采摘", "电焊"]


def test_registration_dated_today_is_accepted() -> None:
    assert register(occurred_on=TODAY).registered_on == TODAY


def test_registration_dated_tomorrow_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        register(occurred_on=TOMORROW)

    assert caught.value.field == "occurred_on"


def test_registration_without_consent_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        register(consent=False)

    assert caught.value.field == "consent"


def test_a_worker_who_turns_sixteen_on_the_registration_date_is_accepted() -> None:
    born = date(2010, 3, 2)

    assert register(id_number=id_number(born=born), occurred_on=date(2026, 3, 2)).birth_date == born


@pytest.mark.parametrize(
    "born",
    [date(2010, 3, 3), date(2012, 1, 1), date(2026, 1, 1)],
    ids=["one-day-short", "fourteen", "a-baby"],
)
def test_a_worker_under_sixteen_on_the_registration_date_is_refused(born: date) -> None:
    with pytest.raises(InvalidValue) as caught:
        register(id_number=id_number(born=born), occurred_on=date(2026, 3, 2))

    assert caught.value.field == "id_number"
    assert "16" in caught.value.message


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("poverty_status", "poor"),
        ("poverty_status", "LIFTED_OUT_OF_POVERTY"),
        ("education", "phd"),
        ("hukou_division", "999999"),
        ("hukou_division", "50023"),
        ("mobile", "1380013800"),
        ("name", "   "),
        ("name", "冉" * 51),
        ("name", "冉\u200b光明"),  # a zero-width space: looks like another registration's name
        ("name", "\u202e明光冉"),  # shown reversed, as 冉光明
        ("hukou_township", "骡坪\u202e镇"),
        ("skills", ["x" * 51]),
        ("skills", [f"skill {n}" for n in range(31)]),
        ("note", "bad\x00note"),
        ("note", "已核实\u2067未\u2069"),
    ],
)
def test_registration_with_an_invalid_field_is_refused_naming_it(field: str, value: Any) -> None:
    with pytest.raises(InvalidValue) as caught:
        register(**{field: value})

    assert caught.value.field == field


@pytest.mark.parametrize(
    ("destination", "sector", "expected"),
    [
        ("370600", "food processing", JobIntention("370600", "food processing")),
        ("３７０６１３", None, JobIntention("370613", None)),
        (None, None, JobIntention(None, None)),
    ],
)
def test_a_job_intention_is_parsed_and_normalised(
    destination: str | None, sector: str | None, expected: JobIntention
) -> None:
    assert parse_job_intention(destination, sector) == expected


@pytest.mark.parametrize("destination", ["999999", "000000", "37060", "烟台"])
def test_a_job_intention_destination_must_be_a_known_division(destination: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_job_intention(destination, "food processing")

    assert caught.value.field == "job_intention.destination"


def test_replaying_the_events_rebuilds_an_equal_worker() -> None:
    worker = register()
    worker.change_contact(mobile="13900139000", **stamp(LATER, OTHER))
    worker.change_poverty_status(
        status="monitored_at_risk",
        effective_on=date(2026, 1, 1),
        source="防返贫监测名单",
        **stamp(LATER, OTHER),
    )
    worker.record_job_intention(intention=JobIntention("370613", "电子装配"), **stamp(LATER, OTHER))
    worker.record_skills(skills=["电焊", "茶艺"], **stamp(LATER, OTHER))
    worker.record_support_service(
        kind="hardship_aid",
        description=None,
        amount="800",
        **stamp(LATER, OTHER),
    )
    worker.deactivate(reason="moved away", **stamp())
    worker.reactivate(reason="came back", **stamp(TODAY))
    events = worker.collect_events()

    replayed: Worker | None = None
    for event in events:
        replayed = event.mutate(replayed)

    assert event_names(events) == [
        "Worker.Registered",
        "Worker.ContactChanged",
        "Worker.PovertyStatusChanged",
        "Worker.JobIntentionRecorded",
        "Worker.SkillsRecorded",
        "Worker.SupportServiceRecorded",
        "Worker.Deactivated",
        "Worker.Reactivated",
    ]
    assert [e.originator_version for e in events] == list(range(1, 9))
    assert replayed is not None
    assert vars(replayed) == vars(worker)
    assert replayed.poverty_status_since == date(2026, 1, 1)
    assert replayed.support_services[0]["amount"] == Decimal("800.00")
