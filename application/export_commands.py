"""Audit exports (审计记录导出): each copy of the log an auditor takes is recorded."""

from __future__ import annotations

from application.base import RecordStore
from application.commands.audit_export import RecordAuditExport
from application.views import Recorded
from domain.audit_export import AuditExport


class AuditExportService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def record_audit_export(self, command: RecordAuditExport) -> Recorded:
        """Record that an auditor exported the events recorded in a time range:
        the bounds, format, channel (API or command line), the first and last
        log positions and the count. Recorded before the copy is handed over,
        so a download that fails still leaves a trace. Only auditors export."""
        export = AuditExport.record(
            range_from=command.range_from,
            range_to=command.range_to,
            format=command.format,
            channel=command.channel,
            first_position=command.first_position,
            last_position=command.last_position,
            event_count=command.event_count,
            **self.store.stamp(command),
        )
        return self.store.record(export)
