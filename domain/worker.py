"""The worker's file (劳动力档案): registration and what changes about a person."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.contact import parse_mobile
from domain.divisions import parse_division
from domain.exceptions import InvalidTransition, InvalidValue
from domain.identity import ResidentIdNumber
from domain.money import parse_amount
from domain.rules import (
    add_years,
    ensure_not_before,
    ensure_not_future,
    optional_note,
    parse_choice,
)
from domain.text import clean_name, clean_text
from domain.worker_dates import MINIMUM_WORKING_AGE, WorkerDates
from domain.worker_profile import (
    Education,
    JobIntention,
    PovertyStatus,
    SupportServiceKind,
    WorkerStatus,
    parse_skills,
)

__all__ = [
    "MINIMUM_WORKING_AGE",
    "Education",
    "JobIntention",
    "PovertyStatus",
    "SupportServiceKind",
    "Worker",
    "WorkerDates",
    "WorkerStatus",
]


class Worker(Aggregate):
    """A registered rural worker. The id is derived from the ID number by the
    application (keyed hash), so one person can only be registered once."""

    @classmethod
    def register(
        cls,
        *,
        worker_id: UUID,
        id_number: ResidentIdNumber,
        name: str,
        mobile: str,
        hukou_division: str,
        hukou_township: str | None,
        poverty_status: str,
        education: str | None,
        skills: list[str],
        job_intention: JobIntention,
        consent: bool,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> Worker:
        """Register a worker (登记). The worker must be of working age (16+)
        on the registration date and must have consented to data processing."""
        ensure_not_future(occurred_on, today)
        if not consent:
            raise InvalidValue("consent", "the worker must consent to data processing")
        born = id_number.birth_date
        if occurred_on < add_years(born, MINIMUM_WORKING_AGE):
            raise InvalidValue("id_number", "the worker is under the minimum working age of 16")
        return cls(
            id=worker_id,
            name=clean_name(name, "name", max_length=50),
            id_number=id_number.value,
            sex=id_number.sex.value,
            birth_date=born,
            mobile=parse_mobile(mobile),
            hukou_division=parse_division(hukou_division, "hukou_division"),
            hukou_township=clean_text(hukou_township, "hukou_township", max_length=50)
            if hukou_township
            else None,
            poverty_status=parse_choice(PovertyStatus, poverty_status, "poverty_status").value,
            education=parse_choice(Education, education, "education").value if education else None,
            skills=parse_skills(skills),
            intended_destination=job_intention.destination,
            intended_sector=job_intention.sector,
            consent=consent,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    @event("Registered")
    def __init__(
        self,
        *,
        id: UUID,  # noqa: A002 - the library passes the aggregate id by this name
        name: str,
        id_number: str,
        sex: str,
        birth_date: date,
        mobile: str,
        hukou_division: str,
        hukou_township: str | None,
        poverty_status: str,
        education: str | None,
        skills: list[str],
        intended_destination: str | None,
        intended_sector: str | None,
        consent: bool,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.name = name
        self.id_number = id_number
        self.sex = sex
        self.birth_date = birth_date
        self.mobile = mobile
        self.hukou_division = hukou_division
        self.hukou_township = hukou_township
        self.poverty_status = PovertyStatus(poverty_status)
        self.poverty_status_since = occurred_on
        self.poverty_status_source: str | None = None  # the official list, once changed
        self.education = education
        self.skills = list(skills)
        self.job_intention = JobIntention(intended_destination, intended_sector)
        self.registered_on = occurred_on
        self.registered_by = actor
        self.status = WorkerStatus.ACTIVE
        self.deactivation_reason: str | None = None
        self.deactivated_on: date | None = None
        self.support_services: list[dict[str, Any]] = []

    # -- commands ---------------------------------------------------------------
    # A command that would change nothing records nothing: a repeat — a retry, a
    # race lost to the very same change — is not a new fact about the person.

    def change_contact(
        self,
        *,
        mobile: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Record a new mobile number; the number the file already holds records nothing."""
        self._ensure_active("change contact")
        self._ensure_dated(occurred_on, today)
        number, note = parse_mobile(mobile), optional_note(note)
        if number == self.mobile:
            return
        self._contact_changed(mobile=number, actor=actor, occurred_on=occurred_on, note=note)

    def change_poverty_status(
        self,
        *,
        status: str,
        effective_on: date,
        source: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Record a new poverty status (脱贫 / 监测 / 一般) from an official list;
        it may take effect on an earlier date than the day it is recorded. The
        status, date and source the file already holds record nothing."""
        self._ensure_active("change poverty status")
        self._ensure_dated(occurred_on, today)
        ensure_not_future(effective_on, today, "effective_on")
        # An official list may date a status back before the registration, not before birth.
        self.dates.ensure_born(effective_on, "effective_on")
        new_status = parse_choice(PovertyStatus, status, "status")
        new_source = clean_text(source, "source", max_length=200)
        note = optional_note(note)
        current = (self.poverty_status, self.poverty_status_since, self.poverty_status_source)
        if (new_status, effective_on, new_source) == current:
            return
        self._poverty_status_changed(
            status=new_status.value,
            effective_on=effective_on,
            source=new_source,
            actor=actor,
            occurred_on=occurred_on,
            note=note,
        )

    def record_job_intention(
        self,
        *,
        intention: JobIntention,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Record where and in what the worker wants to work; the intention
        the file already holds records nothing."""
        self._ensure_active("record job intention")
        self._ensure_dated(occurred_on, today)
        note = optional_note(note)
        if intention == self.job_intention:
            return
        self._job_intention_recorded(
            destination=intention.destination,
            sector=intention.sector,
            actor=actor,
            occurred_on=occurred_on,
            note=note,
        )

    def record_skills(
        self,
        *,
        skills: list[str],
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Replace the list of skills; the list the file already holds (same
        skills, same order, repeats dropped) records nothing."""
        self._ensure_active("record skills")
        self._ensure_dated(occurred_on, today)
        listed, note = parse_skills(skills), optional_note(note)
        if listed == self.skills:
            return
        self._skills_recorded(skills=listed, actor=actor, occurred_on=occurred_on, note=note)

    def record_support_service(
        self,
        *,
        kind: str,
        description: str | None,
        amount: Decimal | str | None,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        """Log a support service: holiday visit (节日慰问), hardship aid (困难帮扶),
        onboarding help (入职援助) or job matching (岗位匹配); aid may carry an amount."""
        self._ensure_active("record support service")
        self._ensure_dated(occurred_on, today)
        self._support_service_recorded(
            kind=parse_choice(SupportServiceKind, kind, "kind").value,
            description=clean_text(description, "description", max_length=500)
            if description
            else None,
            amount=parse_amount(amount, "amount") if amount is not None else None,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def deactivate(
        self,
        *,
        reason: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        self._ensure_active("deactivate")
        self._ensure_dated(occurred_on, today)
        self._deactivated(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def reactivate(
        self,
        *,
        reason: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> None:
        if self.status is not WorkerStatus.DEACTIVATED:
            raise InvalidTransition("reactivate", self.status.value)
        self._ensure_dated(occurred_on, today)
        if self.deactivated_on is not None:
            ensure_not_before(occurred_on, self.deactivated_on, "occurred_on", "the deactivation")
        self._reactivated(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    @property
    def is_active(self) -> bool:
        return self.status is WorkerStatus.ACTIVE

    @property
    def dates(self) -> WorkerDates:
        """What the worker's records may not predate (birth, registration)."""
        return WorkerDates(self.id, born_on=self.birth_date, registered_on=self.registered_on)

    def _ensure_dated(self, occurred_on: date, today: date) -> None:
        """A business date of the worker's file: not in the future, not before
        the registration."""
        ensure_not_future(occurred_on, today)
        self.dates.ensure_registered(occurred_on)

    def _ensure_active(self, command: str) -> None:
        if self.status is not WorkerStatus.ACTIVE:
            raise InvalidTransition(command, self.status.value)

    # -- events: assignment only, replayed for ever ------------------------------

    @event("ContactChanged")
    def _contact_changed(
        self, mobile: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.mobile = mobile

    @event("PovertyStatusChanged")
    def _poverty_status_changed(
        self,
        status: str,
        effective_on: date,
        source: str,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.poverty_status = PovertyStatus(status)
        self.poverty_status_since = effective_on
        self.poverty_status_source = source

    @event("JobIntentionRecorded")
    def _job_intention_recorded(
        self,
        destination: str | None,
        sector: str | None,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.job_intention = JobIntention(destination, sector)

    @event("SkillsRecorded")
    def _skills_recorded(
        self, skills: list[str], actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.skills = list(skills)

    @event("SupportServiceRecorded")
    def _support_service_recorded(
        self,
        kind: str,
        description: str | None,
        amount: Decimal | None,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.support_services.append({"kind": kind, "occurred_on": occurred_on, "amount": amount})

    @event("Deactivated")
    def _deactivated(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.status = WorkerStatus.DEACTIVATED
        self.deactivation_reason = reason
        self.deactivated_on = occurred_on

    @event("Reactivated")
    def _reactivated(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.status = WorkerStatus.ACTIVE
        self.deactivation_reason = None
        self.deactivated_on = None
