"""Placement: monthly confirmations (月度在岗核实) and stable employment (稳定就业)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.exceptions import InvalidTransition, InvalidValue
from domain.placement import STABLE_EMPLOYMENT_MONTHS, Placement
from tests.unit.placement_builders import TODAY, confirm, stamp, start, started


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


# -- withdrawing a month's confirmation (撤销月度在岗确认) -----------------------------


def test_withdrawing_a_confirmed_month_takes_it_out_and_keeps_the_reason() -> None:
    placement = started()
    confirm(placement, "2026-04", "2026-05", on=date(2026, 6, 3))
    placement.collect_events()

    placement.withdraw_month(month="2026-04", reason="工资表核对有误", **stamp())

    assert placement.confirmed_months == ["2026-05"]
    assert "2026-04" not in placement.confirmations
    assert placement.withdrawals == [
        {"month": "2026-04", "reason": "工资表核对有误", "withdrawn_on": TODAY}
    ]
    (event,) = placement.collect_events()
    assert type(event).__qualname__ == "Placement.MonthWithdrawn"
    assert (event.month, event.reason, event.occurred_on, event.note) == (
        "2026-04",
        "工资表核对有误",
        TODAY,
        None,
    )


def test_a_month_that_is_not_confirmed_cannot_be_withdrawn() -> None:
    placement = started()
    confirm(placement, "2026-05")
    placement.collect_events()

    with pytest.raises(InvalidTransition) as refused:
        placement.withdraw_month(month="2026-04", reason="误录", **stamp())

    assert (refused.value.command, refused.value.state) == ("withdraw month 2026-04", "active")
    assert "not confirmed" in str(refused.value)
    assert placement.collect_events() == []


def test_a_withdrawn_month_cannot_be_withdrawn_twice_but_may_be_confirmed_again() -> None:
    placement = started()
    confirm(placement, "2026-04")
    placement.withdraw_month(month="2026-04", reason="误录", **stamp())
    with pytest.raises(InvalidTransition):
        placement.withdraw_month(month="2026-04", reason="误录", **stamp())

    placement.confirm_month(month="2026-04", evidence="bank_statement", **stamp())

    assert placement.confirmed_months == ["2026-04"]
    assert placement.confirmations["2026-04"]["evidence"] == "bank_statement"
    assert len(placement.withdrawals) == 1
    assert [type(e).__qualname__ for e in placement.collect_events()][-3:] == [
        "Placement.MonthConfirmed",
        "Placement.MonthWithdrawn",
        "Placement.MonthConfirmed",
    ]


def test_withdrawing_a_month_in_the_middle_of_a_six_month_run_ends_stable_employment() -> None:
    placement = started()
    confirm(placement, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")
    assert placement.stably_employed

    placement.withdraw_month(month="2026-05", reason="当月未在岗", **stamp())

    assert (placement.longest_consecutive_run, placement.stably_employed) == (3, False)


def test_a_month_of_an_ended_spell_can_be_withdrawn() -> None:
    placement = started()
    confirm(placement, "2026-04", "2026-05")
    placement.end(reason="合同期满", **stamp(date(2026, 6, 30)))

    placement.withdraw_month(month="2026-05", reason="误录", **stamp())

    assert (placement.state, placement.confirmed_months) == ("ended", ["2026-04"])


def test_a_withdrawal_dated_in_the_future_or_before_the_confirmation_is_refused() -> None:
    placement = started()
    confirm(placement, "2026-04", on=date(2026, 5, 6))
    for on in (date(2026, 11, 27), date(2026, 5, 5), date(2026, 3, 17)):
        with pytest.raises(InvalidValue) as refused:
            placement.withdraw_month(month="2026-04", reason="误录", **stamp(on))
        assert refused.value.field == "occurred_on"
    assert placement.confirmed_months == ["2026-04"]


@pytest.mark.parametrize(
    ("month", "reason", "field"),
    [
        ("2026-4", "误录", "month"),
        ("April", "误录", "month"),
        ("2026-04", "", "reason"),
        ("2026-04", "   ", "reason"),
        ("2026-04", "x" * 501, "reason"),
    ],
)
def test_a_malformed_month_or_a_missing_reason_is_refused(
    month: str, reason: str, field: str
) -> None:
    placement = started()
    confirm(placement, "2026-04")
    placement.collect_events()

    with pytest.raises(InvalidValue) as refused:
        placement.withdraw_month(month=month, reason=reason, **stamp())

    assert refused.value.field == field
    assert placement.collect_events() == []


def test_replaying_a_withdrawal_rebuilds_the_same_placement() -> None:
    placement = start()
    confirm(placement, "2026-03", "2026-04")
    placement.withdraw_month(month="2026-03", reason="误录", note="复核", **stamp())

    rebuilt: Placement | None = None
    for event in placement.collect_events():
        rebuilt = event.mutate(rebuilt)

    assert rebuilt is not None
    assert vars(rebuilt) == {**vars(placement), "_pending_events": []}
    assert rebuilt.confirmed_months == ["2026-04"]
    assert rebuilt.withdrawals[0]["month"] == "2026-03"
