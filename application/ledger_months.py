"""Reading a ledger's confirmed months (已确认在岗月份) as offices write them.

One cell lists the months a worker was confirmed at work, in whatever way the
office keeps them: "2024-03, 2024-04", "2024-03至2024-08", "2024.03-2024.08",
"2024年3月—2024年8月", "2024年3月至8月", "2024/3、2024/4", "2024年3、4、5月", or a
date cell (its month). Ranges include both ends; a month without its year takes
the year written before it.
"""

from __future__ import annotations

import re
from datetime import date

from application.ledger_cells import (
    SERIAL_MAX,
    CellRefused,
    cell_date,
    is_blank,
    normalised,
)
from application.ledger_columns import Column
from domain.placement_terms import month_of

MAX_MONTHS = 120  # ten years in one cell is a typing error (2014 for 2024), not a record

# A year and its month: 2024年3月 (a day after it, 5日, is ignored), 2024-03, 2024/3,
# 2024.03 (a day is only taken with the same separator: 2024-03-05 but not 2024.03-05),
# or 202403.
_YEAR_MONTH = re.compile(
    r"([0-9]{4})"
    r"(?:年([0-9]{1,2})月?(?:[0-9]{1,2}[日号])?"
    r"|([-/.])([0-9]{1,2})(?:\3[0-9]{1,2}(?![0-9])[日号]?)?"
    r"|([0-9]{2})(?:[0-9]{2})?(?![0-9]))"
)
_MONTH_ALONE = re.compile(r"([0-9]{1,2})月?(?![0-9])")
_RANGE_WORD = re.compile(r" ?(?:至|到|~|〜|—|–|―|-) ?")
_LIST_SEPARATOR = re.compile(r"[ 、,;]+")
_AMBIGUOUS_NUMBER = re.compile(r"[0-9]{4}\.1")


def cell_months(column: Column, value: object) -> list[str] | None:
    """The months a cell lists, as sorted unique "YYYY-MM"; None for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, date):
        return [month_of(value)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _months_of_number(column, value)
    if not isinstance(value, str):
        raise _not_months(column)
    return _months_of_text(column, normalised(value))


def _months_of_number(column: Column, number: float) -> list[str]:
    """A number cell: 202403, 2024.03 (typed into a cell not formatted as text),
    or a date's serial number. 2024.1 is refused: Excel stores 2024.10 as 2024.1."""
    if 190001 <= number <= 210012 and number == int(number):
        return _months_of_text(column, str(int(number)))
    if 1900 <= number < 2101:
        text = repr(float(number))
        if _AMBIGUOUS_NUMBER.fullmatch(text):
            raise CellRefused(
                column,
                "is stored as a number, so October and January look alike (2024.1);"
                " format the column as text",
                "以数字形式保存，10 月与 1 月无法区分（2024.1）；请将该列设为文本格式",
            )
        return _months_of_text(column, text)
    if 1 <= number <= SERIAL_MAX:
        day = cell_date(column, number)
        return [month_of(day)] if day else []
    raise _not_months(column)


def _months_of_text(column: Column, text: str) -> list[str]:
    months: set[int] = set()  # as year * 12 + month - 1
    year: int | None = None
    position = _skip(_LIST_SEPARATOR, text, 0)
    while position < len(text):
        first, year, position = _month_at(column, text, position, year)
        last = first
        if dash := _RANGE_WORD.match(text, position):
            last, year, position = _month_at(column, text, dash.end(), year)
        if last < first:
            raise CellRefused(
                column, "has a range that ends before it starts", "月份范围的结束早于开始"
            )
        if last - first >= MAX_MONTHS:  # refused before the range is spelt out
            raise _too_many(column)
        months.update(range(first, last + 1))
        if len(months) > MAX_MONTHS:
            raise _too_many(column)
        after = _skip(_LIST_SEPARATOR, text, position)
        if after == position and position < len(text):
            raise _not_months(column)
        position = after
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in sorted(months)]


def _month_at(column: Column, text: str, position: int, year: int | None) -> tuple[int, int, int]:
    """The month written at `position` (as an index), the year in force, and where it ends."""
    if found := _YEAR_MONTH.match(text, position):
        year = int(found.group(1))
        month = int(next(part for part in found.groups()[1:] if part and part.isdigit()))
    elif year is not None and (found := _MONTH_ALONE.match(text, position)):
        month = int(found.group(1))
    else:
        raise _not_months(column)
    if not 1900 <= year <= 2100 or not 1 <= month <= 12:
        raise CellRefused(column, "names a month that does not exist", "含有不存在的月份")
    return year * 12 + month - 1, year, found.end()


def _skip(separator: re.Pattern[str], text: str, position: int) -> int:
    found = separator.match(text, position)
    return found.end() if found else position


def _not_months(column: Column) -> CellRefused:
    return CellRefused(
        column,
        "must list months such as 2024-03, 2024-04 or a range such as 2024-03至2024-08",
        "必须是月份，如 2024-03、2024-04，或月份范围，如 2024-03至2024-08",
    )


def _too_many(column: Column) -> CellRefused:
    return CellRefused(
        column,
        f"must list at most {MAX_MONTHS} months",
        f"最多列出 {MAX_MONTHS} 个月份",
    )
