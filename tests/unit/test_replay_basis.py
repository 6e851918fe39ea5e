"""Which events a replay keeps, by recorded time and by business date — on a
subsidy's own events, whose dates are not all in order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from application.clock import SHANGHAI
from application.replay_basis import Basis, business_date, kept_events
from domain.actor import Actor, Role
from domain.exceptions import InvalidValue
from domain.subsidy import Assessment, Subsidy, SubsidyKind

TODAY = date(2026, 11, 26)
STAFF = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
POLICY = Actor(user="subsidy-policy", role=Role.SYSTEM, office="500237")


def assessment(amount: str, at: int) -> Assessment:
    return Assessment(
        amount=Decimal(amount),
        policy_version="2021-鲁渝-1",
        arose_on=date(2026, 8, 31),
        evidence=[],
        explanation_zh="稳岗补贴",
        explanation_en="stable-job subsidy",
        evaluated_at=at,
    )


def entered_late() -> list[Any]:
    """Found on 20 November for another amount, then approved and paid as it
    happened in September: the reassessment (dated the day the process ran)
    stands before the back-dated approval and payment."""
    subsidy = Subsidy.assess(
        subsidy_id=UUID(int=1),
        worker_id=UUID(int=2),
        kind=SubsidyKind.STABLE_JOB,
        basis="month:2026-08",
        assessment=assessment("1000.00", 10),
        actor=POLICY,
        today=TODAY,
    )
    subsidy.still_supported(assessment("400.00", 20), actor=POLICY, today=date(2026, 11, 20))
    subsidy.approve(actor=STAFF, occurred_on=date(2026, 9, 10), today=TODAY, note=None)
    subsidy.pay(
        payment_reference="WS-1",
        paid_on=date(2026, 9, 15),
        actor=STAFF,
        occurred_on=TODAY,  # booked today; the money went out on 15 September
        today=TODAY,
        note=None,
    )
    return list(subsidy.collect_events())


def names(events: list[Any]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def by_business_date(events: list[Any], day: date) -> list[str]:
    at = datetime(day.year, day.month, day.day, 23, 59, tzinfo=SHANGHAI)
    return names(kept_events(events, as_of=at, version=None, basis=Basis.BUSINESS))


def test_each_event_has_the_business_date_of_the_fact() -> None:
    events = entered_late()

    assert [business_date(e) for e in events] == [
        date(2026, 8, 31),  # assessed: the day it arose
        date(2026, 11, 20),  # reassessed: the day the process found it
        date(2026, 9, 10),  # approved
        date(2026, 9, 15),  # paid: the day the money went out, not the day it was booked
    ]


def test_a_business_date_replay_keeps_the_events_up_to_the_last_one_dated_by_the_day() -> None:
    events = entered_late()

    assert by_business_date(events, date(2026, 8, 30)) == []
    assert by_business_date(events, date(2026, 9, 1)) == ["Subsidy.Assessed"]
    # The approval of 10 September is kept, and with it the reassessment before it.
    assert by_business_date(events, date(2026, 9, 12)) == [
        "Subsidy.Assessed",
        "Subsidy.Reassessed",
        "Subsidy.Approved",
    ]
    assert by_business_date(events, date(2026, 9, 15)) == names(events)


def test_a_recorded_time_replay_keeps_what_was_recorded_by_the_moment_or_version() -> None:
    events = entered_late()
    first, last = events[0].timestamp, events[-1].timestamp

    def kept(**when: Any) -> list[str]:
        return names(kept_events(events, basis=Basis.RECORDED, **{"version": None, **when}))

    assert kept(as_of=first - timedelta(microseconds=1)) == []
    assert kept(as_of=last) == names(events)
    assert kept(as_of=None, version=3) == [
        "Subsidy.Assessed",
        "Subsidy.Reassessed",
        "Subsidy.Approved",
    ]


def test_an_event_without_a_business_date_is_dated_the_day_it_was_recorded_in_shanghai() -> None:
    class Disclosure:
        class Recorded:
            timestamp = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)  # 01:30 on 2 March in Shanghai

    assert business_date(Disclosure.Recorded()) == date(2026, 3, 2)


def test_now_keeps_every_event_and_a_business_date_replay_needs_a_day() -> None:
    events = entered_late()

    assert kept_events(events, as_of=None, version=None, basis=Basis.RECORDED) == events
    with pytest.raises(InvalidValue) as refused:
        kept_events(events, as_of=None, version=None, basis=Basis.BUSINESS)
    assert str(refused.value) == "as_of: is needed with basis=business"
