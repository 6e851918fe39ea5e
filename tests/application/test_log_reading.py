"""Reading the log for exports, and recording exports, on POPO, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from application.clock import SHANGHAI
from application.commands.audit_export import RecordAuditExport
from application.journey import Journey
from application.log_reading import LogSpan, RecordedWindow, moment
from domain.actor import Actor, Role
from domain.exceptions import InvalidValue
from tests.support.factories import id_number, register_command

AUDITOR = Actor(user="zhao.min", role=Role.AUDITOR, office="500237")
LATER = datetime.now(UTC) + timedelta(days=1)


def registered(journey: Journey, count: int) -> list[str]:
    """Register `count` workers; their ID numbers."""
    numbers = [id_number() for _ in range(count)]
    for number in numbers:
        journey.register_worker(register_command(id_number=number))
    return numbers


def recorded_times(journey: Journey) -> list[datetime]:
    head = int(journey.recorder.max_notification_id() or 0)
    return [
        journey.mapper.to_domain_event(n).timestamp
        for n in journey.recorder.select_notifications(start=1, limit=head)
    ]


def test_a_time_bound_reads_a_date_as_its_midnight_and_a_bare_time_in_shanghai() -> None:
    assert moment(date(2026, 1, 1)) == datetime(2026, 1, 1, tzinfo=SHANGHAI)
    assert moment(datetime(2026, 1, 1, 9)) == datetime(2026, 1, 1, 1, tzinfo=UTC)
    assert moment(datetime(2026, 1, 1, 9, tzinfo=UTC)).hour == 9


def test_a_window_that_ends_before_it_starts_is_refused_naming_to() -> None:
    with pytest.raises(InvalidValue) as refused:
        RecordedWindow.of(date(2026, 2, 1), date(2026, 1, 1))
    assert refused.value.field == "to"


def test_the_log_gives_the_span_and_events_of_a_window_in_order_with_personal_data_masked(
    journey: Journey,
) -> None:
    numbers = registered(journey, 5)
    times = recorded_times(journey)
    window = RecordedWindow.of(times[1], times[4])  # the 2nd, 3rd and 4th events

    span = journey.span_in_log(0, 5, window)
    events = list(journey.logged_events(span, window))

    assert span == LogSpan(2, 4, 3)
    assert [e.position for e in events] == [2, 3, 4]
    assert all(e.event.type == "Worker.Registered" for e in events)
    payload = events[0].event.payload
    assert payload["id_number"] == numbers[1][:6] + "********" + numbers[1][-4:]
    assert (payload["name"], payload["mobile"]) == ("冉**", "138****8000")


def test_the_span_can_start_after_a_position_already_accounted_for(journey: Journey) -> None:
    registered(journey, 4)
    window = RecordedWindow.of(None, LATER)

    assert journey.span_in_log(2, 4, window) == LogSpan(3, 4, 2)
    assert journey.span_in_log(4, 4, window) == LogSpan()
    assert LogSpan(1, 2, 2).joined(LogSpan(3, 4, 2)) == LogSpan(1, 4, 4)
    assert LogSpan().joined(LogSpan(3, 4, 2)) == LogSpan(3, 4, 2)


def test_events_are_read_page_by_page_as_they_are_consumed(
    journey: Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered(journey, 25)
    pages: list[int] = []
    select = journey.recorder.select_notifications

    def counted(*args: Any, **kwargs: Any) -> Any:
        page = select(*args, **kwargs)
        pages.append(len(page))
        return page

    monkeypatch.setattr(journey.recorder, "select_notifications", counted)
    window = RecordedWindow.of(None, LATER)
    events = journey.logged_events(LogSpan(1, 25, 25), window, page_size=10)

    first = next(events)
    assert (first.position, pages) == (1, [10])  # one page read, not the whole span
    assert [e.position for e in events] == list(range(2, 26))
    assert pages == [10, 10, 5]


def test_an_export_is_recorded_with_its_range_and_span(journey: Journey) -> None:
    registered(journey, 2)
    start = datetime(2026, 1, 1, tzinfo=SHANGHAI)

    recorded = journey.record_audit_export(
        RecordAuditExport(
            actor=AUDITOR,
            range_from=start,
            range_to=LATER,
            format="jsonl",
            channel="api",
            first_position=1,
            last_position=2,
            event_count=2,
        )
    )

    (event,) = journey.events.get(recorded.aggregate_id)
    assert recorded.position == 3  # after what it exported
    assert type(event).__qualname__ == "AuditExport.Exported"
    assert (event.range_from, event.range_to) == (start, LATER)
    assert (event.first_position, event.last_position, event.event_count) == (1, 2, 2)
    assert (event.actor, event.channel, event.format) == (AUDITOR, "api", "jsonl")
