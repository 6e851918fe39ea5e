"""The resident ID number (公民身份号码): what is accepted, normalised and refused."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from domain.exceptions import InvalidValue
from domain.identity import ResidentIdNumber, Sex

TODAY = date(2026, 11, 26)


def with_check_char(body: str) -> str:
    """The 17-digit body followed by its GB 11643 check character."""
    return body + ric.calc_check_digit(body + "0")


# A Wushan man born 1 January 1985, whose check character is X.
WITH_X = "50023719850101125X"
# A Wushan woman born 30 June 1992 (17th digit 4 is even).
WOMAN = with_check_char("50023719920630084")


def full_width(text: str) -> str:
    """What a Chinese input method in full-width mode types: ５００２３７…, Ｘ."""
    return "".join(chr(ord(ch) + 0xFEE0) for ch in text)


def refusal(raw: str) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        ResidentIdNumber.parse(raw, today=TODAY)
    return caught.value


def test_a_valid_number_is_kept_as_given() -> None:
    number = with_check_char("37061319900215003")

    assert ResidentIdNumber.parse(number, today=TODAY).value == number


def test_the_example_body_really_has_x_as_its_check_character() -> None:
    assert ric.calc_check_digit(WITH_X) == "X"


@pytest.mark.parametrize(
    "raw",
    [
        WITH_X,
        WITH_X.lower(),
        full_width(WITH_X),
        full_width(WITH_X.lower()),
        f"  {WITH_X}  ",
        f"\u3000{full_width(WITH_X)}\u3000",
        f"\t{WITH_X.lower()}\n",
    ],
    ids=["ascii", "lowercase-x", "full-width", "full-width-x", "spaces", "ideographic", "tab"],
)
def test_input_method_variants_are_normalised_to_ascii_digits_and_upper_case_x(raw: str) -> None:
    assert ResidentIdNumber.parse(raw, today=TODAY).value == WITH_X


def test_wushan_number_of_a_person_born_before_1997_is_accepted() -> None:
    # Code 500237 exists only since Chongqing became a municipality in 1997.
    number = with_check_char("50023719850312123")
    assert not ric.is_valid(number), "stdnum's own region check refuses this number"

    parsed = ResidentIdNumber.parse(number, today=TODAY)

    assert parsed.value == number
    assert parsed.birth_date == date(1985, 3, 12)


def test_a_code_abolished_since_the_number_was_issued_is_accepted() -> None:
    # 110103 was Beijing's 崇文区 until it merged into 东城区 in 2010.
    number = with_check_char("11010319700101001")

    assert ResidentIdNumber.parse(number, today=TODAY).region_code == "110103"


def test_birth_date_and_sex_are_derived_from_the_number() -> None:
    man = ResidentIdNumber.parse(WITH_X, today=TODAY)
    woman = ResidentIdNumber.parse(WOMAN, today=TODAY)

    assert (man.birth_date, man.sex) == (date(1985, 1, 1), Sex.MALE)
    assert (woman.birth_date, woman.sex) == (date(1992, 6, 30), Sex.FEMALE)


def test_str_and_repr_show_only_the_first_six_and_last_four_characters() -> None:
    parsed = ResidentIdNumber.parse(WITH_X, today=TODAY)

    assert str(parsed) == "500237********125X"
    assert repr(parsed) == "ResidentIdNumber('500237********125X')"
    assert f"{parsed}" == "500237********125X"
    assert "19850101" not in repr(parsed)


def test_a_person_born_today_has_a_plausible_birth_date() -> None:
    number = with_check_char(f"500237{TODAY:%Y%m%d}001")

    assert ResidentIdNumber.parse(number, today=TODAY).birth_date == TODAY


def test_a_person_born_on_the_first_day_of_1900_is_accepted() -> None:
    number = with_check_char("11010119000101001")

    assert ResidentIdNumber.parse(number, today=TODAY).birth_date == date(1900, 1, 1)


VALID = with_check_char("50023719850312123")
WRONG_CHECK = VALID[:17] + ("0" if VALID[17] != "0" else "1")

REFUSED = {
    "17 characters": VALID[:17],
    "19 characters": VALID + "1",
    "empty": "",
    "letter in the body": VALID[:10] + "A" + VALID[11:],
    "X in the body": "X" + VALID[1:],
    "letter as check character": VALID[:17] + "Y",
    "wrong check character": WRONG_CHECK,
    "30 February": with_check_char("50023719850230123"),
    "month 13": with_check_char("50023719851301123"),
    "day 00": with_check_char("50023719850100123"),
    "born tomorrow": with_check_char("50023720261127123"),
    "born next year": with_check_char("50023720270101123"),
    "born in 1899": with_check_char("50023718991231123"),
    "year 0000": with_check_char("50023700000101123"),
    "region 000000": with_check_char("00000019850312123"),
    "region 999999": with_check_char("99999919850312123"),
    "province without that county": with_check_char("50029919850312123"),
    "hyphen only": "-" * 18,
}


@pytest.mark.parametrize("raw", REFUSED.values(), ids=REFUSED.keys())
def test_an_invalid_number_is_refused_on_the_id_number_field(raw: str) -> None:
    assert refusal(raw).field == "id_number"


@pytest.mark.parametrize("raw", REFUSED.values(), ids=REFUSED.keys())
def test_the_refusal_never_repeats_the_number(raw: str) -> None:
    error = refusal(raw)

    for text in (str(error), error.message, repr(error)):
        assert not raw or raw[:14] not in text
        assert "19850312" not in text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (VALID[:17], "18 characters"),
        (WRONG_CHECK, "check character"),
        (with_check_char("50023719850230123"), "not a real date"),
        (with_check_char("50023720261127123"), "not plausible"),
        (with_check_char("99999919850312123"), "region code"),
    ],
)
def test_the_refusal_says_which_rule_was_broken(raw: str, reason: str) -> None:
    assert reason in refusal(raw).message


@pytest.mark.parametrize(
    ("first_digit", "script"),
    [(0x0660, "arabic-indic"), (0x0966, "devanagari"), (0x09E6, "bengali")],
    ids=["arabic-indic", "devanagari", "bengali"],
)
def test_digits_of_other_scripts_are_refused_or_folded_to_ascii(
    first_digit: int, script: str
) -> None:
    # NFKC leaves these digits alone, yet str.isdigit() and int() accept them.
    body = "".join(chr(first_digit + int(ch)) for ch in VALID[6:17])
    raw = VALID[:6] + body + VALID[17]

    try:
        parsed = ResidentIdNumber.parse(raw, today=TODAY)
    except InvalidValue as error:
        assert error.field == "id_number"
    else:
        assert parsed.value == VALID, f"{script} digits were stored as given"
        assert parsed.value.isascii()
