"""Time travel on POPO, SQLite and PostgreSQL, on both bases: by recorded time
(what the office knew at a moment) and by business date (the facts dated on or
before a day, as known now) — for a journey of 2024 entered today."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import pytest

from application import commands as c
from application.audit_history import RecordNotYetRecorded, WorkerAsOf
from application.clock import SHANGHAI
from application.journey import Journey
from application.replay_basis import Basis
from domain.exceptions import InvalidValue
from tests.support.factories import CASEWORKER
from tests.support.offices import EVERYONE
from tests.support.subsidies import PastJourney, arrived_in_2024, transport_of


def paid_in_2024(journey: Journey) -> tuple[PastJourney, UUID]:
    """Arrived 2024-03-12; transport subsidy approved 2024-04-01, paid 2024-05-06."""
    past = arrived_in_2024(journey)
    subsidy_id = transport_of(journey, past)
    journey.approve_subsidy(
        c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=subsidy_id, occurred_on=date(2024, 4, 1))
    )
    journey.pay_subsidy(
        c.PaySubsidy(
            actor=CASEWORKER,
            subsidy_id=subsidy_id,
            payment_reference="WS-2024-BT-0007",
            paid_on=date(2024, 5, 6),
        )
    )
    return past, subsidy_id


def on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def by_business_date(
    journey: Journey, past: PastJourney, subsidy_id: UUID, day: date
) -> WorkerAsOf:
    return journey.worker_as_of(
        past.worker_id,
        [past.transfer_id, subsidy_id],
        as_of=on(day),
        reader=EVERYONE,
        basis=Basis.BUSINESS,
    )


def test_by_business_date_a_journey_entered_today_shows_as_it_happened(
    journey: Journey,
) -> None:
    past, subsidy_id = paid_in_2024(journey)

    before_arrival = by_business_date(journey, past, subsidy_id, date(2024, 3, 11))
    approved = by_business_date(journey, past, subsidy_id, date(2024, 4, 15))
    paid = by_business_date(journey, past, subsidy_id, date(2024, 5, 6))  # the whole day

    assert (approved.basis, approved.business_date) == (Basis.BUSINESS, date(2024, 4, 15))
    assert [t.state for t in before_arrival.transfers] == ["departed"]
    assert before_arrival.subsidies == []  # it had not arisen yet
    assert [t.state for t in approved.transfers] == ["arrived"]
    assert [(s.status, s.decided_on, s.paid_on) for s in approved.subsidies] == [
        ("approved", date(2024, 4, 1), None)
    ]
    assert [(s.status, s.paid_on) for s in paid.subsidies] == [("paid", date(2024, 5, 6))]
    assert [e.type for e in approved.events if e.record_kind == "subsidy"] == [
        "Subsidy.Assessed",
        "Subsidy.Approved",
    ]


def test_by_recorded_time_the_same_day_knew_nothing_of_it(journey: Journey) -> None:
    past, subsidy_id = paid_in_2024(journey)

    with pytest.raises(RecordNotYetRecorded) as not_yet:
        journey.worker_as_of(
            past.worker_id, [past.transfer_id, subsidy_id], as_of=on(date(2024, 4, 15)),
            reader=EVERYONE,
        )  # fmt: skip
    now = journey.worker_as_of(past.worker_id, [past.transfer_id, subsidy_id], reader=EVERYONE)

    assert "had not been recorded yet" in str(not_yet.value)
    assert (now.basis, now.business_date) == (Basis.RECORDED, None)
    assert [s.status for s in now.subsidies] == ["paid"]


def test_by_business_date_before_the_first_fact_nothing_is_found(journey: Journey) -> None:
    past, subsidy_id = paid_in_2024(journey)

    with pytest.raises(RecordNotYetRecorded) as worker:
        by_business_date(journey, past, subsidy_id, date(2024, 1, 9))  # registered on the 10th
    with pytest.raises(RecordNotYetRecorded):
        journey.record_as_of(
            subsidy_id, as_of=on(date(2024, 3, 11)), reader=EVERYONE, basis=Basis.BUSINESS
        )

    assert str(worker.value) == f"record {past.worker_id} had no fact dated on or before that day"


def test_a_business_date_replay_needs_a_day_and_takes_no_version(journey: Journey) -> None:
    past, _ = paid_in_2024(journey)

    with pytest.raises(InvalidValue) as no_day:
        journey.record_as_of(past.worker_id, reader=EVERYONE, basis=Basis.BUSINESS)
    with pytest.raises(InvalidValue) as with_version:
        journey.record_as_of(
            past.worker_id,
            as_of=on(date(2024, 4, 1)),
            version=1,
            reader=EVERYONE,
            basis=Basis.BUSINESS,
        )

    assert (no_day.value.field, with_version.value.field) == ("as_of", "version")
