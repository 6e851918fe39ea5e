"""Reading a ledger's cells as spreadsheets really hold them (台账单元格).

A cell arrives as a spreadsheet library gives it: text, a number, a date, or
nothing. Offices type full-width digits and commas, paste names with invisible
characters, let Excel turn an ID number into 5.00237E+17 and a phone number into
13812345678.0, and write dates in half a dozen ways. Each function here reads
one kind of cell, returns None for a blank one, and raises CellRefused (an
InvalidValue naming the column, in English and Chinese) for what it cannot read
without guessing. Whether a value is acceptable for a record (a real ID
number, a date not in the future) stays the domain's decision.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from application.ledger_columns import Column
from domain.exceptions import InvalidValue

FEN = Decimal("0.01")
FLOAT_NOISE = Decimal("1e-6")  # what binary floating point adds to a computed amount
MAX_DIGITS = 20  # digits before the decimal point of an amount worth reading
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# Excel's serial day numbers (1900 date system) from 1 = 1900-01-01 to 80000 (in 2119).
SERIAL_MAX = 80_000
# Excel keeps 15 significant digits: a longer number typed in a cell loses its tail.
EXACT_DIGITS = 15

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Columns holding digits that a spreadsheet may have stored as a number.
_NUMBER_LIKE = frozenset(
    {
        Column.ID_NUMBER,
        Column.MOBILE,
        Column.HUKOU_DIVISION,
        Column.DESTINATION,
        Column.EMPLOYER_CODE,
    }
)
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?e\+?[0-9]+", re.IGNORECASE)
_FLOAT_DIGITS = re.compile(r"([0-9]+)\.0+")
_TIME_OF_DAY = re.compile(r"(?:T|\s+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$")
_DATE_FORMS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)
_SERIAL_TEXT = re.compile(r"[0-9]{5}")
_CURRENCY = re.compile(r"^(?:¥|RMB|CNY|人民币)|(?:元/月|元每月|元|/月|每月|RMB|CNY)$", re.I)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?")

LOST_DIGITS = (
    "is stored as a number, so its last digits are lost; format the column as text"
    " and type the number again",
    "以数字形式保存，末尾几位已丢失；请将该列设为文本格式后重新录入",
)


class CellRefused(InvalidValue):
    """A cell that cannot be read without guessing. `field` is the column's
    English key; the reason is given in English (`message`) and Chinese."""

    def __init__(self, column: Column, reason_en: str, reason_zh: str) -> None:
        super().__init__(column.value, reason_en)
        self.column = column
        self.reason_en = reason_en
        self.reason_zh = reason_zh


def refused(column: Column, reason: tuple[str, str]) -> CellRefused:
    """The refusal for `column`, from an (English, Chinese) pair."""
    return CellRefused(column, reason[0], reason[1])


def is_blank(value: object) -> bool:
    """Nothing in the cell, or only spaces and invisible characters."""
    return value is None or (isinstance(value, str) and normalised(value) == "")


def normalised(text: str) -> str:
    """Full-width forms folded (NFKC: １３８ → 138, ，→ ,), invisible characters
    removed, runs of spaces and line breaks made one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_INVISIBLE).split())


def cell_text(column: Column, value: object) -> str | None:
    """A cell as text. A number meant as digits (a phone number, a code) reads
    as its digits, without the ".0" a spreadsheet adds; one too long for a
    spreadsheet to keep exactly is refused, as its digits are already lost."""
    if is_blank(value):
        return None
    if column in _NUMBER_LIKE:
        return _digits(column, value)
    if isinstance(value, str):
        return normalised(value)
    return _as_text(value)


def _digits(column: Column, value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and len(str(abs(int(value)))) <= EXACT_DIGITS:
            return str(int(value))
        raise refused(column, LOST_DIGITS)
    if not isinstance(value, str):
        return _as_text(value)
    text = normalised(value)
    # Ways people force a spreadsheet to keep digits as text: '0123, ="0123".
    if text.startswith("'"):
        text = text[1:]
    elif text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    if _SCIENTIFIC.fullmatch(text):
        raise refused(column, LOST_DIGITS)
    if whole := _FLOAT_DIGITS.fullmatch(text):
        return whole.group(1)
    return text


def _as_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalised(str(value))


def cell_id_number(value: object) -> str | None:
    """An ID number as text with an upper-case X; whether it is a valid one is
    for domain.identity to say. A number cell holding 18 digits has lost its
    last three (Excel keeps 15) and is refused."""
    text = cell_text(Column.ID_NUMBER, value)
    return text.upper() if text is not None else None


def cell_date(column: Column, value: object) -> date | None:
    """A date from a date cell, an Excel serial number (1900 date system), or
    text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (or 号), 20240305,
    with or without a time of day after it."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (time, timedelta)):
        raise CellRefused(column, "is a time of day, not a date", "是时间，不是日期")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _date_of_number(column, value)
    if not isinstance(value, str):
        raise _not_a_date(column)
    text = "".join(_TIME_OF_DAY.sub("", normalised(value)).split())
    if _SERIAL_TEXT.fullmatch(text):
        return _date_of_serial(column, int(text))
    for form in _DATE_FORMS:
        if found := form.fullmatch(text):
            return _real_date(column, *(int(part) for part in found.groups()))
    raise _not_a_date(column)


def _date_of_number(column: Column, number: float) -> date:
    if not math.isfinite(number):
        raise _not_a_date(column)
    whole = int(number)  # a fraction is the time of day
    if 19000101 <= whole <= 21001231 and number == whole:  # 20240305 typed as a number
        return _real_date(column, whole // 10000, whole // 100 % 100, whole % 100)
    if 1 <= whole <= SERIAL_MAX:
        return _date_of_serial(column, whole)
    raise CellRefused(column, "is a number that is not a date", "是数字，不是日期")


def _date_of_serial(column: Column, serial: int) -> date:
    """Excel counts 1900 as a leap year (as Lotus 1-2-3 did): its day 60 is a
    29 February 1900 that never was, and every later day is one off."""
    if serial == 60:
        raise CellRefused(
            column,
            "is Excel's day 60, 29 February 1900, a day that did not exist",
            "是 Excel 的第 60 天，即并不存在的 1900 年 2 月 29 日",
        )
    if not 1 <= serial <= SERIAL_MAX:
        raise _not_a_date(column)
    return date(1899, 12, 31 if serial < 60 else 30) + timedelta(days=serial)


def _real_date(column: Column, year: int, month: int, day: int) -> date:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise CellRefused(
            column,
            f"must be a date between {EARLIEST_YEAR} and {LATEST_YEAR}",
            f"必须是 {EARLIEST_YEAR} 年至 {LATEST_YEAR} 年之间的日期",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise CellRefused(column, "is not a calendar date", "不是实际存在的日期") from None


def _not_a_date(column: Column) -> CellRefused:
    return CellRefused(
        column,
        "must be a date such as 2024-03-05, 2024/3/5 or 2024年3月5日",
        "必须是日期，如 2024-03-05、2024/3/5 或 2024年3月5日",
    )


def cell_money(column: Column, value: object) -> Decimal | None:
    """An amount in yuan to the fen: 5000, 5000.5, "5,000", "5000元",
    "￥5,000.00". Negative amounts and more than two decimals are refused; a
    number computed by a formula (1234.5600000001) is rounded to the fen.
    Whether an amount is plausible for a wage stays the domain's rule."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        amount = _amount_of_text(column, value)
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        raise _not_an_amount(column)
    # Beyond MAX_DIGITS (or infinite) an amount is no wage, and quantizing it would fail.
    if not amount.is_finite() or amount.adjusted() >= MAX_DIGITS:
        raise _not_an_amount(column)
    if amount < 0:
        raise CellRefused(column, "must not be negative", "不能为负数")
    fen = amount.quantize(FEN)
    if isinstance(value, float) and abs(amount - fen) < FLOAT_NOISE:
        amount = fen
    if amount != fen:
        raise CellRefused(
            column, "must have at most two decimals (fen)", "最多两位小数（精确到分）"
        )
    return abs(fen)  # abs: "-0" is zero, shown without a sign


def _amount_of_text(column: Column, raw: str) -> Decimal:
    text = _CURRENCY.sub("", "".join(normalised(raw).split()))  # both ends: ¥5000元
    negative = text.startswith(("-", "\u2212"))
    if negative:
        text = text[1:]
    elif text.startswith("(") and text.endswith(")"):  # how accountants write -5000
        negative, text = True, text[1:-1]
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _AMOUNT.fullmatch(text):
        raise _not_an_amount(column)
    amount = Decimal(text)  # the pattern admits only plain decimals
    return -amount if negative else amount


def _not_an_amount(column: Column) -> CellRefused:
    return CellRefused(
        column,
        "must be an amount in yuan such as 5000 or 5000.50",
        "必须是以元为单位的金额，如 5000 或 5000.50",
    )
