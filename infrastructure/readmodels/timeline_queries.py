"""Reading the timeline: a worker's history and the global audit trail.

Both are keyset-paginated by log position: pass the last position you saw as
`after`; `next_after` is None once there is nothing more. Both show what the
caller's scope reaches: a worker's timeline to those who may read the file
(`file_readers`), the trail's events about a worker to those reaching an office
serving the worker, and events about no worker (the register of offices,
exports) to those reaching the office that recorded them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.clock import moment as in_shanghai
from domain.actor import Role
from domain.dispute_terms import may_read_case_notes
from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import text_time
from infrastructure.readmodels.case_files import WORKERS_TABLE
from infrastructure.readmodels.file_readers import reads_file
from infrastructure.readmodels.scoping import offices_in, worker_of_row_in
from infrastructure.readmodels.timeline import EVENTS, OWNERS
from infrastructure.readmodels.timeline_entries import (
    TimelineEntry,
    TimelinePage,
    entry_of,
    neutral,
)
from infrastructure.sql import Cursor

# What a timeline answers is declared with its rows (timeline_entries).
__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "TimelineEntry",
    "TimelinePage",
    "audit_events",
    "audit_events_exceed",
    "worker_timeline",
]

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def worker_timeline(
    read_models: ReadModels,
    worker_id: UUID,
    reader_role: Role,
    after: int = 0,
    limit: int = DEFAULT_LIMIT,
    *,
    scope: Scope,
) -> TimelinePage | None:
    """The events of the worker and of its trainings, transfers, placements,
    disputes, subsidies and serving offices, in log order; None if the timeline
    knows no such worker, or the worker's file is outside the scope. A reader
    who may not read case notes sees restricted events with a neutral summary."""
    with read_models.db.transaction(write=False) as cursor:
        cursor.execute(
            f"SELECT aggregate_type FROM {read_models.table(OWNERS.name)}"  # noqa: S608
            " WHERE aggregate_id = %s",
            (str(worker_id),),
        )
        found = cursor.fetchone()
        if found is None or found[0] != "worker":
            return None
        if not reads_file(read_models, cursor, worker_id, scope):
            return None
        page = _select(cursor, read_models, ["worker_id = %s"], [str(worker_id)], after, limit)
    if may_read_case_notes(reader_role):
        return page
    return replace(page, entries=[neutral(e) for e in page.entries])


def audit_events(
    read_models: ReadModels,
    *,
    scope: Scope,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - the API's name for it
    aggregate: str | None = None,
    from_: datetime | date | None = None,
    to: datetime | date | None = None,
    after: int = 0,
    limit: int = DEFAULT_LIMIT,
    aggregate_type: str | None = None,
    office: str | None = None,
    entered_late: bool | None = None,
    imported: bool | None = None,
) -> TimelinePage:
    """Every event of the log matching all the filters given, in log order.

    `actor` is a user name; `type` the full event name (`Dispute.Settled`,
    matched exactly: a bare `Settled` would be ambiguous between records);
    `aggregate` a record id; `from_` (inclusive) and `to` (exclusive) bound
    the recorded time: a date means its midnight, and a time without an offset
    is read in Asia/Shanghai, where the offices are. `aggregate_type` is the
    record kind (`worker`, `audit_export`, …), `office` the actor's office code.
    `entered_late` and `imported`: True for only the events so flagged, False
    for only the others."""
    conditions, params = _trail_conditions(
        read_models, scope, actor, type, aggregate, aggregate_type, office, from_, to
    )
    conditions += _flag_conditions(entered_late, imported)
    with read_models.db.transaction(write=False) as cursor:
        return _select(cursor, read_models, conditions, params, after, limit)


def audit_events_exceed(
    read_models: ReadModels,
    cap: int,
    *,
    scope: Scope,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 - as audit_events
    aggregate: str | None = None,
    from_: datetime | date | None = None,
    to: datetime | date | None = None,
    aggregate_type: str | None = None,
    office: str | None = None,
    entered_late: bool | None = None,
    imported: bool | None = None,
) -> bool:
    """Whether more than `cap` events match the filters of `audit_events` (a
    download says so when it holds only the first `cap`)."""
    conditions, params = _trail_conditions(
        read_models, scope, actor, type, aggregate, aggregate_type, office, from_, to
    )
    conditions += _flag_conditions(entered_late, imported)
    where = " AND ".join(conditions) or "1 = 1"
    with read_models.db.transaction(write=False) as cursor:
        cursor.execute(
            f"SELECT position FROM {read_models.table(EVENTS.name)}"  # noqa: S608 - names are ours
            f" WHERE {where} ORDER BY position LIMIT 1 OFFSET %s",
            (*params, cap),
        )
        return cursor.fetchone() is not None


def _trail_conditions(
    read_models: ReadModels,
    scope: Scope,
    actor: str | None,
    type: str | None,  # noqa: A002 - as audit_events
    aggregate: str | None,
    aggregate_type: str | None,
    office: str | None,
    from_: datetime | date | None,
    to: datetime | date | None,
) -> tuple[list[str], list[Any]]:
    # A worker's event: the worker in scope. An event about no worker (an export,
    # the register of offices): recorded by an office in scope — an auditor sees
    # their own office's exports, not another office's.
    about, params = worker_of_row_in(scope, read_models.table(WORKERS_TABLE.name))
    recorded_here, here = offices_in(scope, "actor_office")
    conditions: list[str] = [f"({about} OR (worker_id IS NULL AND {recorded_here}))"]
    params += here
    for column, value in (
        ("actor_user = %s", actor),
        ("event_type = %s", type),
        ("aggregate_id = %s", aggregate),
        ("aggregate_type = %s", aggregate_type),
        ("actor_office = %s", office),
        ("recorded_at >= %s", _utc_text(from_)),
        ("recorded_at < %s", _utc_text(to)),
    ):
        if value is not None:
            conditions.append(column)
            params.append(value)
    return conditions, params


def _flag_conditions(entered_late: bool | None, imported: bool | None) -> list[str]:
    conditions: list[str] = []
    if entered_late is not None:
        conditions.append(f"entered_late = {int(entered_late)}")
    if imported is not None:
        conditions.append(f"imported_sha256 IS {'NOT ' if imported else ''}NULL")
    return conditions


def _select(
    cursor: Cursor,
    read_models: ReadModels,
    conditions: list[str],
    params: list[Any],
    after: int,
    limit: int,
) -> TimelinePage:
    limit = max(1, min(limit, MAX_LIMIT))
    where = " AND ".join([*conditions, "position > %s"])
    cursor.execute(
        f"SELECT {EVENTS.column_list} FROM {read_models.table(EVENTS.name)}"  # noqa: S608 - names are ours
        f" WHERE {where} ORDER BY position LIMIT %s",
        (*params, after, limit + 1),
    )
    rows = cursor.fetchall()
    entries = [entry_of(EVENTS.row(values)) for values in rows[:limit]]
    more = len(rows) > limit
    return TimelinePage(entries, entries[-1].position if more else None)


def _utc_text(moment: datetime | date | None) -> str | None:
    if moment is None:
        return None
    return text_time(in_shanghai(moment))
