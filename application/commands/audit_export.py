"""Commands about audit exports (审计记录导出)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from application.commands.base import Command


@dataclass(frozen=True, kw_only=True)
class RecordAuditExport(Command):
    """An auditor exports the events recorded in [range_from, range_to): which
    ones exactly (positions and count) is worked out before this is recorded."""

    range_from: datetime | None  # None: from the start of the log
    range_to: datetime
    format: str
    channel: str
    first_position: int | None
    last_position: int | None
    event_count: int
