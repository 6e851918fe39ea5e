"""The Subsidy aggregate: the office's decisions, and what evaluations do to it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from domain.actor import Actor, Role
from domain.exceptions import InvalidTransition, InvalidValue
from domain.subsidy import Assessment, Evidence, Subsidy, SubsidyKind, SubsidyStatus

TODAY = date(2026, 11, 26)
STAFF = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
POLICY = Actor(user="subsidy-policy", role=Role.SYSTEM, office="500237")
S = SubsidyStatus


def assessment(amount: str = "1000.00", at: int = 10) -> Assessment:
    return Assessment(
        amount=Decimal(amount),
        policy_version="2021-鲁渝-1",
        arose_on=date(2026, 8, 31),
        evidence=[Evidence(UUID(int=7), 3, at - 1)],
        explanation_zh="稳岗补贴",
        explanation_en="stable-job subsidy",
        evaluated_at=at,
    )


def assessed(amount: str = "1000.00", at: int = 10) -> Subsidy:
    return Subsidy.assess(
        subsidy_id=UUID(int=1),
        worker_id=UUID(int=2),
        kind=SubsidyKind.STABLE_JOB,
        basis="month:2026-03",
        assessment=assessment(amount, at),
        actor=POLICY,
        today=TODAY,
    )


def pay(subsidy: Subsidy, reference: str = "WS-1", paid_on: date = TODAY) -> None:
    subsidy.pay(
        payment_reference=reference,
        paid_on=paid_on,
        actor=STAFF,
        occurred_on=TODAY,
        today=TODAY,
        note=None,
    )


def paid(amount: str = "1000.00") -> Subsidy:
    subsidy = assessed(amount)
    subsidy.approve(actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)
    pay(subsidy)
    return subsidy


def gone(subsidy: Subsidy, at: int) -> bool:
    return subsidy.no_longer_supported(
        evaluated_at=at, reason_zh="不再成立", reason_en="no longer", actor=POLICY, today=TODAY
    )


def test_an_assessment_records_the_evidence_with_log_positions() -> None:
    subsidy = assessed()

    assert (subsidy.status, subsidy.amount, subsidy.evaluated_at) == (S.ASSESSED, Decimal(1000), 10)
    assert subsidy.evidence == [{"aggregate_id": UUID(int=7), "version": 3, "position": 9}]


def test_paid_once_and_only_after_approval() -> None:
    subsidy = assessed()
    with pytest.raises(InvalidTransition):
        pay(subsidy, "X")
    subsidy.approve(actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)
    with pytest.raises(InvalidTransition):
        subsidy.approve(actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)
    pay(subsidy, "WS-1")
    with pytest.raises(InvalidTransition):
        pay(subsidy, "WS-2")
    assert (subsidy.status, subsidy.paid_amount, subsidy.version) == (S.PAID, Decimal(1000), 3)


def test_a_payment_date_in_the_future_or_an_empty_reference_is_refused() -> None:
    subsidy = assessed()
    subsidy.approve(actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)
    with pytest.raises(InvalidValue) as future:
        pay(subsidy, paid_on=date(2026, 11, 27))
    with pytest.raises(InvalidValue) as empty:
        pay(subsidy, " ")
    assert (future.value.field, empty.value.field) == ("paid_on", "payment_reference")


def test_rejected_and_revoked_subsidies_are_left_alone_by_evaluations() -> None:
    rejected = assessed()
    rejected.reject(reason="材料不全", actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)
    revoked = paid()
    revoked.revoke(reason="重复申报", actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)

    for subsidy in (rejected, revoked):
        assert not gone(subsidy, 20)
        assert not subsidy.still_supported(assessment("500.00", 21), actor=POLICY, today=TODAY)
    with pytest.raises(InvalidTransition):
        rejected.revoke(reason="x", actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)


def test_no_longer_supported_withdraws_unpaid_and_flags_paid_as_overpaid() -> None:
    unpaid, settled = assessed(), paid()

    assert gone(unpaid, 20) and gone(settled, 20)

    assert unpaid.status is S.WITHDRAWN
    assert (settled.status, settled.overpaid_amount, settled.amount) == (
        S.OVERPAID,
        Decimal(1000),
        Decimal(0),
    )
    assert not gone(settled, 21)  # already flagged for the whole amount: nothing new


def test_an_older_evaluation_never_overrides_a_newer_one() -> None:
    subsidy = assessed(at=30)

    assert not gone(subsidy, 29)
    assert not gone(subsidy, 30)
    assert subsidy.status is S.ASSESSED


def test_supported_again_is_reassessed_and_a_changed_amount_needs_approval_again() -> None:
    withdrawn = assessed()
    gone(withdrawn, 20)
    approved = assessed()
    approved.approve(actor=STAFF, occurred_on=TODAY, today=TODAY, note=None)

    assert withdrawn.still_supported(assessment(at=21), actor=POLICY, today=TODAY)
    assert not approved.still_supported(assessment(at=21), actor=POLICY, today=TODAY)  # same
    assert approved.still_supported(assessment("400.00", 22), actor=POLICY, today=TODAY)

    assert withdrawn.status is S.ASSESSED and withdrawn.withdrawal_reason_en is None
    assert (approved.status, approved.amount, approved.decided_on) == (
        S.ASSESSED,
        Decimal("400.00"),
        None,
    )


def test_a_partly_supported_payment_is_overpaid_by_the_difference_and_can_be_restored() -> None:
    subsidy = paid()

    assert subsidy.still_supported(assessment("600.00", 20), actor=POLICY, today=TODAY)
    assert (subsidy.status, subsidy.overpaid_amount) == (S.OVERPAID, Decimal("400.00"))
    assert subsidy.still_supported(assessment("1000.00", 21), actor=POLICY, today=TODAY)
    assert (subsidy.status, subsidy.overpaid_amount) == (S.PAID, None)
    assert not subsidy.still_supported(assessment("1000.00", 22), actor=POLICY, today=TODAY)


def assessed_on(day: date) -> Subsidy:
    subsidy = Subsidy.assess(
        subsidy_id=UUID(int=1),
        worker_id=UUID(int=2),
        kind=SubsidyKind.STABLE_JOB,
        basis="month:2026-03",
        assessment=assessment(),
        actor=POLICY,
        today=day,
    )
    subsidy.collect_events()
    return subsidy


def test_an_approval_before_the_assessment_is_refused_naming_it() -> None:
    subsidy = assessed_on(date(2026, 11, 1))

    with pytest.raises(InvalidValue) as refused:
        subsidy.approve(actor=STAFF, occurred_on=date(2026, 10, 31), today=TODAY, note=None)

    assert str(refused.value) == "occurred_on: must not be before the assessment (2026-11-01)"


def test_a_decision_before_the_reassessment_of_a_new_amount_is_refused_naming_it() -> None:
    subsidy = assessed_on(date(2026, 11, 1))
    subsidy.still_supported(assessment("400.00", 20), actor=POLICY, today=date(2026, 11, 20))

    for decide in (
        lambda on: subsidy.approve(actor=STAFF, occurred_on=on, today=TODAY, note=None),
        lambda on: subsidy.reject(reason="x", actor=STAFF, occurred_on=on, today=TODAY, note=None),
    ):
        with pytest.raises(InvalidValue) as refused:
            decide(date(2026, 11, 10))
        assert str(refused.value) == (
            "occurred_on: must not be before the reassessment (2026-11-20)"
        )
    subsidy.approve(actor=STAFF, occurred_on=date(2026, 11, 20), today=TODAY, note=None)
    assert subsidy.status is S.APPROVED


def revoke(subsidy: Subsidy, on: date) -> None:
    subsidy.revoke(reason="重复申报", actor=STAFF, occurred_on=on, today=TODAY, note=None)


def test_a_revocation_before_the_approval_is_refused_naming_it() -> None:
    subsidy = assessed_on(date(2026, 11, 1))
    subsidy.approve(actor=STAFF, occurred_on=date(2026, 11, 5), today=TODAY, note=None)

    with pytest.raises(InvalidValue) as refused:
        revoke(subsidy, date(2026, 11, 4))

    assert str(refused.value) == "occurred_on: must not be before the approval (2026-11-05)"
    revoke(subsidy, date(2026, 11, 5))
    assert subsidy.status is S.REVOKED


def test_a_revocation_before_the_payment_is_refused_naming_its_date() -> None:
    subsidy = assessed_on(date(2026, 11, 1))
    subsidy.approve(actor=STAFF, occurred_on=date(2026, 11, 5), today=TODAY, note=None)
    pay(subsidy, paid_on=date(2026, 11, 10))

    with pytest.raises(InvalidValue) as refused:
        revoke(subsidy, date(2026, 11, 9))

    assert str(refused.value) == "occurred_on: must not be before the payment date (2026-11-10)"
    revoke(subsidy, date(2026, 11, 10))
    assert subsidy.status is S.REVOKED
