"""What reading a ledger (台账) gives: its rows, the problems found in them, and the
reading itself, whose findings (headers, sheets skipped) fill in as rows are read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from application.exceptions import ApplicationError
from application.ledger_columns import SPECS, Column, HeaderMatch
from domain.contact import mask_mobile, mask_name
from domain.identity import mask_id_number

SHOWN_MAX_LENGTH = 60  # a report shows the start of a long note, not all of it
# Two-character family names (复姓): a masked name keeps the whole family name.
COMPOUND_SURNAMES = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "闻人", "澹台", "端木", "申屠",
        "南宫", "西门", "独孤", "百里", "呼延", "万俟", "太史", "赫连", "东郭", "拓跋",
    }
)  # fmt: skip


@dataclass(frozen=True)
class LedgerRow:
    """One row as the spreadsheet holds it: the sheet, the spreadsheet's own row
    number (1-based) and the raw value of each recognised column that is not
    blank (a column missing from `cells` was empty)."""

    sheet: str
    row: int
    cells: Mapping[Column, object]


@dataclass(frozen=True)
class RowProblem:
    """Why a row (or one cell of it, `column`) cannot be imported. `value` is
    the cell as a report may show it: masked where personal."""

    sheet: str
    row: int
    column: Column | None
    value: str
    reason_zh: str
    reason_en: str


def cell_problem(row: LedgerRow, column: Column, reason_zh: str, reason_en: str) -> RowProblem:
    """A problem with one cell of `row`, its value masked if personal."""
    return RowProblem(
        row.sheet, row.row, column, masked(column, row.cells.get(column)), reason_zh, reason_en
    )


@dataclass(frozen=True)
class SheetHeader:
    """Where a sheet's header was found (its row number) and what it names."""

    sheet: str
    row: int
    header: HeaderMatch


class LedgerUnreadable(ApplicationError):
    """The file is not a ledger this system can read: not a workbook nor text,
    damaged, an old .xls, or without a recognisable header on any sheet."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


class LedgerReading(Iterator[LedgerRow]):
    """The rows of a ledger as they are read, one at a time.

    `sheets` and `skipped_sheets` fill in as the reading reaches each sheet, and
    are complete once the rows are exhausted. The reading raises
    LedgerUnreadable if the file turns out to be damaged part-way, or if no
    sheet had a header.
    """

    def __init__(self, rows: Callable[[LedgerReading], Iterator[LedgerRow]]) -> None:
        self.sheets: list[SheetHeader] = []
        self.skipped_sheets: list[str] = []
        self._rows = rows(self)

    def __next__(self) -> LedgerRow:
        return next(self._rows)


def masked(column: Column | None, value: object) -> str:
    """The value as a report shows it: a name as 张* or 欧阳**, an ID number as
    500237********123X, a mobile as 138****5678; other values as they read,
    shortened if long."""
    text = shown(value)
    if column is None or not SPECS[column].personal:
        return text if len(text) <= SHOWN_MAX_LENGTH else text[: SHOWN_MAX_LENGTH - 1] + "…"
    if column is Column.NAME:
        return _masked_name(text)
    if column is Column.MOBILE:
        return mask_mobile(text)
    return mask_id_number(text)


def _masked_name(name: str) -> str:
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2] + "*" * (len(name) - 2)
    return mask_name(name)


def shown(value: object) -> str:
    """A cell's value as text, the way a spreadsheet would display it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:.5E}"  # as Excel shows it: 5.00237E+17
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())
