"""Reading cells as spreadsheets really hold them: text, ID numbers, dates, money."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.datetime import from_excel

from application.ledger_cells import (
    SERIAL_MAX,
    CellRefused,
    cell_date,
    cell_id_number,
    cell_money,
    cell_text,
    is_blank,
)
from application.ledger_columns import Column
from domain.exceptions import InvalidValue

CJK = re.compile(r"[\u4e00-\u9fff]")
FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789-"}
DAY = Column.DEPARTED_ON
WAGE = Column.MONTHLY_WAGE


def refusal(call: object) -> CellRefused:
    """The CellRefused a cell reading raises, checked for what every refusal owes its reader."""
    assert callable(call)
    with pytest.raises(CellRefused) as raised:
        call()
    error = raised.value
    assert isinstance(error, InvalidValue)
    assert error.field == error.column.value
    assert error.message == error.reason_en
    assert CJK.search(error.reason_zh)
    return error


# -- text


@pytest.mark.parametrize("value", [None, "", "   ", "\u3000", "\u200b", "\ufeff \n"])
def test_nothing_or_only_spaces_is_blank(value: object) -> None:
    assert is_blank(value)
    assert cell_text(Column.NOTE, value) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("  巫峡镇 ", "巫峡镇"),
        ("张\u200b三", "张三"),  # a zero-width space pasted with the name
        ("烟台　某某\n电子  有限公司", "烟台 某某 电子 有限公司"),
        ("ＡＢＣ（１２３），", "ABC(123),"),  # full-width letters, digits, brackets, comma
        (42, "42"),
        (5000.0, "5000"),
        (5000.5, "5000.5"),
        (datetime(2024, 3, 5), "2024-03-05"),
        (date(2024, 3, 5), "2024-03-05"),
    ],
)
def test_text_is_folded_trimmed_and_collapsed(value: object, text: str) -> None:
    assert cell_text(Column.EMPLOYER_NAME, value) == text


@pytest.mark.parametrize(
    "value",
    [13812345678, 13812345678.0, "13812345678.0", "１３８１２３４５６７８", "'13812345678",
     '="13812345678"'],
)  # fmt: skip
def test_a_number_meant_as_digits_reads_as_its_digits(value: object) -> None:
    assert cell_text(Column.MOBILE, value) == "13812345678"


@given(st.text())
def test_reading_text_twice_changes_nothing(raw: str) -> None:
    once = cell_text(Column.NOTE, raw)
    assert once is None or cell_text(Column.NOTE, once) == once
    assert once is None or once == once.strip()
    assert once is None or "  " not in once


# -- ID numbers


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("50023719900101123x", "50023719900101123X"),
        (" ５００２３７１９９００１０１１２３ｘ ", "50023719900101123X"),
        (500237199001011234, "500237199001011234"),  # an int keeps every digit
        ("'500237199001011234", "500237199001011234"),
        (None, None),
    ],
)
def test_an_id_number_reads_as_text_with_a_capital_x(value: object, number: str | None) -> None:
    assert cell_id_number(value) == number


@pytest.mark.parametrize(
    "value", [5.00237199001011e17, 500237199001011234.0, "5.00237E+17", "5.00237e17"]
)
def test_an_id_number_stored_as_a_number_has_lost_digits_and_is_refused(value: object) -> None:
    error = refusal(lambda: cell_id_number(value))
    assert error.column is Column.ID_NUMBER
    assert "format the column as text" in error.reason_en
    assert "5002" not in error.reason_en + error.reason_zh  # never the value itself


# -- dates


@pytest.mark.parametrize(
    "value",
    [
        date(2024, 3, 5),
        datetime(2024, 3, 5, 14, 30),
        45356,
        45356.0,
        45356.75,  # the serial of a date and time of day
        20240305,
        "45356",
        "2024-03-05",
        "2024-3-5",
        "2024/03/05",
        "2024/3/5",
        "2024.3.5",
        "2024年3月5日",
        "2024年3月5号",
        "2024 年 3 月 5 日",
        "20240305",
        "2024-03-05 00:00:00",
        "2024/3/5 8:15",
        "2024-03-05T00:00:00",
        "２０２４－０３－０５",
        " 2024-03-05\u200b ",
    ],
)
def test_a_date_reads_in_the_forms_ledgers_hold(value: object) -> None:
    assert cell_date(DAY, value) == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("serial", "day"),
    [(1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1))],
)
def test_excel_serials_around_its_false_leap_day(serial: int, day: date) -> None:
    assert cell_date(DAY, serial) == day


def test_excel_day_60_does_not_exist() -> None:
    assert "29 February 1900" in refusal(lambda: cell_date(DAY, 60)).reason_en


@given(st.integers(min_value=61, max_value=SERIAL_MAX))
def test_a_serial_reads_as_excel_reads_it(serial: int) -> None:
    assert cell_date(DAY, serial) == from_excel(serial).date()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_written_form_of_a_day_reads_as_that_day(day: date) -> None:
    y, m, d = day.year, day.month, day.day
    forms = [
        day.isoformat(),
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}{m:02d}{d:02d}",
        day.isoformat().translate(FULL_WIDTH),
        datetime.combine(day, time(9, 30)),
    ]
    assert all(cell_date(DAY, form) == day for form in forms)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-02-30", "is not a calendar date"),
        ("2023年2月29日", "is not a calendar date"),
        ("20241305", "is not a calendar date"),
        ("0024-03-05", "must be a date between 1900 and 2100"),
        ("3/5/2024", "must be a date such as"),  # month or day first? not guessed
        ("24/3/5", "must be a date such as"),
        ("2024年3月", "must be a date such as"),
        ("下周一", "must be a date such as"),
        (0, "is a number that is not a date"),
        (-5, "is a number that is not a date"),
        (123456, "is a number that is not a date"),
        (float("nan"), "must be a date such as"),
        (True, "must be a date such as"),
        (time(8, 30), "is a time of day, not a date"),
        (timedelta(hours=3), "is a time of day, not a date"),
    ],
)
def test_what_is_no_date_is_refused(value: object, reason: str) -> None:
    error = refusal(lambda: cell_date(Column.ARRIVED_ON, value))
    assert error.column is Column.ARRIVED_ON
    assert error.reason_en.startswith(reason)


# -- money


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (5000, "5000.00"),
        (5000.5, "5000.50"),
        (1234.5600000000002, "1234.56"),  # a formula's binary noise
        (Decimal("4800.1"), "4800.10"),
        ("5000", "5000.00"),
        ("5,000", "5000.00"),
        ("5000元", "5000.00"),
        ("￥5,000.00", "5000.00"),
        ("¥ 5 000", "5000.00"),
        ("5000元/月", "5000.00"),
        ("RMB 12,345.6", "12345.60"),
        ("５０００", "5000.00"),
        ("0", "0.00"),
        ("-0", "0.00"),
    ],
)
def test_an_amount_reads_in_yuan_to_the_fen(value: object, amount: str) -> None:
    read = cell_money(WAGE, value)
    assert read == Decimal(amount)
    assert str(read) == amount


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (-5000, "must not be negative"),
        ("-5000", "must not be negative"),
        ("(5000)", "must not be negative"),
        ("5000.123", "must have at most two decimals"),
        (5000.125, "must have at most two decimals"),
        ("5千", "must be an amount"),
        ("5000-6000", "must be an amount"),
        ("5,00", "must be an amount"),
        ("面议", "must be an amount"),
        (True, "must be an amount"),
        (float("inf"), "must be an amount"),
        (1e30, "must be an amount"),
        ("9" * 40, "must be an amount"),
        (datetime(2024, 3, 5), "must be an amount"),
    ],
)
def test_what_is_no_amount_is_refused(value: object, reason: str) -> None:
    assert refusal(lambda: cell_money(WAGE, value)).reason_en.startswith(reason)


@given(st.decimals(min_value=0, max_value=10**8, places=2))
def test_an_amount_reads_back_however_it_is_written(amount: Decimal) -> None:
    written = [str(amount), f"{amount:,}", f"{amount}元", f"￥{amount:,}", float(amount)]
    assert all(cell_money(WAGE, form) == amount for form in written)


def test_a_blank_amount_is_none() -> None:
    assert cell_money(WAGE, " ") is None
