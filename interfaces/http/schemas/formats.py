"""Codes and amounts as the API accepts them, each with the pattern that says so.

The pattern is both what the OpenAPI states and what the edge enforces, so a
value outside it is refused here (422 naming the field) and a value inside it
reaches the domain. The domain checks the rest, which no pattern can say: an
ID number's check character and birth date, whether a division code exists.

Codes are typed on Chinese input methods: full-width digits (０-９), spaces
(also the ideographic one) and hyphens between groups are accepted, as the
domain folds them (`domain.text.compact`). Amounts are decimal strings (or
whole numbers): a JSON number with a fraction is a binary float, and money
must add up exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from domain.money import MAX_AMOUNT
from domain.training import MAX_TRAINING_HOURS

_DIGIT = "[0-9０-９]"
_GAP = "[ \\t\u3000\\-－]*"  # what `compact` drops between characters


def _digits(count: int) -> str:
    return f"(?:{_DIGIT}{_GAP}){{{count}}}"


DIVISION_PATTERN = f"^{_GAP}{_digits(6)}$"
ID_NUMBER_PATTERN = f"^{_GAP}{_digits(17)}[0-9０-９XxＸｘ]{_GAP}$"
_COUNTRY = f"(?:[+＋]{_GAP}[8８]{_GAP}[6６]|[0０]{_GAP}[0０]{_GAP}[8８]{_GAP}[6６]){_GAP}"
MOBILE_PATTERN = f"^{_GAP}(?:{_COUNTRY})?[1１]{_GAP}[3-9３-９]{_GAP}{_digits(9)}$"
# Up to MAX_AMOUNT (100,000,000.00), at most two decimals, no sign or exponent.
AMOUNT_PATTERN = r"^(?:(?:0|[1-9][0-9]{0,7})(?:\.[0-9]{1,2})?|100000000(?:\.00?)?)$"
# More than 0, at most MAX_TRAINING_HOURS (2,000), at most one decimal.
HOURS_PATTERN = r"^(?:(?:[1-9][0-9]{0,2}|1[0-9]{3})(?:\.[0-9])?|0\.[1-9]|2000(?:\.0)?)$"


def _matching(pattern: str, shape: str) -> Any:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        # `match`, as JSON Schema validators read a pattern (`$` before a final newline).
        if not compiled.match(value):
            raise PydanticCustomError("pattern", shape)
        return value

    return AfterValidator(check)


def _code(pattern: str, shape: str, description: str) -> Any:
    return Annotated[
        str,
        _matching(pattern, shape),
        Field(description=f"{description} ({shape})", json_schema_extra={"pattern": pattern}),
    ]


DivisionCode = _code(
    DIVISION_PATTERN,
    "six digits; full-width digits, spaces and hyphens are accepted",
    "Administrative division code (GB/T 2260), current or historical",
)
IdNumber = _code(
    ID_NUMBER_PATTERN,
    "17 digits then a digit or X; full-width input, spaces and hyphens are accepted",
    "Resident ID number (GB 11643) with a valid check character and birth date",
)
Mobile = _code(
    MOBILE_PATTERN,
    "11 digits starting 13-19, optionally after +86 or 0086; full-width input,"
    " spaces and hyphens are accepted",
    "Mainland mobile number",
)


def _decimal(pattern: str, shape: str, maximum: Decimal, minimum: int) -> Any:
    compiled = re.compile(pattern)

    def parse(raw: object) -> object:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # JSON Schema calls 80.0 an integer
        if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
            raise PydanticCustomError("decimal_text", shape)
        if isinstance(raw, str) and not compiled.match(raw):
            raise PydanticCustomError("decimal_text", shape)
        return raw

    return Annotated[
        Decimal,
        BeforeValidator(parse),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": pattern},
                    {"type": "integer", "minimum": minimum, "maximum": int(maximum)},
                ]
            }
        ),
    ]


Amount = _decimal(
    AMOUNT_PATTERN,
    "must be CNY as a decimal string with at most two decimals, e.g. 1500.00"
    f" (or a whole number), at most {MAX_AMOUNT}",
    MAX_AMOUNT,
    0,
)
Hours = _decimal(
    HOURS_PATTERN,
    "must be hours as a decimal string with at most one decimal, e.g. 80 or 12.5"
    f" (or a whole number), more than 0 and at most {MAX_TRAINING_HOURS}",
    Decimal(MAX_TRAINING_HOURS),
    1,
)
