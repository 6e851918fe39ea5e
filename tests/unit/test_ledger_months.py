"""Reading the months a ledger lists as confirmed, in the ways offices write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.ledger_cells import CellRefused
from application.ledger_columns import Column
from application.ledger_months import MAX_MONTHS, cell_months

MONTHS = Column.MONTHS_CONFIRMED
MARCH_TO_AUGUST = ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]


@pytest.mark.parametrize(
    ("value", "months"),
    [
        ("2024-03, 2024-04", ["2024-03", "2024-04"]),
        ("2024-04，2024-03", ["2024-03", "2024-04"]),  # full-width comma, any order
        ("2024/3、2024/4", ["2024-03", "2024-04"]),
        ("2024.03;2024.04；2024.04", ["2024-03", "2024-04"]),  # repeats once
        ("2024-03\n2024-04", ["2024-03", "2024-04"]),
        ("2024年3月 2024年4月", ["2024-03", "2024-04"]),
        ("2024年3、4月", ["2024-03", "2024-04"]),  # the year carries over
        ("2024-03至2024-08", MARCH_TO_AUGUST),
        ("2024-03 至 2024-08", MARCH_TO_AUGUST),
        ("2024.03-2024.08", MARCH_TO_AUGUST),
        ("2024-03-2024-08", MARCH_TO_AUGUST),
        ("2024.03-08", MARCH_TO_AUGUST),
        ("2024年3月—2024年8月", MARCH_TO_AUGUST),
        ("2024年3月至8月", MARCH_TO_AUGUST),
        ("2024年3月到2024年8月", MARCH_TO_AUGUST),
        ("2024/03～2024/08", MARCH_TO_AUGUST),
        ("２０２４－０３至２０２４－０８", MARCH_TO_AUGUST),
        ("202403-202408", MARCH_TO_AUGUST),
        ("2024-11至2025-02", ["2024-11", "2024-12", "2025-01", "2025-02"]),
        ("2024-01至2024-02、2024-06", ["2024-01", "2024-02", "2024-06"]),
        ("2024-03-05", ["2024-03"]),  # a date: its month
        ("2024年3月5日", ["2024-03"]),
        (date(2024, 3, 5), ["2024-03"]),
        (datetime(2024, 3, 5, 8, 0), ["2024-03"]),
        (45356, ["2024-03"]),  # a date's serial number
        (202403, ["2024-03"]),
        (2024.03, ["2024-03"]),  # "2024.03" typed into a number cell
        (2024.12, ["2024-12"]),
    ],
)
def test_months_read_as_offices_write_them(value: object, months: list[str]) -> None:
    assert cell_months(MONTHS, value) == months


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-08至2024-03", "has a range that ends before it starts"),
        ("2024年11月至2月", "has a range that ends before it starts"),
        ("2024-13", "names a month that does not exist"),
        ("2024-00", "names a month that does not exist"),
        ("2024年3月至13月", "names a month that does not exist"),
        ("3月、4月", "must list months"),  # which year?
        ("2024", "must list months"),
        ("三月", "must list months"),
        ("2024-03 和 2024-04", "must list months"),
        ("2014-01至2024-12", f"must list at most {MAX_MONTHS} months"),
        ("2000-01至2099-12", f"must list at most {MAX_MONTHS} months"),
        (2024.1, "is stored as a number, so October and January look alike"),
        (-1, "must list months"),
        (True, "must list months"),
    ],
)
def test_months_that_cannot_be_read_are_refused(value: object, reason: str) -> None:
    with pytest.raises(CellRefused) as raised:
        cell_months(MONTHS, value)
    assert raised.value.column is MONTHS
    assert raised.value.reason_en.startswith(reason)
    assert raised.value.reason_zh


def test_ten_years_of_separate_months_are_too_many_once_counted() -> None:
    listed = ", ".join(f"{2010 + i // 12}-{i % 12 + 1:02d}" for i in range(MAX_MONTHS + 1))
    with pytest.raises(CellRefused):
        cell_months(MONTHS, listed)
    assert len(cell_months(MONTHS, listed.rsplit(", ", 1)[0]) or []) == MAX_MONTHS


def test_a_blank_cell_lists_no_months() -> None:
    assert cell_months(MONTHS, "  ") is None


def _index(month: tuple[int, int]) -> int:
    return month[0] * 12 + month[1] - 1


MONTH = st.tuples(st.integers(1990, 2090), st.integers(1, 12))
SEPARATORS = st.sampled_from([", ", "，", "、", ";", "；", " ", "\n"])
FORMS = st.sampled_from(["{y}-{m:02d}", "{y}/{m}", "{y}.{m:02d}", "{y}年{m}月", "{y}{m:02d}"])
RANGE_WORDS = st.sampled_from(["至", "到", "-", "—", "~", " 至 "])


@given(
    st.lists(st.tuples(MONTH, st.integers(0, 11)), min_size=1, max_size=5),
    SEPARATORS,
    FORMS,
    RANGE_WORDS,
)
def test_any_list_of_ranges_reads_as_its_months(
    ranges: list[tuple[tuple[int, int], int]], separator: str, form: str, word: str
) -> None:
    expected: set[int] = set()
    written = []
    for (year, month), length in ranges:
        first = _index((year, month))
        last = first + length
        expected.update(range(first, last + 1))
        start = form.format(y=year, m=month)
        end = form.format(y=last // 12, m=last % 12 + 1)
        written.append(start if length == 0 else f"{start}{word}{end}")
    months = cell_months(MONTHS, separator.join(written))
    assert months == [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in sorted(expected)]
