"""Mobile numbers, masking of personal data, and money exact to the fen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.contact import mask_mobile, mask_name, parse_mobile
from domain.exceptions import InvalidValue
from domain.money import parse_amount


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 138 0013 8000",
        "008613800138000",
        "１３８００１３８０００",
        "＋８６ １３８－００１３－８０００",
        "\u300013800138000\u3000",
    ],
)
def test_a_mobile_number_is_normalised_to_eleven_ascii_digits(raw: str) -> None:
    assert parse_mobile(raw) == "13800138000"


@pytest.mark.parametrize("second_digit", "3456789")
def test_every_mainland_mobile_prefix_from_13_to_19_is_accepted(second_digit: str) -> None:
    number = f"1{second_digit}800138000"

    assert parse_mobile(number) == number


@pytest.mark.parametrize(
    "raw",
    [
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "23800138000",  # leading 2
        "12800138000",  # 12x is not a mobile prefix
        "1380013800O",  # letter O for zero
        "138OO138OOO",
        "+85213800138000",  # Hong Kong prefix
        "86 138 0013 8000",  # country code without + or 00
        "",
        "   ",
    ],
)
def test_a_number_that_is_not_a_mainland_mobile_is_refused(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_mobile(raw)

    assert caught.value.field == "mobile"
    assert not raw.strip() or raw not in str(caught.value)


def test_the_refusal_names_the_field_it_was_given() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_mobile("123", field="emergency_contact")

    assert caught.value.field == "emergency_contact"


@pytest.mark.parametrize(
    ("first_digit", "script"),
    [(0x0660, "arabic-indic"), (0x0966, "devanagari")],
    ids=["arabic-indic", "devanagari"],
)
def test_digits_of_other_scripts_are_refused_or_folded_to_ascii(
    first_digit: int, script: str
) -> None:
    # NFKC leaves these digits alone, but the regex's \d matches any Unicode digit.
    raw = "138" + "".join(chr(first_digit + int(ch)) for ch in "00138000")

    try:
        number = parse_mobile(raw)
    except InvalidValue as error:
        assert error.field == "mobile"
    else:
        assert number == "13800138000", f"{script} digits were stored as given"


@pytest.mark.parametrize(
    ("number", "masked"),
    [("13800138000", "138****8000"), ("12345678", "123*5678"), ("1234567", "*******"), ("", "")],
)
def test_a_mobile_number_is_masked_to_its_first_three_and_last_four_digits(
    number: str, masked: str
) -> None:
    assert mask_mobile(number) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [("冉光明", "冉**"), ("欧阳娜娜", "欧***"), ("冉", "冉*"), ("", "")],
)
def test_a_name_is_masked_to_its_first_character(name: str, masked: str) -> None:
    assert mask_name(name) == masked


# -- money --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (Decimal("1500"), "1500.00"),
        (Decimal("1500.5"), "1500.50"),
        (Decimal("0.01"), "0.01"),
        ("1500", "1500.00"),
        (" 999.99 ", "999.99"),
        ("1.100", "1.10"),
        ("0", "0.00"),
        (1500, "1500.00"),
        (0, "0.00"),
        ("100000000.00", "100000000.00"),
    ],
)
def test_an_amount_is_quantised_to_two_decimals(raw: Decimal | str | int, expected: str) -> None:
    amount = parse_amount(raw, "amount")

    assert isinstance(amount, Decimal)
    assert str(amount) == expected


REFUSED_AMOUNTS = {
    "float": 1500.0,
    "float with fen": 0.1,
    "bool": True,
    "negative string": "-1",
    "negative decimal": Decimal("-0.01"),
    "negative int": -5,
    "three decimals": "1.234",
    "three decimal Decimal": Decimal("0.005"),
    "letters": "abc",
    "empty": "",
    "comma as thousands separator": "1,500",
    "currency sign": "¥1500",
    "NaN": "NaN",
    "signalling NaN": "sNaN",
    "Infinity": "Infinity",
    "negative Infinity": "-Infinity",
    "Decimal NaN": Decimal("NaN"),
    "a fen over the ceiling": "100000000.01",
}


@pytest.mark.parametrize("raw", REFUSED_AMOUNTS.values(), ids=REFUSED_AMOUNTS.keys())
def test_an_amount_that_is_not_exact_non_negative_money_is_refused(raw: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_amount(raw, "amount_claimed")  # type: ignore[arg-type]

    assert caught.value.field == "amount_claimed"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (0.1, "float"),
        ("-1", "negative"),
        ("1.234", "two decimals"),
        ("abc", "decimal amount"),
        ("Infinity", "finite"),
        ("100000000.01", "implausibly large"),
    ],
)
def test_the_refusal_says_which_rule_was_broken(raw: object, reason: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_amount(raw, "amount")  # type: ignore[arg-type]

    assert reason in caught.value.message


@pytest.mark.parametrize(
    "raw",
    ["1E+30", "1000000000000000000000000000000", 10**30, Decimal("1E+100")],
    ids=["exponent string", "thirty-one digits", "huge int", "huge Decimal"],
)
def test_an_amount_too_large_to_quantise_is_refused_as_an_invalid_value(raw: object) -> None:
    # Quantising to the fen needs more than the context's 28 digits of precision.
    with pytest.raises(InvalidValue) as caught:
        parse_amount(raw, "amount")  # type: ignore[arg-type]

    assert caught.value.field == "amount"


def test_negative_zero_never_comes_back_with_a_minus_sign() -> None:
    try:
        amount = parse_amount("-0.00", "amount")
    except InvalidValue as error:
        assert error.field == "amount"
    else:
        assert str(amount) == "0.00"
