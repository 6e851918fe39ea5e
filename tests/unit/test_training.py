"""TrainingEnrollment: every transition and every rule, with no I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.actor import Actor, Role
from domain.exceptions import InvalidTransition, InvalidValue
from domain.training import TrainingEnrollment, TrainingState, enrolment_id
from tests.unit.worker_builders import worker_dates

TODAY = date(2026, 11, 26)
ACTOR = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
WORKER = uuid4()


def enrolled(**overrides: object) -> TrainingEnrollment:
    fields: dict[str, object] = {
        "worker": worker_dates(WORKER),
        "course_name": "茶艺师（五级）",
        "training_type": "specialty",
        "provider": "巫山县职业教育中心",
        "location": "巫峡镇",
        "planned_start": date(2026, 3, 9),
        "planned_end": date(2026, 3, 20),
        "actor": ACTOR,
        "occurred_on": date(2026, 3, 5),
        "today": TODAY,
    }
    fields.update(overrides)
    return TrainingEnrollment.enroll(**fields)  # type: ignore[arg-type]


def completed(result: str = "passed") -> TrainingEnrollment:
    training = enrolled()
    training.complete(
        hours="80", result=result, actor=ACTOR, occurred_on=date(2026, 3, 20), today=TODAY
    )
    return training


def names(training: TrainingEnrollment) -> list[str]:
    return [type(e).__qualname__ for e in training.collect_events()]


def test_enrolment_records_the_course_and_starts_enrolled() -> None:
    training = enrolled()
    assert training.state is TrainingState.ENROLLED
    assert training.enrolled_on == date(2026, 3, 5)
    assert names(training) == ["TrainingEnrollment.Enrolled"]


def test_the_same_course_for_the_same_worker_gets_the_same_id() -> None:
    assert enrolled().id == enrolled(course_name="茶艺师（五级） ").id
    assert enrolled().id == enrolment_id(WORKER, "茶艺师（五级）", date(2026, 3, 9))
    assert (
        enrolled().id != enrolled(planned_start=date(2026, 9, 1), planned_end=date(2026, 9, 9)).id
    )
    assert enrolled().id != enrolled(worker=worker_dates()).id


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("occurred_on", {"occurred_on": date(2026, 11, 27)}),
        ("planned_end", {"planned_end": date(2026, 3, 1)}),
        ("training_type", {"training_type": "juggling"}),
        ("course_name", {"course_name": "  "}),
        ("provider", {"provider": ""}),
    ],
)
def test_invalid_enrolments_are_refused_naming_the_field(
    field: str, overrides: dict[str, object]
) -> None:
    with pytest.raises(InvalidValue) as refused:
        enrolled(**overrides)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"occurred_on": date(2026, 3, 1)},
            "occurred_on: must not be before the worker's registration (2026-03-02)",
        ),
        (
            {"occurred_on": date(1900, 1, 1)},
            "occurred_on: must not be before the worker's registration (2026-03-02)",
        ),
        (
            {"planned_start": date(1900, 1, 1)},
            "planned_start: must not be before the worker's 16th birthday (2001-03-12)",
        ),
        (
            {"planned_start": date(2028, 11, 27), "planned_end": date(2028, 12, 1)},
            "planned_start: must not be after 2028-11-26 (more than 2 years ahead)",
        ),
        (
            {"planned_end": date(9999, 12, 31)},
            "planned_end: must not be after 2028-11-26 (more than 2 years ahead)",
        ),
    ],
)
def test_an_enrolment_on_an_impossible_date_is_refused_naming_the_date(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        enrolled(**overrides)

    assert str(refused.value) == message


def test_a_course_may_have_started_before_the_registration_and_be_planned_two_years_ahead() -> None:
    late_entry = enrolled(planned_start=date(2026, 2, 23), planned_end=date(2026, 3, 20))
    far_ahead = enrolled(planned_start=date(2028, 11, 1), planned_end=date(2028, 11, 26))

    assert late_entry.planned_start == date(2026, 2, 23)
    assert far_ahead.planned_end == date(2028, 11, 26)


def test_completion_records_hours_and_result() -> None:
    training = completed()
    assert training.state is TrainingState.COMPLETED
    assert training.hours == Decimal("80")
    assert names(training) == ["TrainingEnrollment.Enrolled", "TrainingEnrollment.Completed"]


@pytest.mark.parametrize(
    ("hours", "on", "field"),
    [
        ("80", date(2026, 3, 4), "occurred_on"),  # before enrolment
        ("80", date(2026, 11, 27), "occurred_on"),  # in the future
        ("0", date(2026, 3, 20), "hours"),
        ("-5", date(2026, 3, 20), "hours"),
        ("2001", date(2026, 3, 20), "hours"),
        ("12.25", date(2026, 3, 20), "hours"),
        ("lots", date(2026, 3, 20), "hours"),
    ],
)
def test_invalid_completions_are_refused(hours: str, on: date, field: str) -> None:
    training = enrolled()
    with pytest.raises(InvalidValue) as refused:
        training.complete(hours=hours, result="passed", actor=ACTOR, occurred_on=on, today=TODAY)
    assert refused.value.field == field
    assert training.state is TrainingState.ENROLLED


def test_certification_follows_a_passed_completion() -> None:
    training = completed()
    training.certify(
        certificate_type="职业技能等级证书",
        certificate_number="S0001",
        level="五级",
        actor=ACTOR,
        occurred_on=date(2026, 4, 1),
        today=TODAY,
    )
    assert training.state is TrainingState.CERTIFIED
    assert training.certificate == {"type": "职业技能等级证书", "number": "S0001", "level": "五级"}


def test_a_failed_course_cannot_be_certified() -> None:
    training = completed(result="failed")
    with pytest.raises(InvalidTransition) as refused:
        training.certify(
            certificate_type="x",
            certificate_number="1",
            level=None,
            actor=ACTOR,
            occurred_on=date(2026, 4, 1),
            today=TODAY,
        )
    assert "not passed" in str(refused.value)


def test_certification_cannot_predate_completion() -> None:
    training = completed()
    with pytest.raises(InvalidValue):
        training.certify(
            certificate_type="x",
            certificate_number="1",
            level=None,
            actor=ACTOR,
            occurred_on=date(2026, 3, 19),
            today=TODAY,
        )


def test_withdrawal_drops_an_enrolled_worker() -> None:
    training = enrolled()
    training.drop(reason="found work", actor=ACTOR, occurred_on=date(2026, 3, 12), today=TODAY)
    assert training.state is TrainingState.DROPPED
    assert training.drop_reason == "found work"


def _complete(t: TrainingEnrollment) -> None:
    t.complete(hours="8", result="passed", actor=ACTOR, occurred_on=date(2026, 6, 1), today=TODAY)


def _certify(t: TrainingEnrollment) -> None:
    t.certify(
        certificate_type="x",
        certificate_number="1",
        level=None,
        actor=ACTOR,
        occurred_on=date(2026, 6, 2),
        today=TODAY,
    )


def _drop(t: TrainingEnrollment) -> None:
    t.drop(reason="x", actor=ACTOR, occurred_on=date(2026, 6, 1), today=TODAY)


def _dropped() -> TrainingEnrollment:
    t = enrolled()
    _drop(t)
    return t


def _certified() -> TrainingEnrollment:
    t = completed()
    _certify(t)
    return t


@pytest.mark.parametrize(
    ("make", "command", "state"),
    [
        (enrolled, _certify, "enrolled"),
        (completed, _complete, "completed"),
        (completed, _drop, "completed"),
        (_certified, _complete, "certified"),
        (_certified, _certify, "certified"),
        (_certified, _drop, "certified"),
        (_dropped, _complete, "dropped"),
        (_dropped, _certify, "dropped"),
        (_dropped, _drop, "dropped"),
    ],
)
def test_commands_in_the_wrong_state_are_refused_naming_it(make, command, state) -> None:  # type: ignore[no-untyped-def]
    training = make()
    with pytest.raises(InvalidTransition) as refused:
        command(training)
    assert refused.value.state == state


def test_replaying_the_events_rebuilds_the_same_state() -> None:
    training = _certified()
    events = training.collect_events()
    replayed = None
    for e in events:
        replayed = e.mutate(replayed)
    assert replayed is not None
    assert vars(replayed) == vars(training)
