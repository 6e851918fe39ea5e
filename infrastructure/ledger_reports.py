"""The files an office downloads around a ledger import: the template to fill in,
and the report of the rows that could not be imported (.xlsx and CSV).

Reports are written as the problems come (xlsxwriter's constant-memory mode, a
CSV writer on the stream): a report on a 100,000-row ledger is never held whole.
The CSV starts with a byte-order mark, without which Excel reads UTF-8 Chinese
as mojibake.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

import xlsxwriter

from application.ledger_choices import LABELS, accepted_words
from application.ledger_columns import COLUMNS, SPECS, Column
from application.ledger_rows import RowProblem, shown

TEMPLATE_SHEET = "劳务输出台账"
NOTES_SHEET = "说明 Notes"
SUMMARY_SHEET = "汇总 Summary"
PROBLEMS_SHEET = "问题 Problems"
REPORT_HEADERS = ("工作表 Sheet", "行号 Row", "列", "Column", "值 Value", "原因", "Reason")
XLSX_MAX_ROWS = 1_048_576  # a worksheet's rows
TEMPLATE_ROWS = 10_000  # rows below the headers given pick-lists
# Typed as text, or Excel turns 500237199001011234 into 5.00237E+17 and 2024-03 into a date.
TEXT_COLUMNS = frozenset(
    {
        Column.ID_NUMBER,
        Column.MOBILE,
        Column.HUKOU_DIVISION,
        Column.DESTINATION,
        Column.EMPLOYER_CODE,
        Column.MONTHS_CONFIRMED,
    }
)
DATE_COLUMNS = frozenset(
    {
        Column.REGISTERED_ON,
        Column.DEPARTED_ON,
        Column.ARRIVED_ON,
        Column.STARTED_ON,
        Column.ENDED_ON,
    }
)
_DATES = ("日期，如 2024-03-05、2024/3/5、2024年3月5日 A date", "2024-03-05")
# What each column accepts and an example, for the notes sheet (choices are listed from
# application/ledger_choices.py). Examples of personal data are placeholders, not people.
NOTES: dict[Column, tuple[str, str]] = {
    Column.NAME: ("与身份证一致 As on the ID card", "张三"),
    Column.ID_NUMBER: ("18 位，末位可为 X 18 characters, the last may be X", "（18 位号码）"),
    Column.MOBILE: ("11 位手机号码 An 11-digit mobile number", "13800138000"),
    Column.HUKOU_DIVISION: ("六位行政区划代码或地区名称 Division code or name", "500237"),
    Column.TOWNSHIP: ("乡镇或街道 Township or subdistrict", "巫峡镇"),
    Column.REGISTERED_ON: _DATES,
    Column.DESTINATION: ("六位行政区划代码或地区名称 Division code or name", "烟台市莱山区"),
    Column.DEPARTED_ON: _DATES,
    Column.ARRIVED_ON: _DATES,
    Column.EMPLOYER_NAME: ("用工单位全称 The employer's full name", "烟台某某电子有限公司"),
    Column.EMPLOYER_CODE: ("18 位统一社会信用代码 Unified social credit code", "（18 位代码）"),
    Column.POSITION: ("岗位或工种 Position or trade", "装配工"),
    Column.MONTHLY_WAGE: ("金额（元），最多两位小数 Yuan, at most two decimals", "5000.00"),
    Column.STARTED_ON: _DATES,
    Column.ENDED_ON: _DATES,
    Column.END_REASON: ("离职原因 Why the job ended", "合同期满"),
    Column.MONTHS_CONFIRMED: (
        "月份，以逗号或顿号分隔，或以“至”表示范围 Months, or a range",
        "2024-03至2024-08",
    ),
    Column.NOTE: ("其他说明 Anything else", ""),
}


def write_template(out: BinaryIO) -> None:
    """The ledger template (.xlsx): Chinese headers in row 1, English in row 2,
    each column formatted for what it holds, pick-lists for the choices, and a
    notes sheet on every column. No example rows: they would be imported."""
    workbook = xlsxwriter.Workbook(out, _WORKBOOK_OPTIONS)
    zh = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    en = workbook.add_format({"font_color": "#808080", "italic": True, "border": 1})
    formats = {
        "text": workbook.add_format({"num_format": "@"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "money": workbook.add_format({"num_format": "0.00"}),
    }
    sheet = workbook.add_worksheet(TEMPLATE_SHEET)
    for position, spec in enumerate(COLUMNS):
        width = max(10, 2 * len(spec.zh) + 2, len(spec.en) + 2)
        kind = _kind(spec.column)
        sheet.set_column(position, position, width, formats[kind] if kind else None)
        sheet.write_string(0, position, spec.zh, zh)
        sheet.write_string(1, position, spec.en, en)
        if spec.column in LABELS:
            # A warning, not a refusal: the import reads other words too (脱贫户, 技校).
            sheet.data_validation(
                2,
                position,
                TEMPLATE_ROWS + 1,
                position,
                {"validate": "list", "source": list(accepted_words(spec.column)),
                 "error_type": "warning"},
            )  # fmt: skip
    sheet.freeze_panes(2, 0)
    _write_notes(workbook.add_worksheet(NOTES_SHEET), zh)
    workbook.close()


def _kind(column: Column) -> str | None:
    if column in TEXT_COLUMNS:
        return "text"
    if column in DATE_COLUMNS:
        return "date"
    return "money" if column is Column.MONTHLY_WAGE else None


# What the import assumes for a blank cell (application/ledger_facts.py), said in the notes.
IF_BLANK: dict[Column, str] = {
    Column.HUKOU_DIVISION: "本办公室的区划 The importing office's division",
    Column.REGISTERED_ON: "出发日期与入职日期中较早者 The earlier of departure and start",
    Column.CHANNEL: "劳务办事处 Labour office",
    Column.TRAVEL_MODE: "包车（点对点） Chartered bus",
    Column.ARRIVED_ON: "尚未到达 Not arrived yet",
    Column.CONTRACT_TYPE: "固定期限 Fixed term",
    Column.END_REASON: "台账记载离职 Ended, as the ledger says",
    Column.MONTHS_CONFIRMED: (
        "无；填写的月份按工资表核实 None; months given count as payroll-confirmed"
    ),
}


def _write_notes(sheet: Any, bold: Any) -> None:
    headers = ("列 Column", "Column", "可填写的内容 Accepted values", "示例 Example",
               "也可识别的表头 Other headers read", "留空时 If blank")  # fmt: skip
    for position, width in enumerate((18, 26, 60, 20, 60, 40)):
        sheet.set_column(position, position, width)
    sheet.write_row(0, 0, headers, bold)
    for row, spec in enumerate(COLUMNS, start=1):
        if spec.column in LABELS:
            words = accepted_words(spec.column)
            accepted, example = "、".join(words), words[0]
        else:
            accepted, example = NOTES[spec.column]
        blank = IF_BLANK.get(spec.column, "")
        cells = (spec.zh, spec.en, accepted, example, "、".join(spec.aliases), blank)
        sheet.write_row(row, 0, cells)
    sheet.write_string(
        len(COLUMNS) + 2,
        0,
        "第 2 行英文表头可保留或删除；表头上方可有标题行；列的顺序不限，未列出的列不导入。"
        " The English header row may stay or go; title rows above the header are fine;"
        " columns may come in any order, and columns not listed here are not imported.",
    )


_WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,  # a value "=HYPERLINK(...)" stays text
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def report_row(problem: RowProblem) -> tuple[str | int, ...]:
    """One line of a report, in REPORT_HEADERS order."""
    spec = SPECS[problem.column] if problem.column is not None else None
    return (
        problem.sheet,
        problem.row,
        spec.zh if spec else "",
        spec.en if spec else "",
        problem.value,
        problem.reason_zh,
        problem.reason_en,
    )


def write_report_xlsx(
    problems: Iterable[RowProblem], out: BinaryIO, summary: Mapping[str, object]
) -> int:
    """The report as a workbook: the summary sheet, then one row per problem.
    Returns how many problems it lists; beyond a worksheet's rows, a last row
    says how many more the CSV report holds."""
    workbook = xlsxwriter.Workbook(out, {**_WORKBOOK_OPTIONS, "constant_memory": True})
    bold = workbook.add_format({"bold": True})
    totals = workbook.add_worksheet(SUMMARY_SHEET)
    totals.set_column(0, 0, 36)
    totals.set_column(1, 1, 24)
    for row, (key, value) in enumerate(summary.items()):
        totals.write_string(row, 0, key, bold)
        _write_value(totals, row, 1, value)
    sheet = workbook.add_worksheet(PROBLEMS_SHEET)
    for position, width in enumerate((16, 8, 16, 24, 24, 50, 60)):
        sheet.set_column(position, position, width)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, REPORT_HEADERS, bold)
    listed = unlisted = 0
    for problem in problems:
        if listed < XLSX_MAX_ROWS - 2:
            listed += 1
            for position, cell in enumerate(report_row(problem)):
                _write_value(sheet, listed, position, cell)
        else:
            unlisted += 1
    if unlisted:
        sheet.write_string(
            XLSX_MAX_ROWS - 1,
            0,
            f"另有 {unlisted} 个问题未列出，见 CSV 报告 / {unlisted} more in the CSV report",
        )
    workbook.close()
    return listed


def _write_value(sheet: Any, row: int, column: int, value: object) -> None:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        sheet.write_number(row, column, value)
    elif isinstance(value, date):
        sheet.write_string(row, column, value.isoformat())
    elif text := shown(value):  # a blank cell, not an empty string
        sheet.write_string(row, column, text)


def write_report_csv(problems: Iterable[RowProblem], out: BinaryIO) -> int:
    """The report as CSV in UTF-8 with a byte-order mark; text a spreadsheet
    would run as a formula (= + - @) gets an apostrophe in front. Returns how
    many problems it lists."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(REPORT_HEADERS)
        count = 0
        for problem in problems:
            writer.writerow([_inert(cell) for cell in report_row(problem)])
            count += 1
        text.flush()
    finally:
        text.detach()  # the caller's stream stays open
    return count


def _inert(cell: str | int) -> str | int:
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell
