"""Subsidy policies: versions in force by date, and what a new version changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from domain.exceptions import DomainError, InvalidValue
from domain.subsidy_policy import DEFAULT_POLICIES, NoPolicyInForce, PolicyBook, SubsidyPolicy
from domain.subsidy_rules import SubsidyKind, evaluate
from tests.unit.subsidy_builders import (
    LIFTED,
    MONITORED,
    SUZHOU,
    history,
    months,
    of_kind,
    placement,
    stable_job_months,
    status,
    transfer,
)

FIRST = DEFAULT_POLICIES.in_force(date(2021, 1, 1))
SECOND = replace(
    FIRST,
    version="2026-鲁渝-2",
    effective_from=date(2026, 7, 1),
    transport_amount=Decimal("2000.00"),
    stable_job_amount_per_month=Decimal("1200.00"),
)
BOOK = PolicyBook([FIRST, SECOND])


def test_the_default_policy_carries_the_programmes_figures() -> None:
    [policy] = DEFAULT_POLICIES.versions
    assert (policy.version, policy.effective_from) == ("2021-鲁渝-1", date(2021, 1, 1))
    assert policy.transport_amount == Decimal("1500.00")
    assert (policy.stable_job_amount_per_month, policy.stable_job_cap) == (
        Decimal("1000.00"),
        Decimal("6000.00"),
    )
    assert policy.stable_months == 6
    assert policy.stable_job_statuses == {LIFTED, MONITORED}
    assert policy.life_adaptation_amount == Decimal("5000.00")
    assert policy.life_adaptation_statuses == {LIFTED}
    assert policy.partner_province == "37"


@pytest.mark.parametrize(
    ("on", "version"),
    [
        (date(2021, 1, 1), "2021-鲁渝-1"),
        (date(2026, 6, 30), "2021-鲁渝-1"),
        (date(2026, 7, 1), "2026-鲁渝-2"),
        (date(2030, 1, 1), "2026-鲁渝-2"),
    ],
)
def test_the_version_in_force_is_the_latest_that_had_taken_effect(on: date, version: str) -> None:
    assert BOOK.in_force(on).version == version
    assert PolicyBook([SECOND, FIRST]).in_force(on).version == version  # any order given


def test_a_date_before_the_first_version_is_a_domain_error_naming_both_dates() -> None:
    with pytest.raises(NoPolicyInForce) as refused:
        BOOK.in_force(date(2020, 12, 31))
    assert isinstance(refused.value, DomainError)
    assert "2020-12-31" in str(refused.value)
    assert "2021-01-01" in str(refused.value)


def test_adding_a_version_leaves_the_original_book_as_it_was() -> None:
    added = DEFAULT_POLICIES.with_version(SECOND)
    assert [p.version for p in added.versions] == ["2021-鲁渝-1", "2026-鲁渝-2"]
    assert DEFAULT_POLICIES.in_force(date(2027, 1, 1)).version == "2021-鲁渝-1"


@pytest.mark.parametrize(
    "policies",
    [
        [],
        [FIRST, replace(FIRST, effective_from=date(2022, 1, 1))],  # the same version twice
        [FIRST, replace(SECOND, effective_from=FIRST.effective_from)],  # the same day
    ],
)
def test_a_book_refuses_an_ambiguous_or_empty_set_of_versions(
    policies: list[SubsidyPolicy],
) -> None:
    with pytest.raises(InvalidValue):
        PolicyBook(policies)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("transport_amount", Decimal("1500.001")),
        ("stable_job_cap", Decimal("-1.00")),
        ("life_adaptation_amount", 5000.0),
        ("stable_months", 0),
        ("partner_province", "370600"),
        ("version", " "),
    ],
)
def test_a_policy_refuses_figures_that_are_not_exact_or_sensible(field: str, value: Any) -> None:
    with pytest.raises(InvalidValue) as refused:
        replace(FIRST, **{field: value})
    assert refused.value.field == field


def test_a_new_version_changes_only_entitlements_arising_from_its_date() -> None:
    before, after = transfer(arrived_on=date(2026, 6, 30)), transfer(arrived_on=date(2026, 7, 1))
    found = evaluate(history([status(date(2026, 1, 1), LIFTED)], [before, after]), BOOK)
    assert [(e.amount, e.policy_version) for e in found] == [
        (Decimal("1500.00"), "2021-鲁渝-1"),
        (Decimal("2000.00"), "2026-鲁渝-2"),
    ]
    assert "2000.00" in found[1].explanation_zh


def test_months_worked_before_a_new_version_are_paid_under_the_one_in_force_when_they_arise() -> (
    None
):
    moved = replace(transfer(), arrived_on=date(2026, 1, 3))
    job = placement(months("2026-01", 6), moved, started_on=date(2026, 1, 5))
    found = evaluate(history([status(date(2025, 1, 1), LIFTED)], [moved], [job]), BOOK)
    stable = of_kind(found, SubsidyKind.STABLE_JOB)
    # Stability came at the end of June, under the first version, for all six months.
    assert {(e.amount, e.policy_version, e.arose_on) for e in stable} == {
        (Decimal("1000.00"), "2021-鲁渝-1", date(2026, 6, 30))
    }
    later = placement(months("2026-01", 7), moved, started_on=date(2026, 1, 5))
    found = evaluate(history([status(date(2025, 1, 1), LIFTED)], [moved], [later]), BOOK)
    # July arises at its end, under the second version, but the cap is already reached.
    assert [e.amount for e in of_kind(found, SubsidyKind.STABLE_JOB)] == [Decimal("1000.00")] * 6


def test_a_raised_cap_in_a_new_version_pays_the_extra_months_partly_if_need_be() -> None:
    raised = replace(SECOND, effective_from=date(2026, 8, 1), stable_job_cap=Decimal("6500.00"))
    moved = replace(transfer(), arrived_on=date(2026, 1, 3))
    job = placement(months("2026-01", 9), moved, started_on=date(2026, 1, 5))
    found = evaluate(
        history([status(date(2025, 1, 1), LIFTED)], [moved], [job]), PolicyBook([FIRST, raised])
    )
    stable = of_kind(found, SubsidyKind.STABLE_JOB)
    # July is past the first version's cap; August, under the raised one, gets what is left.
    assert [(e.basis, e.amount) for e in stable][-1] == ("month:2026-08", Decimal("500.00"))
    assert sum(e.amount for e in stable) == Decimal("6500.00")
    assert "因达上限本月只发 500.00 元" in stable[-1].explanation_zh


def test_a_new_version_may_change_the_stable_months_and_the_partner_province() -> None:
    jiangsu = replace(SECOND, stable_months=3, partner_province="32")
    moved = replace(transfer(destination=SUZHOU), arrived_on=date(2026, 7, 2))
    job = placement(months("2026-07", 3), moved, division=SUZHOU, started_on=date(2026, 7, 3))
    found = evaluate(
        history([status(date(2025, 1, 1), LIFTED)], [moved], [job]), PolicyBook([FIRST, jiangsu])
    )
    assert stable_job_months(found) == months("2026-07", 3)
    assert "3 consecutive months" in of_kind(found, SubsidyKind.LIFE_ADAPTATION)[0].explanation_en
