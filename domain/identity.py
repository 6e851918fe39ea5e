"""The resident ID number (公民身份号码, GB 11643) as a value object."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric

from domain.divisions import is_known_division
from domain.exceptions import InvalidValue
from domain.text import compact

FIELD = "id_number"
# ASCII only: str.isdigit() and \d also accept Devanagari or Arabic-Indic digits.
_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class ResidentIdNumber:
    """An 18-character ID number, normalised: ASCII digits, upper-case `X`.

    `str()` and `repr()` show the masked form so the number cannot leak into
    logs or error messages by accident; `.value` is the full number.
    """

    value: str

    @classmethod
    def parse(cls, raw: str, *, today: date) -> ResidentIdNumber:
        """Validate length, format, ISO 7064 MOD 11-2 check character,
        birth date (real, not before 1900, not after `today`) and region code.

        `stdnum.cn.ric.validate` also requires the region code to have existed
        in the birth year; that refuses people born before their county got
        its present code (every Wushan resident born before 1997, when
        Chongqing became a municipality). We check the code against all
        current and historical codes instead.
        """
        number = compact(raw).upper()
        if len(number) != 18:
            raise InvalidValue(FIELD, "must be 18 characters")
        if not _FORMAT.fullmatch(number):
            raise InvalidValue(FIELD, "must be 17 digits followed by a digit or X")
        if ric.calc_check_digit(number) != number[17]:
            raise InvalidValue(FIELD, "check character does not match (GB 11643)")
        try:
            born = ric.get_birth_date(number)
        except stdnum_errors.ValidationError:
            raise InvalidValue(FIELD, "birth date part is not a real date") from None
        if born < EARLIEST_BIRTH_DATE or born > today:
            raise InvalidValue(FIELD, "birth date part is not plausible")
        if not is_known_division(number[:6]):
            raise InvalidValue(FIELD, "region code is not a known division code")
        return cls(number)

    @property
    def birth_date(self) -> date:
        return ric.get_birth_date(self.value)

    @property
    def sex(self) -> Sex:
        # The sequence code's last digit: odd for men, even for women.
        return Sex.MALE if int(self.value[16]) % 2 else Sex.FEMALE

    @property
    def region_code(self) -> str:
        return self.value[:6]

    @property
    def masked(self) -> str:
        return mask_id_number(self.value)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"ResidentIdNumber({self.masked!r})"


def mask_id_number(number: str) -> str:
    """Keep the first 6 and last 4 characters: 500237********123X."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
