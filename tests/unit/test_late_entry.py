"""Late entry (补录): a fact recorded more than 30 days after its business date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.late_entry import LATE_ENTRY_DAYS, days_late, entered_late

HAPPENED = date(2024, 3, 5)


def test_the_threshold_is_a_month_s_ledger() -> None:
    assert LATE_ENTRY_DAYS == 30


def test_a_fact_recorded_30_days_after_it_happened_is_not_late() -> None:
    recorded = HAPPENED + timedelta(days=30)

    assert days_late(HAPPENED, recorded) == 30
    assert not entered_late(HAPPENED, recorded)


def test_a_fact_recorded_31_days_after_it_happened_is_late() -> None:
    recorded = HAPPENED + timedelta(days=31)

    assert days_late(HAPPENED, recorded) == 31
    assert entered_late(HAPPENED, recorded)


@pytest.mark.parametrize(("recorded", "late"), [(HAPPENED, 0), (date(2025, 4, 21), 412)])
def test_the_delay_counts_calendar_days(recorded: date, late: int) -> None:
    assert days_late(HAPPENED, recorded) == late


def test_a_business_date_after_the_recorded_day_is_no_delay() -> None:
    # Never the case for a date the domain accepted; a read of odd data must not go negative.
    assert days_late(HAPPENED, HAPPENED - timedelta(days=2)) == 0
    assert not entered_late(HAPPENED, HAPPENED - timedelta(days=2))
