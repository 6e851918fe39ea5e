"""AuditExport: what an export records, what it refuses, and how it reads in the trail."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from application.clock import SHANGHAI
from application.projections.timeline import aggregate_type, event_type, summarise
from domain.actor import Actor, Role
from domain.audit_export import AuditExport, ExportChannel, ExportFormat
from domain.exceptions import InvalidValue

TODAY = date(2026, 11, 26)
AUDITOR = Actor(user="zhao.min", role=Role.AUDITOR, office="500237")
JAN = datetime(2026, 1, 1, tzinfo=SHANGHAI)
FEB = datetime(2026, 2, 1, tzinfo=SHANGHAI)


def exported(**overrides: Any) -> AuditExport:
    fields: dict[str, Any] = {
        "range_from": JAN,
        "range_to": FEB,
        "format": "csv",
        "channel": "api",
        "first_position": 3,
        "last_position": 1236,
        "event_count": 1234,
        "actor": AUDITOR,
        "occurred_on": TODAY,
        "today": TODAY,
    }
    fields.update(overrides)
    return AuditExport.record(**fields)


def test_an_export_records_who_exported_which_range_and_which_events() -> None:
    export = exported()

    (event,) = export.collect_events()
    assert event_type(event) == "AuditExport.Exported"
    assert aggregate_type(event_type(event)) == "audit_export"
    assert (event.range_from, event.range_to) == (JAN, FEB)
    assert event.range_from.tzinfo is UTC  # stored in UTC, the same instant
    assert (event.first_position, event.last_position, event.event_count) == (3, 1236, 1234)
    assert (event.format, event.channel, event.actor) == ("csv", "api", AUDITOR)
    assert export.format is ExportFormat.CSV
    assert export.channel is ExportChannel.API
    assert (export.exported_by, export.exported_on) == (AUDITOR, TODAY)


def test_an_export_of_nothing_names_no_positions() -> None:
    export = exported(first_position=None, last_position=None, event_count=0)
    assert (export.first_position, export.last_position, export.event_count) == (None, None, 0)


def test_an_export_from_the_start_of_the_log_has_no_lower_bound() -> None:
    assert exported(range_from=None).range_from is None


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.ADMIN, Role.SYSTEM])
def test_only_an_auditor_exports(role: Role) -> None:
    with pytest.raises(InvalidValue) as refused:
        exported(actor=Actor(user="x", role=role, office="500237"))
    assert refused.value.field == "actor"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"range_from": FEB, "range_to": JAN}, "to"),
        ({"range_from": JAN, "range_to": JAN}, "to"),
        ({"range_to": datetime(2026, 2, 1)}, "to"),  # no offset: which instant?
        ({"range_from": datetime(2026, 1, 1)}, "from"),
        ({"format": "pdf"}, "format"),
        ({"channel": "email"}, "channel"),
        ({"occurred_on": TODAY + timedelta(days=1)}, "occurred_on"),
        ({"first_position": None}, "first_position"),
        ({"first_position": 9, "last_position": 3}, "first_position"),
        ({"first_position": 0}, "first_position"),
        ({"event_count": 1235}, "event_count"),  # more than the positions hold
        ({"event_count": -1}, "event_count"),
        ({"event_count": 0}, "event_count"),  # nothing exported, yet positions
    ],
)
def test_an_inconsistent_export_is_refused_naming_the_field(
    overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        exported(**overrides)
    assert refused.value.field == field


def test_the_trail_reads_the_range_format_count_and_channel() -> None:
    (event,) = exported().collect_events()
    summary = summarise(event)
    assert (summary.zh, summary.en) == (
        "导出审计记录 2026-01-01 至 2026-02-01（csv，1234 条，接口）",
        "Audit records exported, 2026-01-01 to 2026-02-01 (csv, 1234 events, API)",
    )


def test_bounds_read_in_shanghai_time_and_an_open_start_reads_as_the_start_of_the_log() -> None:
    utc_noon = datetime(2026, 3, 1, 4, 30, tzinfo=UTC)  # 12:30 in Shanghai
    (event,) = exported(
        range_from=None, range_to=utc_noon, format="xlsx", channel="cli", event_count=7
    ).collect_events()
    summary = summarise(event)
    assert summary.zh == "导出审计记录 日志起始 至 2026-03-01 12:30（xlsx，7 条，命令行）"
    assert summary.en == (
        "Audit records exported, the start of the log to 2026-03-01 12:30"
        " (xlsx, 7 events, command line)"
    )
