"""Reading the event log itself, in order, for auditors' copies of it.

Exports read the event store, not a read model, so a copy is the record
itself. Events are decoded page by page as the caller consumes them: memory
stays flat however long the range.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.base import RecordStore
from application.clock import moment
from application.event_views import recorded_event
from application.views import RecordedEvent
from domain.exceptions import InvalidValue

PAGE_SIZE = 500


@dataclass(frozen=True)
class RecordedWindow:
    """Events recorded at or after `start` (None: from the start of the log)
    and before `end`."""

    start: datetime | None
    end: datetime

    @classmethod
    def of(cls, start: date | datetime | None, end: date | datetime) -> RecordedWindow:
        window = cls(moment(start) if start is not None else None, moment(end))
        if window.start is not None and window.start >= window.end:
            raise InvalidValue("to", "must be after from (without to: now)")
        return window

    def holds(self, recorded_at: datetime) -> bool:
        return (self.start is None or recorded_at >= self.start) and recorded_at < self.end


@dataclass(frozen=True)
class LogSpan:
    """Where the events of a window lie in the log: the first and last
    position (None when there is none) and how many there are."""

    first: int | None = None
    last: int | None = None
    count: int = 0

    def joined(self, later: LogSpan) -> LogSpan:
        """This span followed by one further on in the log."""
        if not later.count:
            return self
        if not self.count:
            return later
        return LogSpan(self.first, later.last, self.count + later.count)


@dataclass(frozen=True)
class LoggedEvent:
    """One event of the log as auditors read it, personal data masked."""

    position: int
    aggregate_id: UUID
    event: RecordedEvent


class LogReading:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def logged_events(
        self, span: LogSpan, window: RecordedWindow, page_size: int = PAGE_SIZE
    ) -> Iterator[LoggedEvent]:
        """The events of `span` recorded inside `window`, in log order, masked
        as the audit trail masks them (names, ID numbers, phone numbers)."""
        if span.first is None or span.last is None:
            return
        for position, event in self._decoded(span.first, span.last, page_size):
            if window.holds(event.timestamp):
                yield LoggedEvent(position, event.originator_id, recorded_event(event))

    def span_in_log(self, after: int, upto: int, window: RecordedWindow) -> LogSpan:
        """Where the events recorded inside `window` lie among the positions
        after `after` up to `upto`, found by reading the log itself."""
        first: int | None = None
        last: int | None = None
        count = 0
        for position, event in self._decoded(after + 1, upto, PAGE_SIZE):
            if window.holds(event.timestamp):
                first = position if first is None else first
                last = position
                count += 1
        return LogSpan(first, last, count)

    def _decoded(self, first: int, last: int, page_size: int) -> Iterator[tuple[int, Any]]:
        start = first
        while start <= last:
            page = self.store.recorder.select_notifications(start=start, limit=page_size, stop=last)
            if not page:
                return
            for notification in page:
                yield notification.id, self.store.mapper.to_domain_event(notification)
            start = page[-1].id + 1
