"""Administrative division codes (行政区划代码): the partner regions and what is refused."""

from __future__ import annotations

import pytest

from domain.divisions import division_name, is_known_division, parse_division
from domain.exceptions import InvalidValue


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("500237", "重庆市巫山县"),  # the sending county
        ("370600", "山东省烟台市"),  # the partner city
        ("370613", "山东省烟台市莱山区"),  # a district of Yantai
        ("110101", "北京市东城区"),  # the county name already starts with the province
    ],
)
def test_a_known_code_is_named_with_its_province(code: str, name: str) -> None:
    assert division_name(code) == name
    assert is_known_division(code)


def test_a_renamed_county_is_named_by_its_latest_name() -> None:
    # 130502 was 邢台市桥东区 until 2019 and has been 襄都区 since 2020.
    assert division_name("130502") == "河北省邢台市襄都区"


def test_a_code_abolished_long_ago_is_still_known() -> None:
    # 110103 (崇文区) merged into 东城区 in 2010; people kept their ID numbers.
    assert division_name("110103") == "北京市崇文区"


@pytest.mark.parametrize(
    "code",
    ["000000", "999999", "500299", "50023", "5002370", "", "50023X"],
)
def test_division_name_is_none_for_anything_but_a_known_six_digit_code(code: str) -> None:
    assert division_name(code) is None
    assert not is_known_division(code)


@pytest.mark.parametrize(
    "raw",
    ["500237", " 500237 ", "５００２３７", "\u3000５００２３７\u3000", "500-237", "500 237"],
)
def test_parse_division_normalises_what_input_methods_type(raw: str) -> None:
    assert parse_division(raw, "hukou_division") == "500237"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("50023", "six-digit"),
        ("5002370", "six-digit"),
        ("50023A", "six-digit"),
        ("巫山县", "six-digit"),
        ("", "six-digit"),
        ("000000", "not a known"),
        ("999999", "not a known"),
        ("500299", "not a known"),
    ],
)
def test_parse_division_refuses_with_the_field_it_was_given(raw: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_division(raw, "job_intention.destination")

    assert caught.value.field == "job_intention.destination"
    assert reason in caught.value.message


@pytest.mark.parametrize("first_digit", [0x0660, 0x0966], ids=["arabic-indic", "devanagari"])
def test_parse_division_never_returns_digits_of_other_scripts(first_digit: int) -> None:
    raw = "".join(chr(first_digit + int(ch)) for ch in "500237")

    try:
        code = parse_division(raw, "hukou_division")
    except InvalidValue as error:
        assert error.field == "hukou_division"
    else:
        assert code == "500237"
