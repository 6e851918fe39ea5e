"""Contact details: the mainland mobile number."""

from __future__ import annotations

import re

from domain.exceptions import InvalidValue
from domain.text import compact

_MOBILE = re.compile(r"1[3-9][0-9]{9}")  # ASCII: \d would take any script's digits


def parse_mobile(raw: str, field: str = "mobile") -> str:
    """An 11-digit mainland mobile number starting 13–19.

    Accepts full-width digits, spaces and hyphens between groups and a +86 or
    0086 prefix, as people copy numbers from their phones.
    """
    number = compact(raw)
    for prefix in ("+86", "0086"):
        if number.startswith(prefix):
            number = number[len(prefix) :]
    if not _MOBILE.fullmatch(number):
        raise InvalidValue(field, "must be an 11-digit mainland mobile number starting with 1")
    return number


def mask_mobile(number: str) -> str:
    """Keep the first 3 and last 4 digits: 138****8000."""
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_name(name: str) -> str:
    """Keep the first character: 冉** (a family name identifies no one alone)."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name
