"""Where the events of a time window lie in the log, found without reading it all.

The timeline read model has every event's position and recorded time, indexed
by time: it answers for the part of the log it has reached. Events it has not
reached yet are read from the log itself, so an export neither misses an event
nor waits for the projector. Recorded times follow positions only roughly
(two writers may commit in the other order), so the span is where the window's
events lie, not a window of positions: readers filter by time within it.
"""

from __future__ import annotations

from application.journey import Journey
from application.log_reading import LogSpan, RecordedWindow
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import text_time
from infrastructure.readmodels.timeline import EVENTS, Timeline
from infrastructure.readmodels.tracking import read_tracking
from infrastructure.sql import Cursor


def export_span(read_models: ReadModels, journey: Journey, window: RecordedWindow) -> LogSpan:
    """The span of the events recorded inside `window`, up to the head of the
    log as it is now: later events are not part of this export."""
    head = int(journey.recorder.max_notification_id() or 0)
    with read_models.db.transaction(write=False) as cursor:
        # Tracking moves in the transaction that writes the rows: every row up
        # to the position read first is there for the query that follows.
        tracked = read_tracking(cursor, read_models.prefix).get(Timeline.name)
        reached = min(tracked.position if tracked else 0, head)
        indexed = _indexed(cursor, read_models, reached, window) if reached else LogSpan()
    return indexed.joined(journey.span_in_log(reached, head, window))


def _indexed(
    cursor: Cursor, read_models: ReadModels, reached: int, window: RecordedWindow
) -> LogSpan:
    conditions = ["position <= %s", "recorded_at < %s"]
    params: list[object] = [reached, text_time(window.end)]
    if window.start is not None:
        conditions.append("recorded_at >= %s")
        params.append(text_time(window.start))
    cursor.execute(
        f"SELECT MIN(position), MAX(position), COUNT(*) FROM {read_models.table(EVENTS.name)}"  # noqa: S608 - names are ours
        f" WHERE {' AND '.join(conditions)}",
        params,
    )
    row = cursor.fetchone()
    if row is None or not row[2]:
        return LogSpan()
    return LogSpan(int(row[0]), int(row[1]), int(row[2]))
