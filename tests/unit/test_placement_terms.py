"""The terms of a job spell: employer codes (USCC), months and runs of months."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import uscc

from domain.exceptions import InvalidValue
from domain.placement_terms import longest_run, month_of, parse_employer_code, parse_month

EMPLOYER_CODE = "91370602MA3CXY12K" + uscc.calc_check_digit("91370602MA3CXY12K")


def test_the_unified_social_credit_code_checksum_is_verified() -> None:
    assert parse_employer_code(EMPLOYER_CODE) == EMPLOYER_CODE
    assert parse_employer_code("91110000600037341L") == "91110000600037341L"
    with pytest.raises(InvalidValue):
        parse_employer_code("91110000600037341M")


@pytest.mark.parametrize("raw", ["2026-5", "2026/05", "202605", "2026-13", "2026-00", "26-05"])
def test_months_must_be_written_yyyy_mm(raw: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_month(raw)
    assert refused.value.field == "month"


def test_a_full_width_month_is_folded() -> None:
    assert parse_month(" ２０２６－０５ ") == "2026-05"


@pytest.mark.parametrize(
    ("months", "run"),
    [
        ([], 0),
        (["2026-05"], 1),
        (["2025-12", "2026-01"], 2),
        (["2026-01", "2026-03"], 1),
        (["2025-01", "2026-01"], 1),  # same month, another year
        (["2026-01", "2026-02", "2026-03", "2026-05"], 3),  # the longest run comes first
    ],
)
def test_longest_run_counts_consecutive_calendar_months(months: list[str], run: int) -> None:
    assert longest_run(months) == run


def test_full_width_and_lowercase_employer_codes_are_normalised() -> None:
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in EMPLOYER_CODE.lower())
    assert parse_employer_code(f"\u3000{wide} ") == EMPLOYER_CODE
    assert parse_employer_code(EMPLOYER_CODE[:8] + "-" + EMPLOYER_CODE[8:]) == EMPLOYER_CODE


@pytest.mark.parametrize(
    "raw", ["", EMPLOYER_CODE[:-1], EMPLOYER_CODE + "0", "A" + EMPLOYER_CODE[1:], "٩" * 18]
)
def test_malformed_employer_codes_are_refused_naming_the_field(raw: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_employer_code(raw)
    assert refused.value.field == "employer_code"


def test_the_month_of_a_day_is_zero_padded() -> None:
    assert month_of(date(2026, 3, 18)) == "2026-03"
    assert month_of(date(2026, 12, 1)) == "2026-12"
