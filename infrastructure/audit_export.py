"""Starting an audit export: which events it covers, and its record in the log.

Shared by `GET /audit/export` and `laborbridge audit export`. The export is
recorded (`AuditExport.Exported`) before a single event is handed over, so a
copy that fails half-way still leaves a trace. Its own event is written after
the head of the log the span was taken at, so it is never part of its own copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import structlog

from application.clock import SHANGHAI
from application.commands.audit_export import RecordAuditExport
from application.journey import Journey
from application.log_reading import LoggedEvent, LogSpan, RecordedWindow
from domain.actor import Actor
from domain.audit_export import ExportChannel, ExportFormat
from domain.exceptions import InvalidValue
from infrastructure.export_files import XLSX_MAX_EVENTS
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.export_span import export_span

log = structlog.get_logger()


@dataclass(frozen=True)
class ExportRequest:
    """What an auditor asked for. Bounds as the audit trail reads them (a
    date is its midnight, no offset means Asia/Shanghai); no `start` is the
    start of the log, no `end` is now."""

    start: datetime | None
    end: datetime | None
    format: ExportFormat
    actor: Actor
    channel: ExportChannel


@dataclass(frozen=True)
class StartedExport:
    export_id: UUID
    position: int  # of the export's own event
    window: RecordedWindow
    span: LogSpan
    format: ExportFormat
    events: Iterator[LoggedEvent]  # read from the log as they are consumed

    @property
    def filename(self) -> str:
        start = _stamp(self.window.start) if self.window.start else "start"
        return f"laborbridge-audit-{start}-{_stamp(self.window.end)}.{self.format.value}"


def start_export(
    journey: Journey, read_models: ReadModels, request: ExportRequest
) -> StartedExport:
    """Find the events, record the export, and return them to be copied."""
    window = RecordedWindow.of(request.start, request.end or datetime.now(UTC))
    span = export_span(read_models, journey, window)
    if request.format is ExportFormat.XLSX and span.count > XLSX_MAX_EVENTS:
        raise InvalidValue(
            "format",
            f"a workbook holds at most {XLSX_MAX_EVENTS} events and this range has"
            f" {span.count}: use csv or jsonl, or a shorter range",
        )
    recorded = journey.record_audit_export(
        RecordAuditExport(
            actor=request.actor,
            range_from=window.start,
            range_to=window.end,
            format=request.format.value,
            channel=request.channel.value,
            first_position=span.first,
            last_position=span.last,
            event_count=span.count,
        )
    )
    log.info(
        "audit_export_recorded",
        export_id=str(recorded.aggregate_id),
        position=recorded.position,
        events=span.count,
        format=request.format.value,
        channel=request.channel.value,
    )
    return StartedExport(
        export_id=recorded.aggregate_id,
        position=recorded.position,
        window=window,
        span=span,
        format=request.format,
        events=journey.logged_events(span, window),
    )


def _stamp(moment: datetime) -> str:
    """A bound for a file name, in Asia/Shanghai: the date alone at midnight."""
    local = moment.astimezone(SHANGHAI)
    if local.hour == local.minute == local.second == local.microsecond == 0:
        return local.date().isoformat()
    return local.strftime("%Y-%m-%dT%H%M%S")
