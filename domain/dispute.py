"""Dispute (劳动争议): one case of a worker against an employer, from acceptance
(受理) through mediation (调解) to settlement, escalation or closure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.dispute_terms import (
    MEDIATION_DAYS,
    DisputeKind,
    DisputeOutcome,
    DisputeStatus,
    EscalationTarget,
    MediationPeriod,
    PeriodEnd,
    PeriodStart,
    parse_attendees,
    parse_employer_code,
    parse_sha256,
)
from domain.exceptions import InvalidTransition, InvalidValue
from domain.money import parse_amount
from domain.rules import ensure_not_before, ensure_not_future, optional_note, parse_choice
from domain.text import clean_name, clean_text
from domain.worker_dates import WorkerDates

__all__ = ["MEDIATION_DAYS", "Dispute", "DisputeStatus", "MediationPeriod"]

S = DisputeStatus
# Which command each status allows; a command in any other status is refused.
ASSIGNABLE = frozenset({S.OPENED, S.IN_MEDIATION})
IN_SESSION = frozenset({S.IN_MEDIATION})
TAKES_EVIDENCE = frozenset({S.OPENED, S.IN_MEDIATION, S.ESCALATED})
ESCALATABLE = frozenset({S.OPENED, S.IN_MEDIATION})
SETTLEABLE = frozenset({S.IN_MEDIATION, S.ESCALATED})
CLOSABLE = frozenset(S) - {S.CLOSED}
REOPENABLE = frozenset({S.CLOSED})
# Mediation still running without an agreement: the statutory clock applies.
MEDIATING = frozenset({S.OPENED, S.IN_MEDIATION})


class Stamp(TypedDict):
    """Who acts, on which business date, and the day it is now (Asia/Shanghai)."""

    actor: Actor
    occurred_on: date
    today: date


class EventStamp(TypedDict):
    actor: Actor
    occurred_on: date
    note: str | None


class Dispute(Aggregate):
    """A labour dispute. Its id is random: a worker may bring several cases."""

    @classmethod
    def open(
        cls,
        *,
        worker: WorkerDates,
        employer_name: str,
        employer_code: str | None,
        kind: str,
        amount_claimed: Decimal | str | int,
        description: str,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None = None,
    ) -> Dispute:
        """Accept (受理) a dispute on `occurred_on`, not before the worker's
        registration; that date starts the 15-day mediation clock
        (劳动争议调解仲裁法 art. 14)."""
        ensure_not_future(occurred_on, today)
        worker.ensure_registered(occurred_on)
        return cls(
            worker_id=worker.worker_id,
            employer_name=clean_text(employer_name, "employer_name", max_length=100),
            employer_code=parse_employer_code(employer_code),
            kind=parse_choice(DisputeKind, kind, "kind").value,
            amount_claimed=parse_amount(amount_claimed, "amount_claimed"),
            description=clean_text(description, "description", max_length=2000),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    @event("Opened")
    def __init__(
        self,
        *,
        worker_id: UUID,
        employer_name: str,
        employer_code: str | None,
        kind: str,
        amount_claimed: Decimal,
        description: str,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.worker_id = worker_id
        self.employer_name = employer_name
        self.employer_code = employer_code
        self.kind = DisputeKind(kind)
        self.amount_claimed = amount_claimed
        self.description = description
        self.opened_on = occurred_on
        self.status = DisputeStatus.OPENED
        self.mediator: str | None = None
        self.sessions: list[dict[str, Any]] = []
        self.evidence: list[dict[str, Any]] = []
        self.escalated_to: EscalationTarget | None = None
        self.escalated_on: date | None = None
        self.escalation_reason: str | None = None
        self.amount_agreed: Decimal | None = None
        self.amount_recovered: Decimal | None = None
        self.settled_on: date | None = None
        self.outcome: DisputeOutcome | None = None
        self.closed_on: date | None = None
        self.closure_reason: str | None = None
        self.reopened_on: date | None = None
        self.reopen_reason: str | None = None
        self.mediation_periods = [MediationPeriod(occurred_on, PeriodStart.ACCEPTED)]

    @property
    def mediation_due_on(self) -> date:
        """The due date of the current (or last) mediation period."""
        return self.mediation_periods[-1].due_on

    def is_overdue(self, today: date) -> bool:
        """Mediation past its statutory period without agreement, escalation or closure."""
        return self.status in MEDIATING and self.mediation_due_on < today

    def assign_mediator(
        self, *, mediator: str, note: str | None = None, **stamp: Unpack[Stamp]
    ) -> None:
        """Assign the mediator (调解员) who handles the case; a later assignment
        replaces the earlier one. The mediator already handling it records nothing."""
        self._ensure(ASSIGNABLE, "assign a mediator")
        assigned, dated = clean_name(mediator, "mediator", max_length=64), self._dated(note, stamp)
        if self.status is S.IN_MEDIATION and assigned == self.mediator:
            return
        self._mediator_assigned(mediator=assigned, **dated)

    def record_session(
        self,
        *,
        attendees: Sequence[str],
        summary: str,
        note: str | None = None,
        **stamp: Unpack[Stamp],
    ) -> None:
        """Record a mediation session (调解) held on `occurred_on`."""
        self._ensure(IN_SESSION, "record a mediation session")
        self._session_recorded(
            attendees=parse_attendees(attendees),
            summary=clean_text(summary, "summary", max_length=2000),
            **self._dated(note, stamp),
        )

    def add_evidence(
        self,
        *,
        document_id: str,
        sha256: str,
        description: str,
        media_type: str | None = None,
        size: int | None = None,
        note: str | None = None,
        **stamp: Unpack[Stamp],
    ) -> None:
        """Add a piece of evidence (证据): a stored document and its SHA-256 digest.
        A document already added with the same digest records nothing; the
        same document id with another digest is another version, added.
        `media_type` and `size` describe a stored file (both or neither)."""
        self._ensure(TAKES_EVIDENCE, "add evidence")
        document = clean_text(document_id, "document_id", max_length=100)
        digest = parse_sha256(sha256)
        described = clean_text(description, "description", max_length=500)
        dated = self._dated(note, stamp)
        if any((e["document_id"], e["sha256"]) == (document, digest) for e in self.evidence):
            return
        if (media_type is None) != (size is None) or (size is not None and size <= 0):
            raise InvalidValue("size", "must be given with the media type, more than 0")
        self._evidence_added(
            document_id=document,
            sha256=digest,
            description=described,
            media_type=clean_text(media_type, "media_type", max_length=100) if media_type else None,
            size=size,
            **dated,
        )

    def escalate(
        self, *, to: str, reason: str, note: str | None = None, **stamp: Unpack[Stamp]
    ) -> None:
        """Refer the case to labour arbitration (劳动仲裁), work-injury
        determination (工伤认定) or a court (人民法院)."""
        self._ensure(ESCALATABLE, "escalate the dispute")
        self._escalated(
            to=parse_choice(EscalationTarget, to, "to").value,
            reason=clean_text(reason, "reason", max_length=500),
            **self._dated(note, stamp),
        )

    def settle(
        self,
        *,
        amount_agreed: Decimal | str | int,
        amount_recovered: Decimal | str | int,
        note: str | None = None,
        **stamp: Unpack[Stamp],
    ) -> None:
        """Record the agreement (调解协议): the amount agreed and how much of it
        the worker has recovered so far — never more than agreed."""
        self._ensure(SETTLEABLE, "settle the dispute")
        agreed = parse_amount(amount_agreed, "amount_agreed")
        recovered = parse_amount(amount_recovered, "amount_recovered")
        if recovered > agreed:
            raise InvalidValue("amount_recovered", "must not exceed the amount agreed")
        self._settled(
            amount_agreed=agreed,
            amount_recovered=recovered,
            **self._dated(note, stamp),
        )

    def close(
        self, *, outcome: str, reason: str | None, note: str | None = None, **stamp: Unpack[Stamp]
    ) -> None:
        """Close the case (结案) with its outcome, from any status but closed."""
        self._ensure(CLOSABLE, "close the dispute")
        self._closed(
            outcome=parse_choice(DisputeOutcome, outcome, "outcome").value,
            reason=clean_text(reason, "reason", max_length=500) if reason else None,
            **self._dated(note, stamp),
        )

    def reopen(self, *, reason: str, note: str | None = None, **stamp: Unpack[Stamp]) -> None:
        """Reopen a closed case, not before its closure: back in mediation if a
        mediator is assigned, otherwise back to accepted. The reopening starts
        a new 15-day mediation period; the earlier ones stay in the history."""
        self._ensure(REOPENABLE, "reopen the dispute")
        dated = self._dated(note, stamp)
        assert self.closed_on is not None
        ensure_not_before(dated["occurred_on"], self.closed_on, "occurred_on", "the closure date")
        self._reopened(reason=clean_text(reason, "reason", max_length=500), **dated)

    def _ensure(self, allowed: frozenset[DisputeStatus], command: str) -> None:
        if self.status not in allowed:
            raise InvalidTransition(command, self.status.value)

    def _dated(self, note: str | None, stamp: Stamp) -> EventStamp:
        """Who acted, on which business date — not in the future, not before the
        dispute was accepted, nor (once reopened) before the last reopening —
        and the optional note: what every event carries."""
        occurred_on = ensure_not_future(stamp["occurred_on"], stamp["today"])
        ensure_not_before(occurred_on, self.opened_on, "occurred_on", "the acceptance date")
        if self.reopened_on is not None:
            ensure_not_before(occurred_on, self.reopened_on, "occurred_on", "the reopening date")
        return EventStamp(actor=stamp["actor"], occurred_on=occurred_on, note=optional_note(note))

    def _end_period(self, on: date, by: PeriodEnd) -> None:
        """Stop the mediation clock, if it is running (an assignment only)."""
        current = self.mediation_periods[-1]
        if current.running:
            self.mediation_periods[-1] = current.ended(on, by)

    # Event bodies are replayed for ever: they only assign.

    @event("MediatorAssigned")
    def _mediator_assigned(
        self, mediator: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.status = DisputeStatus.IN_MEDIATION
        self.mediator = mediator

    @event("SessionRecorded")
    def _session_recorded(
        self, attendees: list[str], summary: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.sessions.append(
            {
                "held_on": occurred_on,
                "attendees": list(attendees),
                "summary": summary,
                "recorded_by": actor.user,
            }
        )

    @event("EvidenceAdded")
    def _evidence_added(
        self,
        document_id: str,
        sha256: str,
        description: str,
        actor: Actor,
        occurred_on: date,
        note: str | None,
        # Added with evidence files; events stored before them replay without.
        media_type: str | None = None,
        size: int | None = None,
    ) -> None:
        self.evidence.append(
            {
                "document_id": document_id,
                "sha256": sha256,
                "description": description,
                "added_on": occurred_on,
                "added_by": actor.user,
                "media_type": media_type,
                "size": size,
            }
        )

    @event("Escalated")
    def _escalated(
        self, to: str, reason: str, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.status = DisputeStatus.ESCALATED
        self.escalated_to = EscalationTarget(to)
        self.escalated_on = occurred_on
        self.escalation_reason = reason
        self._end_period(occurred_on, PeriodEnd.ESCALATED)

    @event("Settled")
    def _settled(
        self,
        amount_agreed: Decimal,
        amount_recovered: Decimal,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.status = DisputeStatus.SETTLED
        self.amount_agreed = amount_agreed
        self.amount_recovered = amount_recovered
        self.settled_on = occurred_on
        self._end_period(occurred_on, PeriodEnd.SETTLED)

    @event("Closed")
    def _closed(
        self, outcome: str, reason: str | None, actor: Actor, occurred_on: date, note: str | None
    ) -> None:
        self.status = DisputeStatus.CLOSED
        self.outcome = DisputeOutcome(outcome)
        self.closed_on = occurred_on
        self.closure_reason = reason
        self._end_period(occurred_on, PeriodEnd.CLOSED)

    @event("Reopened")
    def _reopened(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.status = DisputeStatus.IN_MEDIATION if self.mediator else DisputeStatus.OPENED
        self.outcome = None
        self.closed_on = None
        self.closure_reason = None
        self.reopened_on = occurred_on
        self.reopen_reason = reason
        self.mediation_periods.append(MediationPeriod(occurred_on, PeriodStart.REOPENED))
