"""Ledger files as offices have them: real .xlsx workbooks and CSV text, read back."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from application.ledger_cells import CellRefused, cell_date, cell_id_number, cell_money, cell_text
from application.ledger_columns import COLUMNS, Column
from application.ledger_rows import LedgerRow, LedgerUnreadable, RowProblem
from infrastructure.ledger_files import CSV_SHEET, HEADER_SEARCH_ROWS, read_ledger
from infrastructure.ledger_reports import (
    NOTES_SHEET,
    PROBLEMS_SHEET,
    REPORT_HEADERS,
    SUMMARY_SHEET,
    TEMPLATE_SHEET,
    write_report_csv,
    write_report_xlsx,
    write_template,
)

ZHANG = "50023719900101123X"
LI = "500237198502021234"


def workbook_file(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook written by openpyxl, one sheet per entry, in order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def read_all(path: Path) -> tuple[list[LedgerRow], list[str], list[tuple[str, int]]]:
    reading = read_ledger(path)
    rows = list(reading)
    return rows, reading.skipped_sheets, [(s.sheet, s.row) for s in reading.sheets]


# -- workbooks


def test_a_workbook_is_read_below_its_title_with_cells_as_they_are(tmp_path: Path) -> None:
    path = workbook_file(
        tmp_path / "台账.xlsx",
        {
            "2024年": [
                ["巫山县2024年劳务输出台账"],
                ["填报单位：巫山县就业和人才中心"],
                [],
                ["序号", "姓名", "身份证号", "联系电话", "出发日期", "月收入", "家庭住址"],
                [1, "张三", ZHANG, 13812345678, datetime(2024, 3, 5), 5000.5, "某村"],
                [2],  # numbered in advance, nothing filled in
                [],
                [3, " 李四 ", 5.00237198502021e17, "１３９ ０００ ０１１１", 45356, "5,000元"],
            ]
        },
    )
    rows, skipped, sheets = read_all(path)
    assert sheets == [("2024年", 4)] and skipped == []
    assert [(r.sheet, r.row) for r in rows] == [("2024年", 5), ("2024年", 8)]
    zhang, li = rows
    assert zhang.cells == {
        Column.NAME: "张三",
        Column.ID_NUMBER: ZHANG,
        Column.MOBILE: 13812345678,
        Column.DEPARTED_ON: datetime(2024, 3, 5),
        Column.MONTHLY_WAGE: 5000.5,
    }
    assert cell_text(Column.MOBILE, zhang.cells[Column.MOBILE]) == "13812345678"
    assert cell_text(Column.NAME, li.cells[Column.NAME]) == "李四"
    assert cell_text(Column.MOBILE, li.cells[Column.MOBILE]) == "139 000 0111"
    assert cell_date(Column.DEPARTED_ON, li.cells[Column.DEPARTED_ON]) == date(2024, 3, 5)
    assert cell_money(Column.MONTHLY_WAGE, li.cells[Column.MONTHLY_WAGE]) == Decimal("5000.00")
    with pytest.raises(CellRefused, match="format the column as text"):
        cell_id_number(li.cells[Column.ID_NUMBER])  # stored as a number in the workbook


def test_every_sheet_with_a_header_is_read_and_the_others_reported(tmp_path: Path) -> None:
    path = workbook_file(
        tmp_path / "ledger.xlsx",
        {
            "说明": [["本表由乡镇填报"], ["姓名请与身份证一致"]],
            "龙门街道": [["姓名", "公民身份号码"], ["张三", ZHANG]],
            "Partner": [
                ["Name", "ID No.", "Mobile", "Arrival date"],
                ["Li Si", LI, "", "2024/3/7"],
            ],
            "下拉选项": [["脱贫人口"], ["一般劳动力"]],
        },
    )
    rows, skipped, sheets = read_all(path)
    assert sheets == [("龙门街道", 1), ("Partner", 1)]
    assert skipped == ["说明", "下拉选项"]
    assert [(r.sheet, r.row, r.cells) for r in rows] == [
        ("龙门街道", 2, {Column.NAME: "张三", Column.ID_NUMBER: ZHANG}),
        ("Partner", 2, {Column.NAME: "Li Si", Column.ID_NUMBER: LI, Column.ARRIVED_ON: "2024/3/7"}),
    ]


def test_the_header_is_looked_for_in_the_first_twenty_non_blank_rows(tmp_path: Path) -> None:
    title: list[list[object]] = [[f"说明第 {i} 行"] for i in range(HEADER_SEARCH_ROWS - 1)]
    found: list[list[object]] = [*title, [], [], ["姓名", "身份证号"], ["张三", ZHANG]]
    missed: list[list[object]] = [*title, ["另一行说明"], ["姓名", "身份证号"], ["张三", ZHANG]]
    path = workbook_file(tmp_path / "t.xlsx", {"found": found, "missed": missed})
    rows, skipped, sheets = read_all(path)
    assert sheets == [("found", HEADER_SEARCH_ROWS + 2)]
    assert skipped == ["missed"]
    assert [r.row for r in rows] == [HEADER_SEARCH_ROWS + 3]


def test_a_second_header_row_below_the_first_is_skipped(tmp_path: Path) -> None:
    path = workbook_file(
        tmp_path / "t.xlsx",
        {"s": [["姓名", "公民身份号码"], ["Name", "ID number"], ["张三", ZHANG]]},
    )
    rows, _, _ = read_all(path)
    assert [(r.row, r.cells[Column.NAME]) for r in rows] == [(3, "张三")]


def test_the_template_reads_back_as_a_ledger_without_rows(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    with path.open("wb") as out:
        write_template(out)
    reading = read_ledger(path)
    assert list(reading) == []
    [sheet] = reading.sheets
    assert (sheet.sheet, sheet.row) == (TEMPLATE_SHEET, 1)
    assert list(sheet.header.columns.values()) == list(Column)
    assert sheet.header.ignored == []
    assert reading.skipped_sheets == [NOTES_SHEET]


def test_the_template_is_formatted_for_what_each_column_holds(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    with path.open("wb") as out:
        write_template(out)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [TEMPLATE_SHEET, NOTES_SHEET]
    sheet = book[TEMPLATE_SHEET]
    assert [c.value for c in sheet[1]] == [spec.zh for spec in COLUMNS]
    assert [c.value for c in sheet[2]] == [spec.en for spec in COLUMNS]
    assert sheet.max_row == 2  # no example rows: they would be imported
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A3"
    letter = {
        spec.column: openpyxl.utils.get_column_letter(i + 1) for i, spec in enumerate(COLUMNS)
    }
    styles = {
        column: sheet.column_dimensions[letter[column]].number_format
        for column in (Column.ID_NUMBER, Column.MOBILE, Column.EMPLOYER_CODE,
                       Column.MONTHS_CONFIRMED, Column.DEPARTED_ON, Column.MONTHLY_WAGE)
    }  # fmt: skip
    assert styles == {
        Column.ID_NUMBER: "@",
        Column.MOBILE: "@",
        Column.EMPLOYER_CODE: "@",
        Column.MONTHS_CONFIRMED: "@",
        Column.DEPARTED_ON: "yyyy-mm-dd",
        Column.MONTHLY_WAGE: "0.00",
    }
    validations = sheet.data_validations.dataValidation
    lists = {next(iter(v.sqref.ranges)).min_col: v.formula1 for v in validations}
    assert (
        lists[list(Column).index(Column.EDUCATION) + 1]
        == '"未上学,小学,初中,高中,中专/技校,大专,本科及以上"'
    )
    notes = [[c.value for c in row] for row in book[NOTES_SHEET].iter_rows(min_row=2, max_row=24)]
    assert [row[0] for row in notes] == [spec.zh for spec in COLUMNS]
    assert all(row[2] for row in notes)  # what each column accepts


def test_formulas_are_read_by_their_results_and_dates_in_either_date_system(
    tmp_path: Path,
) -> None:
    path = tmp_path / "formulas.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("s")
    sheet.write_row(0, 0, ["姓名", "身份证号", "月工资"])
    sheet.write_row(1, 0, ["张三", ZHANG])
    sheet.write_formula(1, 2, "=4000+1000", None, 5000)
    book.close()
    [row], _, _ = read_all(path)
    assert row.cells[Column.MONTHLY_WAGE] == 5000

    mac = openpyxl.Workbook()
    mac.epoch = CALENDAR_MAC_1904
    mac.active.append(["姓名", "身份证号", "到岗日期"])
    mac.active.append(["张三", ZHANG, datetime(2024, 3, 5)])
    mac.save(tmp_path / "mac.xlsx")
    [row], _, _ = read_all(tmp_path / "mac.xlsx")
    assert row.cells[Column.STARTED_ON] == datetime(2024, 3, 5)


def test_shared_strings_as_excel_writes_them_are_read(tmp_path: Path) -> None:
    path = tmp_path / "shared.xlsx"
    book = xlsxwriter.Workbook(str(path))  # like Excel, a table of shared strings
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["姓名", "身份证号", "乡镇"])
    sheet.write_row(1, 0, ["张三", ZHANG, "巫峡镇"])
    sheet.write_row(2, 0, ["李四", LI, "巫峡镇"])
    sheet.write_rich_string(3, 0, "王", book.add_format({"bold": True}), "五")
    sheet.write_row(3, 1, [LI + "x", "x005F_巫峡镇"])
    book.close()
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(path).namelist()
    rows, _, _ = read_all(path)
    assert [list(r.cells.values()) for r in rows] == [
        ["张三", ZHANG, "巫峡镇"],
        ["李四", LI, "巫峡镇"],
        ["王五", LI + "x", "巫峡镇"],  # runs joined; openpyxl's x005F_ escape undone
    ]


def test_inline_strings_as_other_programs_write_them_are_read(tmp_path: Path) -> None:
    path = workbook_file(tmp_path / "inline.xlsx", {"台账": [["姓名", "身份证号", "乡镇"]]})
    sheet_xml = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    row = (
        '<row r="2">'
        '<c r="A2" t="inlineStr"><is><r><t>王</t></r><r><rPr><b/></rPr><t>五</t></r>'
        '<rPh sb="0" eb="1"><t>wang</t></rPh></is></c>'
        f'<c r="B2" t="inlineStr"><is><t>{LI}</t></is></c>'
        '<c r="C2" t="inlineStr" s="0"><is><t xml:space="preserve"> 巫峡镇 </t></is></c>'
        "</row></sheetData>"
    )
    parts[sheet_xml] = parts[sheet_xml].replace(b"</sheetData>", row.encode(), 1)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    [read], _, _ = read_all(path)
    assert read.row == 2
    # Runs joined, the phonetic guide left out, spaces kept for the cell reader:
    # as openpyxl itself reads the cells.
    assert list(read.cells.values()) == ["王五", LI, " 巫峡镇 "]
    by_openpyxl = openpyxl.load_workbook(path)["台账"]
    assert [c.value for c in by_openpyxl[2]] == ["王五", LI, " 巫峡镇 "]


# -- CSV


def csv_file(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_is_read_in_the_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    text = "姓名,公民身份号码,乡镇(街道)\r\n张三,50023719900101123X,巫峡镇\r\n"
    rows, _, sheets = read_all(csv_file(tmp_path / "ledger.csv", text, encoding))
    assert sheets == [(CSV_SHEET, 1)]
    assert [(r.row, dict(r.cells)) for r in rows] == [
        (2, {Column.NAME: "张三", Column.ID_NUMBER: ZHANG, Column.TOWNSHIP: "巫峡镇"})
    ]


def test_csv_with_tabs_quotes_line_breaks_title_and_blank_lines(tmp_path: Path) -> None:
    text = (
        "巫山县劳务输出台账\n"
        "\n"
        "姓名\t身份证号\t备注\n"
        "Name\tID number\tNote\n"
        '张三\t50023719900101123X\t"第一行\n第二行"\n'
        "\n"
        "\t\t\n"
        "李四\t500237198502021234\t, 逗号\n"
    )
    rows, _, sheets = read_all(csv_file(tmp_path / "ledger.txt", text, "utf-8"))
    assert sheets == [(CSV_SHEET, 3)]
    # Numbered as a spreadsheet shows the file: a quoted line break stays in its row.
    assert [(r.row, r.cells[Column.NAME], r.cells.get(Column.NOTE)) for r in rows] == [
        (5, "张三", "第一行\n第二行"),
        (8, "李四", ", 逗号"),
    ]


def test_the_format_is_decided_by_the_content_not_the_name(tmp_path: Path) -> None:
    workbook = workbook_file(tmp_path / "w.xlsx", {"s": [["姓名", "身份证号"], ["张三", ZHANG]]})
    named_csv = workbook.rename(tmp_path / "really-a-workbook.csv")
    text = csv_file(
        tmp_path / "really-text.xlsx", "姓名,身份证号\n张三,50023719900101123X\n", "gb18030"
    )
    upload = workbook_file(tmp_path / "u.xlsx", {"s": [["姓名", "身份证号"], ["张三", ZHANG]]})
    nameless = upload.rename(tmp_path / "upload")
    for path in (named_csv, text, nameless):
        rows, _, _ = read_all(path)
        assert [r.cells[Column.NAME] for r in rows] == ["张三"], path.name


# -- files that are no ledger


def damaged_workbook(path: Path) -> Path:
    rows: list[list[object]] = [["姓名", "身份证号"]]
    rows += [["张三", ZHANG] for _ in range(2000)]
    good = workbook_file(path, {"s": rows})
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        others = {n: archive.read(n) for n in archive.namelist() if n != "xl/worksheets/sheet1.xml"}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in others.items():
            archive.writestr(name, data)
        archive.writestr("xl/worksheets/sheet1.xml", sheet[: len(sheet) // 2] + b"<c><<<")
    return path


def not_a_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return path


FILES: dict[str, Callable[[Path], Path]] = {
    "empty": lambda p: csv_file(p, "", "utf-8"),
    "old .xls": lambda p: (p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 500), p)[1],
    "binary": lambda p: (p.write_bytes(bytes(range(256)) * 8), p)[1],
    "a zip, not a workbook": not_a_workbook,
    "truncated zip": lambda p: (p.write_bytes(b"PK\x03\x04" + b"\x01" * 100), p)[1],
}


@pytest.mark.parametrize("kind", FILES)
def test_a_file_that_is_no_ledger_is_refused_when_opened(tmp_path: Path, kind: str) -> None:
    path = FILES[kind](tmp_path / "upload.xlsx")
    with pytest.raises(LedgerUnreadable) as raised:
        read_ledger(path)
    assert raised.value.reason_zh and raised.value.reason_en


def test_a_workbook_damaged_further_in_is_refused_while_read(tmp_path: Path) -> None:
    reading = read_ledger(damaged_workbook(tmp_path / "damaged.xlsx"))
    with pytest.raises(LedgerUnreadable, match="damaged"):
        list(reading)


def test_a_file_without_any_header_is_refused_once_read(tmp_path: Path) -> None:
    path = workbook_file(tmp_path / "t.xlsx", {"a": [["张三", ZHANG]], "b": [["说明"]]})
    reading = read_ledger(path)
    with pytest.raises(LedgerUnreadable, match="no header found"):
        list(reading)
    assert reading.skipped_sheets == ["a", "b"]


# -- reports

PROBLEMS = [
    RowProblem("台账", 5, Column.ID_NUMBER, "500237********123X", "校验码不符", "check character"),
    RowProblem("台账", 8, None, "", "身份证号与第 5 行重复", "same ID number as row 5"),
    RowProblem("台账", 9, Column.NOTE, "=HYPERLINK(1)", "过长", "too long"),
]


def test_the_report_workbook_lists_each_problem_after_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    with path.open("wb") as out:
        listed = write_report_xlsx(
            iter(PROBLEMS), out, {"读取行数 Rows read": 3, "文件 File": "台账"}
        )
    assert listed == 3
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SUMMARY_SHEET, PROBLEMS_SHEET]
    assert [[c.value for c in r] for r in book[SUMMARY_SHEET]] == [
        ["读取行数 Rows read", 3],
        ["文件 File", "台账"],
    ]
    rows = [[c.value for c in r] for r in book[PROBLEMS_SHEET]]
    assert rows == [
        list(REPORT_HEADERS),
        [
            "台账",
            5,
            "公民身份号码",
            "ID number",
            "500237********123X",
            "校验码不符",
            "check character",
        ],
        ["台账", 8, None, None, None, "身份证号与第 5 行重复", "same ID number as row 5"],
        ["台账", 9, "备注", "Note", "=HYPERLINK(1)", "过长", "too long"],
    ]
    assert book[PROBLEMS_SHEET]["E4"].data_type == "s"  # text, never a formula


def test_the_report_csv_has_a_byte_order_mark_and_inert_formulas() -> None:
    out = io.BytesIO()
    assert write_report_csv(iter(PROBLEMS), out) == 3
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(REPORT_HEADERS)
    assert rows[1] == [
        "台账",
        "5",
        "公民身份号码",
        "ID number",
        "500237********123X",
        "校验码不符",
        "check character",
    ]
    assert rows[3][4] == "'=HYPERLINK(1)"
    assert not out.closed  # the caller's stream stays the caller's


# -- memory


def traced_peak(path: Path) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_ledger(path))
        return tracemalloc.get_traced_memory()[1] if count else 0
    finally:
        tracemalloc.stop()


def openpyxl_ledger(path: Path, rows: int) -> Path:
    """Inline strings and no <dimension>, as openpyxl's streaming writer makes them."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(["姓名", "公民身份号码", "手机号码", "出发日期", "备注"])
    for i in range(rows):
        sheet.append(
            [f"张{i}", f"5002371990{i:08d}", f"138{i:08d}", datetime(2024, 3, 5), f"备注{i}"]
        )
    book.save(path)
    return path


def excel_like_ledger(path: Path, rows: int) -> Path:
    """Every text in the table of shared strings, as Excel writes a workbook."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["姓名", "公民身份号码", "手机号码", "出发日期", "备注"])
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for i in range(1, rows + 1):
        sheet.write_row(i, 0, [f"张{i}", f"5002371990{i:08d}", f"138{i:08d}"])
        sheet.write_datetime(i, 3, datetime(2024, 3, 5), day)
        sheet.write_string(i, 4, f"备注{i}")
    book.close()
    return path


def csv_ledger(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["姓名", "公民身份号码", "手机号码", "出发日期", "备注"])
        for i in range(rows):
            writer.writerow(
                [f"张{i}", f"5002371990{i:08d}", f"138{i:08d}", "2024-03-05", f"备注{i}"]
            )
    return path


@pytest.mark.parametrize("make", [openpyxl_ledger, excel_like_ledger, csv_ledger])
def test_memory_stays_flat_as_the_ledger_grows(
    tmp_path: Path, make: Callable[[Path, int], Path]
) -> None:
    small = traced_peak(make(tmp_path / "small", 2_000))
    large = traced_peak(make(tmp_path / "large", 20_000))
    # Ten times the rows; what was held for the whole file would be ten times as large.
    assert small > 0
    assert large < small * 1.5, (small, large)


def test_a_header_of_two_rows_with_merged_group_headings_is_read_as_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "two-rows.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(["巫山县2024年劳务输出台账"])
    sheet.append(["序号", "姓名", "身份证号", "转移就业情况", None, None, "备注"])
    sheet.append([None, None, None, "目的地", "出发日期", "用工单位", None])
    sheet.append([1, "张三", ZHANG, "烟台市莱山区", "2024-03-01", "烟台某电子有限公司", "包车"])
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3", "A1:G1"):
        sheet.merge_cells(cells)
    book.save(path)
    [row], _, headers = read_all(path)
    assert headers == [("台账", 2)]
    assert row.row == 4
    assert row.cells == {
        Column.NAME: "张三",
        Column.ID_NUMBER: ZHANG,
        Column.DESTINATION: "烟台市莱山区",
        Column.DEPARTED_ON: "2024-03-01",
        Column.EMPLOYER_NAME: "烟台某电子有限公司",
        Column.NOTE: "包车",
    }


def test_group_headings_above_the_header_row_and_headings_merged_down_over_both(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [
        ["基本信息", None, None, "备注"],
        ["姓名", "身份证号", "手机号码", None],
        ["张三", ZHANG, "13800138000", "已核实"],
    ]
    [row], _, headers = read_all(workbook_file(tmp_path / "above.xlsx", {"台账": rows}))
    assert headers == [("台账", 2)]
    assert row.cells == {
        Column.NAME: "张三",
        Column.ID_NUMBER: ZHANG,
        Column.MOBILE: "13800138000",
        Column.NOTE: "已核实",
    }


def test_a_data_row_right_below_the_header_is_never_taken_for_part_of_it(
    tmp_path: Path,
) -> None:
    rows: list[list[object]] = [
        ["姓名", "身份证号", None, "乡镇"],
        ["张三", ZHANG, "目的地", "巫峡镇"],  # an odd value, but a row of data
    ]
    [row], _, _ = read_all(workbook_file(tmp_path / "below.xlsx", {"台账": rows}))
    assert row.row == 2 and row.cells[Column.NAME] == "张三"
