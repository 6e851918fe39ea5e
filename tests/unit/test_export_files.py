"""Export files: JSON lines, CSV and a workbook, written as the events come."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID
from xml.etree import ElementTree

from application.log_reading import LoggedEvent
from application.views import RecordedEvent
from domain.actor import Actor, Role
from infrastructure.export_files import (
    CHUNK,
    COLUMNS,
    as_record,
    csv_chunks,
    jsonl_chunks,
    write_xlsx,
)

RECORD = UUID("0b8e7c1e-4a57-4c8e-9a55-2f0c8f4b1d01")
AT = datetime(2026, 3, 2, 1, 2, 3, 456789, tzinfo=UTC)


def logged(position: int = 7, user: str = "li.ming", **payload: object) -> LoggedEvent:
    event = RecordedEvent(
        type="Placement.Started",
        version=1,
        occurred_on=date(2026, 3, 2),
        recorded_at=AT,
        actor=Actor(user=user, role=Role.CASEWORKER, office="500237"),
        payload=payload or {"monthly_wage": Decimal("5200.50"), "started_on": date(2026, 3, 2)},
    )
    return LoggedEvent(position, RECORD, event)


def test_a_json_line_holds_the_envelope_actor_and_payload_in_plain_json() -> None:
    (line,) = "".join(jsonl_chunks([logged()])).splitlines()

    assert json.loads(line) == {
        "position": 7,
        "recorded_at": "2026-03-02T01:02:03.456789Z",
        "aggregate_id": str(RECORD),
        "version": 1,
        "event_type": "Placement.Started",
        "occurred_on": "2026-03-02",
        "actor": {"user": "li.ming", "role": "caseworker", "office": "500237"},
        "payload": {"monthly_wage": "5200.50", "started_on": "2026-03-02"},
    }


def test_an_event_with_no_actor_or_business_date_exports_nulls_and_empty_cells() -> None:
    bare = LoggedEvent(1, RECORD, RecordedEvent("X.Happened", 1, None, AT, None, {}))

    assert as_record(bare)["actor"] is None
    rows = list(csv.reader(io.StringIO("".join(csv_chunks([bare])))))
    envelope = ["1", "2026-03-02T01:02:03.456789Z", str(RECORD), "1", "X.Happened"]
    assert rows[1] == [*envelope, "", "", "", "", "{}"]


def test_csv_has_the_header_then_one_row_per_event_with_the_payload_as_compact_json() -> None:
    rows = list(csv.reader(io.StringIO("".join(csv_chunks([logged(1), logged(2)])))))

    assert tuple(rows[0]) == COLUMNS
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][6:9] == ["li.ming", "caseworker", "500237"]
    assert rows[1][9] == '{"monthly_wage":"5200.50","started_on":"2026-03-02"}'


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_prefixed() -> None:
    text = "".join(csv_chunks([logged(user="=HYPERLINK(1)"), logged(user="@SUM(1)")]))
    rows = list(csv.reader(io.StringIO(text)))

    assert [r[6] for r in rows[1:]] == ["'=HYPERLINK(1)", "'@SUM(1)"]


def test_the_writers_stream_and_never_gather_every_event_first() -> None:
    endless = itertools.repeat(logged())  # a writer that built a list would never return

    header, first = itertools.islice(csv_chunks(endless), 2)
    (lines,) = itertools.islice(jsonl_chunks(endless), 1)

    assert header.startswith("position,")
    assert first.count("\r\n") == CHUNK
    assert lines.count("\n") == CHUNK


def _sheet_rows(path: Path) -> list[list[str]]:
    """The worksheet's cells as text, read with the standard library."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml")
    assert not re.search(rb"<f>", xml)  # no cell is a formula
    rows = ElementTree.fromstring(xml).findall("m:sheetData/m:row", ns)
    return [["".join(cell.itertext()) for cell in row.findall("m:c", ns)] for row in rows]


def test_a_workbook_has_the_header_and_a_row_per_event_with_text_kept_as_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.xlsx"

    count = write_xlsx(iter([logged(1), logged(2, user="=1+1")]), path)

    rows = _sheet_rows(path)
    assert count == 2
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][:2] == ["1", "2026-03-02T01:02:03.456789Z"]
    assert rows[2][6] == "=1+1"  # a text cell, not a formula
    assert rows[1][9] == '{"monthly_wage":"5200.50","started_on":"2026-03-02"}'


def test_a_workbook_of_no_events_still_has_its_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(iter([]), path) == 0
    assert _sheet_rows(path) == [list(COLUMNS)]
