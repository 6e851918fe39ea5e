"""Subsidy (补贴): one entitlement a worker's history gave rise to, and what the
office did about it — approved or rejected, paid, revoked — and what later
corrections to the history did to it: withdrawn before payment, flagged as
overpaid after it. Nothing is ever rewritten: each step is a new event.

The policy process and the caseworkers both write here. The process records
`Assessed`, `Reassessed`, `Withdrawn` and `FoundOverpaid`; each carries the
log position its evaluation read the history up to (`evaluated_at`), and an
evaluation never overrides one made from a later position — so a slow
evaluation cannot undo what a newer one found.

Two times (design §9): each event is recorded now, and dated with its business
date. A subsidy is dated when it arose (`arose_on`: the arrival, the end of the
month that completed the qualifying run, the day the conditions were met), not
the day the process found it, so the past can be entered truthfully: approval
and rejection on or after that date, payment on or after the approval, nothing
after today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.exceptions import InvalidTransition
from domain.rules import ensure_not_before, ensure_not_future, optional_note
from domain.subsidy_rules import SubsidyKind
from domain.text import clean_text

__all__ = ["Assessment", "Evidence", "Subsidy", "SubsidyKind", "SubsidyStatus"]


class SubsidyStatus(StrEnum):
    ASSESSED = "assessed"  # 已核定: the history supports it; awaiting a decision
    APPROVED = "approved"  # 已审批
    REJECTED = "rejected"  # 不予发放
    PAID = "paid"  # 已发放
    REVOKED = "revoked"  # 已撤销 by a caseworker
    WITHDRAWN = "withdrawn"  # no longer supported, not paid: nothing to pay
    OVERPAID = "overpaid"  # no longer (fully) supported, already paid: to recover


S = SubsidyStatus
APPROVABLE = frozenset({S.ASSESSED})
PAYABLE = frozenset({S.APPROVED})
REVOCABLE = frozenset({S.ASSESSED, S.APPROVED, S.PAID, S.OVERPAID})
# Decided by a person: an evaluation leaves them as they are.
SETTLED_BY_STAFF = frozenset({S.REJECTED, S.REVOKED})
NOT_YET_PAID = frozenset({S.ASSESSED, S.APPROVED})


@dataclass(frozen=True)
class Evidence:
    """One event an entitlement relied on: aggregate, version and log position."""

    aggregate_id: UUID
    version: int
    position: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "aggregate_id": self.aggregate_id,
            "version": self.version,
            "position": self.position,
        }


@dataclass(frozen=True)
class Assessment:
    """What one evaluation found for one (worker, kind, basis)."""

    amount: Decimal
    policy_version: str
    arose_on: date
    evidence: Sequence[Evidence]
    explanation_zh: str
    explanation_en: str
    evaluated_at: int  # the log position the history was read up to

    def event_fields(self) -> dict[str, Any]:
        return {
            "amount": self.amount,
            "policy_version": self.policy_version,
            "arose_on": self.arose_on,
            "evidence": [e.as_dict() for e in self.evidence],
            "explanation_zh": self.explanation_zh,
            "explanation_en": self.explanation_en,
            "evaluated_at": self.evaluated_at,
        }


class Subsidy(Aggregate):
    """Its id is derived from (worker, kind, basis), so the same entitlement can
    only ever be recorded once, even by two evaluations racing each other."""

    @classmethod
    def assess(
        cls,
        *,
        subsidy_id: UUID,
        worker_id: UUID,
        kind: SubsidyKind,
        basis: str,
        assessment: Assessment,
        actor: Actor,
        today: date,
    ) -> Subsidy:
        """Dated the day the entitlement arose. A stable-job month confirmed
        before it ends arises on its last day, still ahead: a business date is
        never after today, so such an assessment is dated today (and approving
        it still waits for the day it arises)."""
        return cls(
            id=subsidy_id,
            worker_id=worker_id,
            kind=kind.value,
            basis=basis,
            actor=actor,
            occurred_on=min(assessment.arose_on, today),
            **assessment.event_fields(),
        )

    @event("Assessed")
    def __init__(
        self,
        *,
        id: UUID,  # noqa: A002 - the library's name for a given aggregate id
        worker_id: UUID,
        kind: str,
        basis: str,
        amount: Decimal,
        policy_version: str,
        arose_on: date,
        evidence: list[dict[str, Any]],
        explanation_zh: str,
        explanation_en: str,
        evaluated_at: int,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        self.worker_id = worker_id
        self.kind = SubsidyKind(kind)
        self.basis = basis
        self.status = SubsidyStatus.ASSESSED
        # Events stored before business dating carry the day the process ran;
        # newer ones the day the subsidy arose. Both load: no rule reads it.
        self.assessed_on = occurred_on
        self.reassessed_on: date | None = None
        self.decided_on: date | None = None
        self.decided_by: str | None = None
        self.decision_reason: str | None = None
        self.paid_amount: Decimal | None = None
        self.paid_on: date | None = None
        self.payment_reference: str | None = None
        self.overpaid_amount: Decimal | None = None
        self.revoked_on: date | None = None
        self.revocation_reason: str | None = None
        self.withdrawal_reason_en: str | None = None
        self.withdrawal_reason_zh: str | None = None
        self._take(amount, policy_version, arose_on, evidence, explanation_zh, explanation_en)
        self.evaluated_at = evaluated_at

    def _take(
        self,
        amount: Decimal,
        policy_version: str,
        arose_on: date,
        evidence: list[dict[str, Any]],
        explanation_zh: str,
        explanation_en: str,
    ) -> None:
        self.amount = amount
        self.policy_version = policy_version
        self.arose_on = arose_on
        self.evidence = [dict(e) for e in evidence]
        self.explanation_zh = explanation_zh
        self.explanation_en = explanation_en

    # -- decisions by staff ------------------------------------------------------

    def approve(self, *, actor: Actor, occurred_on: date, today: date, note: str | None) -> None:
        """Approve (审批) the assessed amount: on or after the date the subsidy
        arose (not the day the process assessed it), and not after today."""
        self._require(APPROVABLE, "approve the subsidy")
        self._check_date(occurred_on, today, *self._arisen())
        self._approved(actor=actor, occurred_on=occurred_on, note=optional_note(note))

    def reject(
        self, *, reason: str, actor: Actor, occurred_on: date, today: date, note: str | None
    ) -> None:
        """Refuse (不予发放) the subsidy: dated like an approval."""
        self._require(APPROVABLE, "reject the subsidy")
        self._check_date(occurred_on, today, *self._arisen())
        self._rejected(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def pay(
        self,
        *,
        payment_reference: str,
        paid_on: date,
        actor: Actor,
        occurred_on: date,
        today: date,
        note: str | None,
    ) -> None:
        """Record the payment (发放) of the approved amount, once: `paid_on`, the
        day the money went out, on or after the approval and not after today;
        the record of it (`occurred_on`) not before `paid_on`."""
        self._require(PAYABLE, "pay the subsidy", "only an approved subsidy is paid, once")
        ensure_not_future(paid_on, today, "paid_on")
        assert self.decided_on is not None
        ensure_not_before(paid_on, self.decided_on, "paid_on", "the approval")
        self._check_date(occurred_on, today, paid_on, "the payment date")
        self._paid(
            payment_reference=clean_text(payment_reference, "payment_reference", max_length=64),
            paid_on=paid_on,
            amount=self.amount,
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    def revoke(
        self, *, reason: str, actor: Actor, occurred_on: date, today: date, note: str | None
    ) -> None:
        """Revoke (撤销) the subsidy: not before its last step (the date it
        arose, the approval, the payment date), and not after today."""
        self._require(REVOCABLE, "revoke the subsidy")
        self._check_date(occurred_on, today, *self._last_step())
        self._revoked(
            reason=clean_text(reason, "reason", max_length=500),
            actor=actor,
            occurred_on=occurred_on,
            note=optional_note(note),
        )

    # -- what an evaluation finds ---------------------------------------------------
    #
    # `Reassessed`, `Withdrawn` and `FoundOverpaid` are dated the day the process
    # found them (`today`). They are findings about the record, not facts of the
    # world: what they correct carries its own business date on its own record
    # (the month withdrawn, the back-dated status change), and the entitlement's
    # date travels in their `arose_on`. Dated earlier, they would claim the office
    # knew before it could have. No decision of staff is bounded by them — only
    # by `arose_on` and the earlier decisions — so entering the past stays open.

    def is_newer(self, evaluated_at: int) -> bool:
        """Whether an evaluation read the log further than the last one applied here."""
        return evaluated_at > self.evaluated_at

    def still_supported(self, assessment: Assessment, *, actor: Actor, today: date) -> bool:
        """The history (still, or again) supports this entitlement. Records what
        changed, if anything; returns whether an event was triggered."""
        if not self.is_newer(assessment.evaluated_at) or self.status in SETTLED_BY_STAFF:
            return False
        if self.status in (S.WITHDRAWN, *NOT_YET_PAID):
            if self.status is not S.WITHDRAWN and assessment.amount == self.amount:
                return False  # same entitlement; new evidence alone changes nothing
            self._reassessed(actor=actor, occurred_on=today, **assessment.event_fields())
            return True
        assert self.paid_amount is not None
        supported = min(assessment.amount, self.paid_amount)
        overpaid = self.paid_amount - supported
        if overpaid == (self.overpaid_amount or 0):
            return False
        if overpaid == 0:  # a correction restored what was paid for
            self._reassessed(actor=actor, occurred_on=today, **assessment.event_fields())
        else:
            self._found_overpaid(
                overpaid_amount=overpaid,
                actor=actor,
                occurred_on=today,
                **assessment.event_fields(),
            )
        return True

    def no_longer_supported(
        self, *, evaluated_at: int, reason_zh: str, reason_en: str, actor: Actor, today: date
    ) -> bool:
        """The history no longer supports this entitlement at all: withdrawn if
        not yet paid, flagged as overpaid if paid. Returns whether it changed."""
        if not self.is_newer(evaluated_at):
            return False
        if self.status in NOT_YET_PAID:
            self._withdrawn(
                reason_zh=reason_zh,
                reason_en=reason_en,
                evaluated_at=evaluated_at,
                actor=actor,
                occurred_on=today,
            )
            return True
        if self.status in (S.PAID, S.OVERPAID) and self.overpaid_amount != self.paid_amount:
            assert self.paid_amount is not None
            self._found_overpaid(
                overpaid_amount=self.paid_amount,
                amount=Decimal("0.00"),
                policy_version=self.policy_version,
                arose_on=self.arose_on,
                evidence=[],
                explanation_zh=reason_zh,
                explanation_en=reason_en,
                evaluated_at=evaluated_at,
                actor=actor,
                occurred_on=today,
            )
            return True
        return False

    # -- events -----------------------------------------------------------------------

    @event("Approved")
    def _approved(self, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.status = S.APPROVED
        self.decided_on = occurred_on
        self.decided_by = actor.user

    @event("Rejected")
    def _rejected(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.status = S.REJECTED
        self.decided_on = occurred_on
        self.decided_by = actor.user
        self.decision_reason = reason

    @event("Paid")
    def _paid(
        self,
        payment_reference: str,
        paid_on: date,
        amount: Decimal,
        actor: Actor,
        occurred_on: date,
        note: str | None,
    ) -> None:
        self.status = S.PAID
        self.paid_amount = amount
        self.paid_on = paid_on
        self.payment_reference = payment_reference

    @event("Revoked")
    def _revoked(self, reason: str, actor: Actor, occurred_on: date, note: str | None) -> None:
        self.status = S.REVOKED
        self.revoked_on = occurred_on
        self.revocation_reason = reason

    @event("Reassessed")
    def _reassessed(
        self,
        amount: Decimal,
        policy_version: str,
        arose_on: date,
        evidence: list[dict[str, Any]],
        explanation_zh: str,
        explanation_en: str,
        evaluated_at: int,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        """Supported again (after a withdrawal or overpayment), or for another
        amount: an approval of the old amount no longer stands."""
        self._take(amount, policy_version, arose_on, evidence, explanation_zh, explanation_en)
        self.evaluated_at = evaluated_at
        self.reassessed_on = occurred_on
        if self.status is S.OVERPAID:
            self.status = S.PAID
            self.overpaid_amount = None
        else:
            self.status = S.ASSESSED
            self.decided_on = self.decided_by = None
        self.withdrawal_reason_zh = self.withdrawal_reason_en = None

    @event("Withdrawn")
    def _withdrawn(
        self, reason_zh: str, reason_en: str, evaluated_at: int, actor: Actor, occurred_on: date
    ) -> None:
        self.status = S.WITHDRAWN
        self.evaluated_at = evaluated_at
        self.withdrawal_reason_zh = reason_zh
        self.withdrawal_reason_en = reason_en

    @event("FoundOverpaid")
    def _found_overpaid(
        self,
        overpaid_amount: Decimal,
        amount: Decimal,
        policy_version: str,
        arose_on: date,
        evidence: list[dict[str, Any]],
        explanation_zh: str,
        explanation_en: str,
        evaluated_at: int,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        """Paid, but the history now supports only `amount` of it (zero if none)."""
        self._take(amount, policy_version, arose_on, evidence, explanation_zh, explanation_en)
        self.evaluated_at = evaluated_at
        self.status = S.OVERPAID
        self.overpaid_amount = overpaid_amount

    # -- checks ---------------------------------------------------------------------

    def _require(self, allowed: frozenset[SubsidyStatus], command: str, reason: str = "") -> None:
        if self.status not in allowed:
            raise InvalidTransition(command, self.status.value, reason)

    def _arisen(self) -> tuple[date, str]:
        """When the entitlement now on the record arose (a reassessment may move it)."""
        return self.arose_on, "the date the subsidy arose"

    def _last_step(self) -> tuple[date, str]:
        """The latest dated step of the subsidy: arising, decision, payment."""
        steps = [self._arisen()]
        if self.decided_on is not None:
            steps.append((self.decided_on, "the approval"))
        if self.paid_on is not None:
            steps.append((self.paid_on, "the payment date"))
        return max(steps, key=lambda step: step[0])

    @staticmethod
    def _check_date(occurred_on: date, today: date, earliest: date, earliest_name: str) -> None:
        ensure_not_future(occurred_on, today)
        ensure_not_before(occurred_on, earliest, "occurred_on", earliest_name)
