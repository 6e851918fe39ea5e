"""Rows and problems of a ledger: what a report may show of a cell."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from application.ledger_columns import Column
from application.ledger_rows import (
    SHOWN_MAX_LENGTH,
    LedgerReading,
    LedgerRow,
    RowProblem,
    cell_problem,
    masked,
    shown,
)


@pytest.mark.parametrize(
    ("column", "value", "shown_as"),
    [
        (Column.NAME, "张三", "张*"),
        (Column.NAME, "张三丰", "张**"),
        (Column.NAME, "欧阳娜娜", "欧阳**"),
        (Column.NAME, "欧阳", "欧*"),  # two characters: a given name, not a family name
        (Column.NAME, "  张 三 ", "张**"),
        (Column.ID_NUMBER, "50023719900101123X", "500237********123X"),
        (Column.ID_NUMBER, 5.00237199001011e17, "5.0023*E+17"),  # as Excel shows it, masked
        (Column.MOBILE, "13812345678", "138****5678"),
        (Column.MOBILE, 13812345678.0, "138****5678"),
        (Column.TOWNSHIP, "巫峡镇", "巫峡镇"),
        (Column.DEPARTED_ON, datetime(2024, 3, 5), "2024-03-05"),
        (Column.DEPARTED_ON, datetime(2024, 3, 5, 8, 30), "2024-03-05 08:30:00"),
        (Column.DEPARTED_ON, date(2024, 3, 5), "2024-03-05"),
        (Column.MONTHLY_WAGE, 5000.5, "5000.5"),
        (Column.MONTHLY_WAGE, True, "TRUE"),
        (None, None, ""),
    ],
)
def test_a_report_shows_personal_values_masked(
    column: Column | None, value: object, shown_as: str
) -> None:
    assert masked(column, value) == shown_as


def test_a_long_value_is_shortened() -> None:
    text = masked(Column.NOTE, "备注" * 100)
    assert len(text) == SHOWN_MAX_LENGTH
    assert text.endswith("…")


def test_a_cell_problem_carries_the_masked_value() -> None:
    row = LedgerRow("台账", 7, {Column.ID_NUMBER: "50023719900101123X"})
    problem = cell_problem(row, Column.ID_NUMBER, "校验码不符", "check character does not match")
    assert problem == RowProblem(
        "台账", 7, Column.ID_NUMBER, "500237********123X", "校验码不符",
        "check character does not match",
    )  # fmt: skip
    assert cell_problem(row, Column.MOBILE, "不能为空", "must not be empty").value == ""


def test_a_reading_fills_in_as_its_rows_are_read() -> None:
    def rows(reading: LedgerReading) -> Iterator[LedgerRow]:
        reading.skipped_sheets.append("说明")
        yield LedgerRow("台账", 3, {Column.NAME: "张三"})
        reading.skipped_sheets.append("附表")

    reading = LedgerReading(rows)
    assert reading.skipped_sheets == []  # nothing read yet
    assert next(reading).row == 3
    assert reading.skipped_sheets == ["说明"]
    assert list(reading) == []
    assert reading.skipped_sheets == ["说明", "附表"]


def test_shown_text_collapses_spaces() -> None:
    assert shown(" 烟台\n某某  公司 ") == "烟台 某某 公司"
