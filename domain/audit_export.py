"""Audit export (审计记录导出): an auditor took a copy of part of the event log.

An export is itself a record, written before the copy is handed over, so even
a download that fails leaves a trace: who exported which time range, in which
format, through which channel, and exactly which events the copy holds — the
first and last log positions and how many events lie between them in the range.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor, Role
from domain.exceptions import InvalidValue
from domain.rules import ensure_not_future, parse_choice


class ExportFormat(StrEnum):
    JSONL = "jsonl"  # one JSON object per line
    CSV = "csv"
    XLSX = "xlsx"  # an Excel workbook


class ExportChannel(StrEnum):
    API = "api"  # GET /audit/export, with an auditor's token
    CLI = "cli"  # `laborbridge audit export` on the server
    PAGES = "pages"  # the auditor's page /audit/exports, signed in


class AuditExport(Aggregate):
    @classmethod
    def record(
        cls,
        *,
        range_from: datetime | None,
        range_to: datetime,
        format: str,  # noqa: A002 - the API's name for it
        channel: str,
        first_position: int | None,
        last_position: int | None,
        event_count: int,
        actor: Actor,
        occurred_on: date,
        today: date,
    ) -> AuditExport:
        """Record an export of the events recorded at or after `range_from`
        (None: from the start of the log) and before `range_to`. Only auditors
        export; the positions are None exactly when no event was exported."""
        if actor.role is not Role.AUDITOR:
            raise InvalidValue("actor", "only auditors export the records")
        ensure_not_future(occurred_on, today)
        start = _utc(range_from, "from") if range_from is not None else None
        end = _utc(range_to, "to")
        if start is not None and start >= end:
            raise InvalidValue("to", "must be after from")
        _ensure_span(first_position, last_position, event_count)
        return cls(
            range_from=start,
            range_to=end,
            format=parse_choice(ExportFormat, format, "format").value,
            channel=parse_choice(ExportChannel, channel, "channel").value,
            first_position=first_position,
            last_position=last_position,
            event_count=event_count,
            actor=actor,
            occurred_on=occurred_on,
        )

    @event("Exported")
    def __init__(
        self,
        *,
        range_from: datetime | None,
        range_to: datetime,
        format: str,  # noqa: A002 - stored schema
        channel: str,
        first_position: int | None,
        last_position: int | None,
        event_count: int,
        actor: Actor,
        occurred_on: date,
    ) -> None:
        self.range_from = range_from
        self.range_to = range_to
        self.format = ExportFormat(format)
        self.channel = ExportChannel(channel)
        self.first_position = first_position
        self.last_position = last_position
        self.event_count = event_count
        self.exported_by = actor
        self.exported_on = occurred_on


def _utc(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidValue(field, "must say its offset from UTC")
    return moment.astimezone(UTC)


def _ensure_span(first: int | None, last: int | None, count: int) -> None:
    if count == 0:
        if first is not None or last is not None:
            raise InvalidValue("event_count", "no events exported, so no positions")
        return
    if first is None or last is None or not 1 <= first <= last:
        raise InvalidValue("first_position", "must be a log position, not after last_position")
    if not 1 <= count <= last - first + 1:
        raise InvalidValue("event_count", "must fit between first_position and last_position")
