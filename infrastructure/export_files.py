"""An audit export as a file: JSON lines, CSV or an Excel workbook.

One record per event: position, recorded_at, aggregate_id, version,
event_type, occurred_on, the actor's user, role and office, and the payload
(personal data already masked). Times are ISO 8601 (recorded_at in UTC with
microseconds and Z, as the audit trail shows it); the payload is compact JSON,
a text cell in CSV and the workbook. Every writer consumes the events as they
come: nothing holds the whole export in memory.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import Any
from uuid import UUID

import xlsxwriter

from application.log_reading import LoggedEvent
from infrastructure.readmodels.base import text_time

COLUMNS = (
    "position",
    "recorded_at",
    "aggregate_id",
    "version",
    "event_type",
    "occurred_on",
    "actor_user",
    "actor_role",
    "actor_office",
    "payload",
)
WIDTHS = (10, 28, 38, 8, 30, 12, 16, 12, 12, 80)
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
XLSX_MAX_EVENTS = 1_048_575  # a worksheet's rows, less the header
CHUNK = 500  # events per piece of a streamed response


def as_record(logged: LoggedEvent) -> dict[str, Any]:
    """One JSON line: the actor as an object, the payload as JSON."""
    e = logged.event
    actor = e.actor
    return {
        "position": logged.position,
        "recorded_at": text_time(e.recorded_at),
        "aggregate_id": str(logged.aggregate_id),
        "version": e.version,
        "event_type": e.type,
        "occurred_on": e.occurred_on.isoformat() if e.occurred_on else None,
        "actor": {"user": actor.user, "role": actor.role.value, "office": actor.office}
        if actor
        else None,
        "payload": e.payload,
    }


def as_row(logged: LoggedEvent) -> tuple[int | str, ...]:
    """One row of cells, in COLUMNS order: empty text for what is not known."""
    e = logged.event
    actor = e.actor
    return (
        logged.position,
        text_time(e.recorded_at),
        str(logged.aggregate_id),
        e.version,
        e.type,
        e.occurred_on.isoformat() if e.occurred_on else "",
        actor.user if actor else "",
        actor.role.value if actor else "",
        actor.office if actor else "",
        payload_json(e.payload),
    )


def payload_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_plain)


def jsonl_chunks(events: Iterable[LoggedEvent]) -> Iterator[str]:
    for chunk in _chunks(events):
        yield "".join(
            json.dumps(as_record(e), ensure_ascii=False, separators=(",", ":"), default=_plain)
            + "\n"
            for e in chunk
        )


def csv_chunks(events: Iterable[LoggedEvent]) -> Iterator[str]:
    """The header, then the rows; text that a spreadsheet would take for a
    formula (= + - @) is prefixed with an apostrophe."""
    yield _csv_lines([COLUMNS])
    for chunk in _chunks(events):
        yield _csv_lines([tuple(_safe(cell) for cell in as_row(e)) for e in chunk])


def write_xlsx(events: Iterable[LoggedEvent], path: Path) -> int:
    """Write the workbook row by row (constant memory); return how many
    events it holds. Text cells are text, never read as formulas."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet("events")
    for column, width in enumerate(WIDTHS):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, COLUMNS, workbook.add_format({"bold": True}))
    row = 0
    for row, logged in enumerate(events, start=1):
        for column, cell in enumerate(as_row(logged)):
            if isinstance(cell, int):
                sheet.write_number(row, column, cell)
            else:
                sheet.write_string(row, column, cell)
    workbook.close()
    return row


def _chunks(events: Iterable[LoggedEvent]) -> Iterator[list[LoggedEvent]]:
    iterator = iter(events)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _safe(cell: int | str) -> str:
    text = str(cell)
    return f"'{text}" if text and text[0] in "=+-@\t\r" else text


def _csv_lines(rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _plain(value: Any) -> Any:
    """Payload values JSON has no type for."""
    if isinstance(value, datetime):
        return text_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)
