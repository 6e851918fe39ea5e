"""A table as a spreadsheet: CSV with BOM that Excel reads, a workbook whose
cells keep their types, and text that is never run as a formula."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from interfaces.web.tables import Table, as_csv, as_xlsx, download

TABLE = Table(
    name="laborbridge-test",
    sheet="补贴台账: 2026/05 [全部]",
    header=["姓名", "金额（元）", "日期", "备注"],
    rows=[
        ["冉光明", Decimal("1500.00"), date(2026, 3, 12), '=HYPERLINK("http://x")'],
        ["谭小燕", None, datetime(2026, 3, 12, 14, 2), "-1 天"],
        ["向东", 3, None, "@SUM(A1)"],
    ],
)


def test_the_csv_starts_with_a_bom_and_holds_every_row_under_its_header() -> None:
    data = as_csv(TABLE)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "姓名,金额（元）,日期,备注"
    assert lines[1] == '冉光明,1500.00,2026-03-12,"\'=HYPERLINK(""http://x"")"'
    assert lines[2] == "谭小燕,,2026-03-12 14:02:00,'-1 天"
    assert lines[3] == "向东,3,,'@SUM(A1)"


def _sheet(data: bytes) -> tuple[str, str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return (
            book.read("xl/workbook.xml").decode(),
            book.read("xl/worksheets/sheet1.xml").decode(),
            book.read("xl/sharedStrings.xml").decode(),
        )


def test_the_workbook_keeps_numbers_dates_and_text_apart() -> None:
    workbook, sheet, strings = _sheet(as_xlsx(TABLE))
    assert 'name="补贴台账  2026 05  全部' in workbook  # no character Excel refuses
    assert "<f>" not in sheet  # no cell is a formula
    assert "=HYPERLINK" in strings  # the text is kept, as text
    assert re.search(r'<c r="B2"[^>]*><v>1500</v>', sheet)  # a number, not "1500.00"
    assert re.search(r'<c r="C2"[^>]*><v>46093</v>', sheet)  # 2026-03-12 as a date serial
    assert '<c r="B3"' not in sheet  # nothing for an empty cell


def test_a_download_is_an_attachment_never_cached() -> None:
    response = download(TABLE, "xlsx")
    assert response.headers["content-disposition"] == 'attachment; filename="laborbridge-test.xlsx"'
    assert response.headers["cache-control"] == "no-store"
    assert download(TABLE, "csv").media_type == "text/csv; charset=utf-8"
