"""Training (培训): one enrolment of a worker in one course."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.exceptions import InvalidTransition, InvalidValue
from domain.rules import (
    ensure_not_before,
    ensure_not_future,
    ensure_within_horizon,
    optional_note,
    parse_choice,
)
from domain.text import clean_text
from domain.worker_dates import WorkerDates

MAX_TRAINING_HOURS = Decimal("2000")


class TrainingType(StrEnum):
    PRE_JOB = "pre_job"  # 岗前培训
    SKILLS_UPGRADE = "skills_upgrade"  # 技能提升
    SPECIALTY = "specialty"  # 特色工种, e.g. 茶艺师
    ENTREPRENEURSHIP = "entrepreneurship"  # 创业培训


class TrainingResult(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class TrainingState(StrEnum):
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    CERTIFIED = "certified"
    DROPPED = "dropped"


def enrolment_id(worker_id: UUID, course_name: str, planned_start: date) -> UUID:
    """One enrolment per worker per course: the same course (name and start
    date) for the same worker always maps to the same id, so it collides."""
    key = f"laborbridge:training:{worker_id}:{course_name.casefold()}:{planned_start}"
    return uuid5(NAMESPACE_URL, key)


class TrainingEnrollment(Aggregate):
    @classmethod
    def enroll(
        cls,
        *,
        worker: WorkerDates,
        course_name: str,
        training_type: str,
        provider: str,
        location: str | None,
        planned_start: date,
        planned_end: date,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> TrainingEnrollment:
        """Enrol a worker in a course (报名培训) on `occurred_on`, not before the
        worker's registration. The course may have started before the enrolment
        (a late entry), but not before the worker's 16th birthday, and is
        planned at most PLANNING_HORIZON_YEARS ahead."""
        ensure_not_future(occurred_on, today)
        worker.ensure_registered(occurred_on)
        worker.ensure_of_working_age(planned_start, "planned_start")
        ensure_within_horizon(planned_start, today, "planned_start")
        ensure_not_before(planned_end, planned_start, "planned_end", "planned_start")
        ensure_within_horizon(planned_end, today, "planned_end")
        course = clean_text(course_name, "course_name", max_length=100)
        return cls(
            id=enrolment_id(worker.worker_id, course, planned_start),
            worker_id=worker.worker_id,
            course_name=course,
            training_type=parse_choice(TrainingType, training_type, "training_type").value,
            provider=clean_text(provider, "provider", max_length=100),
            location=clean_text(location, "location", max_length=100) if location else None,
            planned_start=planned_start,
            planned_end=planned_end,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    @event("Enrolled")
    def __init__(
        self,
        *,
        id: UUID,  # noqa: A002 - the library passes the aggregate id by this name
        worker_id: UUID,
        course_name: str,
        training_type: str,
        provider: str,
        location: str | None,
        planned_start: date,
        planned_end: date,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.worker_id = worker_id
        self.course_name = course_name
        self.training_type = TrainingType(training_type)
        self.provider = provider
        self.location = location
        self.planned_start = planned_start
        self.planned_end = planned_end
        self.enrolled_on = occurred_on
        self.state = TrainingState.ENROLLED
        self.hours: Decimal | None = None
        self.result: TrainingResult | None = None
        self.completed_on: date | None = None
        self.certificate: dict[str, str | None] | None = None
        self.certified_on: date | None = None
        self.dropped_on: date | None = None
        self.drop_reason: str | None = None

    def complete(
        self,
        *,
        hours: Decimal | int | str,
        result: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Record the course as finished (结业) on `occurred_on`, not before enrolment."""
        self._ensure(TrainingState.ENROLLED, "complete the training")
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, self.enrolled_on, "occurred_on", "the enrolment date")
        self._completed(
            hours=_parse_hours(hours),
            result=parse_choice(TrainingResult, result, "result").value,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def certify(
        self,
        *,
        certificate_type: str,
        certificate_number: str,
        level: str | None,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Record the certificate (证书) a passed course earned."""
        self._ensure(TrainingState.COMPLETED, "certify the training")
        if self.result is not TrainingResult.PASSED:
            raise InvalidTransition(
                "certify the training", self.state.value, "the course was not passed"
            )
        ensure_not_future(occurred_on, today)
        assert self.completed_on is not None
        ensure_not_before(occurred_on, self.completed_on, "occurred_on", "the completion date")
        self._certified(
            certificate_type=clean_text(certificate_type, "certificate_type", max_length=100),
            certificate_number=clean_text(certificate_number, "certificate_number", max_length=64),
            level=clean_text(level, "level", max_length=50) if level else None,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def drop(
        self,
        *,
        reason: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Record that the worker left the course before finishing it (退学)."""
        self._ensure(TrainingState.ENROLLED, "withdraw from the training")
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, self.enrolled_on, "occurred_on", "the enrolment date")
        self._dropped(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def _ensure(self, state: TrainingState, command: str) -> None:
        if self.state is not state:
            raise InvalidTransition(command, self.state.value)

    @event("Completed")
    def _completed(
        self, hours: Decimal, result: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.state = TrainingState.COMPLETED
        self.hours = hours
        self.result = TrainingResult(result)
        self.completed_on = occurred_on

    @event("Certified")
    def _certified(
        self,
        certificate_type: str,
        certificate_number: str,
        level: str | None,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.state = TrainingState.CERTIFIED
        self.certificate = {"type": certificate_type, "number": certificate_number, "level": level}
        self.certified_on = occurred_on

    @event("Dropped")
    def _dropped(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.state = TrainingState.DROPPED
        self.dropped_on = occurred_on
        self.drop_reason = reason


def _parse_hours(raw: Decimal | int | str) -> Decimal:
    if isinstance(raw, (bool, float)):
        raise InvalidValue("hours", "must be a whole or decimal number of hours")
    try:
        hours = Decimal(str(raw))
    except ArithmeticError:
        raise InvalidValue("hours", "must be a number of hours") from None
    if not hours.is_finite() or hours <= 0 or hours > MAX_TRAINING_HOURS:
        raise InvalidValue("hours", f"must be more than 0 and at most {MAX_TRAINING_HOURS}")
    if hours != hours.quantize(Decimal("0.1")):
        raise InvalidValue("hours", "must have at most one decimal")
    return hours
