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


AROSE_ON = date(2026, 8, 31)  # the day `assessment()` says the subsidy arose


def assessed_on(day: date) -> Subsidy:
    """Assessed by the process on `day` (the subsidy arose on AROSE_ON)."""
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


def stored_before_business_dating(process_ran_on: date) -> Subsidy:
    """A subsidy as an `Assessed` event stored before assessments were dated
    when the subsidy arose: it carries the day the process ran."""
    subsidy = Subsidy(
        id=UUID(int=1),
        worker_id=UUID(int=2),
        kind=SubsidyKind.STABLE_JOB.value,
        basis="month:2026-03",
        actor=POLICY,
        occurred_on=process_ran_on,
        **assessment().event_fields(),
    )
    subsidy.collect_events()
    return subsidy


def approve(subsidy: Subsidy, on: date, today: date = TODAY) -> None:
    subsidy.approve(actor=STAFF, occurred_on=on, today=today, note=None)


def test_an_assessment_is_dated_the_day_the_subsidy_arose_not_the_day_it_was_found() -> None:
    subsidy = Subsidy.assess(
        subsidy_id=UUID(int=1),
        worker_id=UUID(int=2),
        kind=SubsidyKind.STABLE_JOB,
        basis="month:2026-03",
        assessment=assessment(),
        actor=POLICY,
        today=TODAY,
    )

    [assessed_event] = subsidy.collect_events()
    assert getattr(assessed_event, "occurred_on") == AROSE_ON
    assert (subsidy.assessed_on, subsidy.arose_on) == (AROSE_ON, AROSE_ON)


def test_a_subsidy_that_arises_at_the_end_of_this_month_is_dated_today_until_then() -> None:
    # The month was confirmed before it ended: the subsidy arises on its last day.
    subsidy = assessed_on(date(2026, 8, 20))

    assert subsidy.assessed_on == date(2026, 8, 20)  # never a business date after today
    with pytest.raises(InvalidValue) as early:
        approve(subsidy, date(2026, 8, 20), today=date(2026, 8, 20))
    assert str(early.value) == (
        "occurred_on: must not be before the date the subsidy arose (2026-08-31)"
    )


def test_an_approval_may_be_back_dated_to_the_day_the_subsidy_arose() -> None:
    subsidy = assessed_on(TODAY)  # found months later, e.g. from an imported ledger

    approve(subsidy, AROSE_ON)

    assert (subsidy.status, subsidy.decided_on) == (S.APPROVED, AROSE_ON)


def test_a_decision_before_the_day_the_subsidy_arose_is_refused_naming_it() -> None:
    for decide in (
        lambda on: approve(assessed_on(TODAY), on),
        lambda on: assessed_on(TODAY).reject(
            reason="x", actor=STAFF, occurred_on=on, today=TODAY, note=None
        ),
    ):
        with pytest.raises(InvalidValue) as refused:
            decide(date(2026, 8, 30))
        assert str(refused.value) == (
            "occurred_on: must not be before the date the subsidy arose (2026-08-31)"
        )


def test_a_decision_after_today_is_refused() -> None:
    subsidy = assessed_on(TODAY)

    with pytest.raises(InvalidValue) as refused:
        approve(subsidy, date(2026, 11, 27))

    assert str(refused.value) == "occurred_on: must not be in the future"
    assert subsidy.status is S.ASSESSED


def test_a_subsidy_stored_with_the_day_the_process_ran_loads_and_takes_the_new_rule() -> None:
    subsidy = stored_before_business_dating(date(2026, 11, 1))

    assert subsidy.assessed_on == date(2026, 11, 1)  # as stored: nothing is rewritten
    approve(subsidy, AROSE_ON)  # before the day the process ran, after the day it arose
    assert subsidy.status is S.APPROVED


def test_after_a_reassessment_a_decision_still_goes_back_to_the_day_it_arose() -> None:
    subsidy = assessed_on(date(2026, 11, 1))
    # Found for another amount on 20 November: the reassessment is dated that day,
    # but a decision on the new amount may still be dated back to when it arose.
    subsidy.still_supported(assessment("400.00", 20), actor=POLICY, today=date(2026, 11, 20))

    assert subsidy.reassessed_on == date(2026, 11, 20)
    approve(subsidy, date(2026, 9, 10))
    assert (subsidy.status, subsidy.amount) == (S.APPROVED, Decimal("400.00"))


def pay_on(subsidy: Subsidy, paid_on: date, today: date = TODAY) -> None:
    subsidy.pay(
        payment_reference="WS-2024-1",
        paid_on=paid_on,
        actor=STAFF,
        occurred_on=today,
        today=today,
        note=None,
    )


def test_a_payment_may_be_back_dated_to_its_approval() -> None:
    subsidy = assessed_on(TODAY)
    approve(subsidy, date(2026, 9, 10))

    pay_on(subsidy, date(2026, 9, 10))  # entered today, the money went out in September

    assert (subsidy.status, subsidy.paid_on) == (S.PAID, date(2026, 9, 10))


def test_a_payment_before_the_approval_or_after_today_is_refused_naming_it() -> None:
    subsidy = assessed_on(TODAY)
    approve(subsidy, date(2026, 9, 10))

    with pytest.raises(InvalidValue) as early:
        pay_on(subsidy, date(2026, 9, 9))
    with pytest.raises(InvalidValue) as future:
        pay_on(subsidy, date(2026, 11, 27))

    assert str(early.value) == "paid_on: must not be before the approval (2026-09-10)"
    assert str(future.value) == "paid_on: must not be in the future"
    assert subsidy.status is S.APPROVED


def revoke(subsidy: Subsidy, on: date) -> None:
    subsidy.revoke(reason="重复申报", actor=STAFF, occurred_on=on, today=TODAY, note=None)


def test_a_revocation_before_the_day_the_subsidy_arose_is_refused_naming_it() -> None:
    subsidy = assessed_on(TODAY)

    with pytest.raises(InvalidValue) as refused:
        revoke(subsidy, date(2026, 8, 30))

    assert str(refused.value) == (
        "occurred_on: must not be before the date the subsidy arose (2026-08-31)"
    )
    revoke(subsidy, AROSE_ON)
    assert subsidy.status is S.REVOKED


def test_a_revocation_before_the_approval_is_refused_naming_it() -> None:
    subsidy = assessed_on(date(2026, 11, 1))
    approve(subsidy, date(2026, 11, 5))

    with pytest.raises(InvalidValue) as refused:
        revoke(subsidy, date(2026, 11, 4))

    assert str(refused.value) == "occurred_on: must not be before the approval (2026-11-05)"
    revoke(subsidy, date(2026, 11, 5))
    assert subsidy.status is S.REVOKED


def test_a_revocation_before_the_payment_is_refused_naming_its_date() -> None:
    subsidy = assessed_on(date(2026, 11, 1))
    approve(subsidy, date(2026, 11, 5))
    pay(subsidy, paid_on=date(2026, 11, 10))

    with pytest.raises(InvalidValue) as refused:
        revoke(subsidy, date(2026, 11, 9))

    assert str(refused.value) == "occurred_on: must not be before the payment date (2026-11-10)"
    revoke(subsidy, date(2026, 11, 10))
    assert subsidy.status is S.REVOKED


def test_the_process_findings_are_dated_the_day_it_ran() -> None:
    subsidy = assessed_on(TODAY)
    gone(subsidy, 20)

    [withdrawn] = subsidy.collect_events()

    assert getattr(withdrawn, "occurred_on") == TODAY
