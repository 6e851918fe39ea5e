"""Placement: monthly confirmations (月度在岗核实) and stable employment (稳定就业)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.exceptions import InvalidTransition, InvalidValue
from domain.placement import STABLE_EMPLOYMENT_MONTHS
from tests.unit.placement_builders import TODAY, confirm, stamp, started


def test_confirming_months_records_them_in_calendar_order() -> None:
    placement = started()
    placement.confirm_month(
        month="2026-05", evidence="bank_statement", evidence_ref="流水 No.18", **stamp()
    )
    confirm(placement, "2026-03")

    assert placement.confirmed_months == ["2026-03", "2026-05"]
    assert placement.confirmations["2026-05"] == {
        "evidence": "bank_statement",
        "evidence_ref": "流水 No.18",
        "confirmed_on": TODAY,
    }
    events = placement.collect_events()
    assert [type(e).__qualname__ for e in events] == ["Placement.MonthConfirmed"] * 2
    assert (events[0].month, events[0].evidence) == ("2026-05", "bank_statement")


def test_a_month_is_confirmed_at_most_once() -> None:
    placement = started()
    confirm(placement, "2026-04")
    placement.collect_events()

    with pytest.raises(InvalidTransition) as refused:
        confirm(placement, "2026-04")

    assert refused.value.state == "active"
    assert "2026-04" in refused.value.command
    assert placement.collect_events() == []


@pytest.mark.parametrize(
    ("month", "on"),
    [
        ("2026-02", TODAY),  # before the start month
        ("2026-12", TODAY),  # in the future
        ("2027-01", TODAY),
        ("2026-06", date(2026, 5, 31)),  # after the month it is confirmed in
    ],
)
def test_months_outside_the_spell_or_ahead_of_time_are_refused(month: str, on: date) -> None:
    with pytest.raises(InvalidValue) as refused:
        confirm(started(), month, on=on)
    assert refused.value.field == "month"


def test_the_start_month_and_the_current_month_can_be_confirmed() -> None:
    placement = started()
    confirm(placement, "2026-03", "2026-11")
    assert placement.confirmed_months == ["2026-03", "2026-11"]


def test_a_confirmation_dated_before_the_start_or_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        confirm(started(), "2026-03", on=date(2026, 3, 17))
    assert refused.value.field == "occurred_on"
    with pytest.raises(InvalidValue) as refused:
        confirm(started(), "2026-03", on=date(2026, 11, 27))
    assert refused.value.field == "occurred_on"


def test_an_unknown_kind_of_evidence_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        started().confirm_month(month="2026-04", evidence="hearsay", **stamp())
    assert refused.value.field == "evidence"


def test_months_inside_an_ended_spell_can_still_be_confirmed_but_not_after_it() -> None:
    placement = started()
    placement.end(reason="x", **stamp(date(2026, 8, 10)))
    confirm(placement, "2026-08", "2026-04")
    assert placement.confirmed_months == ["2026-04", "2026-08"]

    with pytest.raises(InvalidValue) as refused:
        confirm(placement, "2026-09")
    assert refused.value.field == "month"
    with pytest.raises(InvalidTransition) as again:
        confirm(placement, "2026-08")
    assert again.value.state == "ended"


def test_stable_employment_is_six_consecutive_confirmed_months() -> None:
    assert STABLE_EMPLOYMENT_MONTHS == 6
    placement = started()
    confirm(placement, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07")
    assert (placement.longest_consecutive_run, placement.stably_employed) == (5, False)

    confirm(placement, "2026-08")
    assert (placement.longest_consecutive_run, placement.stably_employed) == (6, True)


def test_a_gap_resets_the_run() -> None:
    placement = started()
    confirm(placement, "2026-03", "2026-04", "2026-05", "2026-07", "2026-08", "2026-09", "2026-10")
    assert (placement.longest_consecutive_run, placement.stably_employed) == (4, False)


def test_a_run_continues_across_the_new_year() -> None:
    placement = started(on=date(2025, 10, 8))
    confirm(placement, "2026-03", "2025-12", "2025-11", "2026-01", "2025-10", "2026-02")
    assert placement.stably_employed
