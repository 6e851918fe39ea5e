"""Any table a page shows, as the spreadsheet it downloads as: .xlsx, or CSV
in UTF-8 with a BOM (so Excel on Windows reads the Chinese), with the page's
column headers in the page's language.

A page builds one `Table` (header and rows) for both its HTML and its
downloads, so the file holds what the page showed, row for row. Dates are date
cells, amounts numbers with two decimals; text is never a formula — in the
workbook (strings_to_formulas off) nor in the CSV (a leading = + - @ is quoted).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

import xlsxwriter
from fastapi.responses import Response

from interfaces.web.rendering import PAGE_HEADERS

Cell = str | int | Decimal | date | datetime | None
Kind = Literal["csv", "xlsx"]
BOM = "\ufeff"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet would read as the start of a formula (CWE-1236).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    name: str  # the file's name without extension: ASCII, no quoting needed
    sheet: str  # the worksheet's title (at most 31 characters are kept)
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def as_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_text(h) for h in table.header])
    for row in table.rows:
        writer.writerow([_text(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


def as_xlsx(table: Table) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(_sheet_name(table.sheet))
    bold = book.add_format({"bold": True})
    amount = book.add_format({"num_format": "#,##0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    widths = [max(8, _width(h)) for h in table.header]
    for c, heading in enumerate(table.header):
        sheet.write_string(0, c, heading, bold)
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if isinstance(cell, bool):
                sheet.write_string(r, c, str(cell))
            elif isinstance(cell, Decimal):
                sheet.write_number(r, c, float(cell), amount)
            elif isinstance(cell, int):
                sheet.write_number(r, c, cell)
            elif isinstance(cell, datetime):
                sheet.write_datetime(r, c, cell.replace(tzinfo=None), moment)
            elif isinstance(cell, date):
                sheet.write_datetime(r, c, datetime(cell.year, cell.month, cell.day), day)
            else:
                sheet.write_string(r, c, cell)
            if c < len(widths):
                widths[c] = min(60, max(widths[c], _width(_text(cell))))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width + 2)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def download(table: Table, kind: Kind) -> Response:
    """The table as an attachment; never cached (it holds what the page held)."""
    name = f"{table.name}.{kind}"
    headers = {**PAGE_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    if kind == "csv":
        return Response(as_csv(table), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(as_xlsx(table), media_type=XLSX, headers=headers)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="seconds")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, str):
        return "'" + cell if cell.startswith(_FORMULA_START) else cell
    return str(cell)


def _sheet_name(title: str) -> str:
    """Excel refuses []:*?/\\ in a sheet's name and more than 31 characters."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet1")[:31]


def _width(text: str) -> int:
    """Columns wide enough for their text: a CJK character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
