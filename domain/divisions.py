"""Administrative division codes (GB/T 2260, 行政区划代码).

The table is the one `python-stdnum` ships for resident ID numbers. It holds
current and historical codes; we accept both, because people keep the ID number
they were given after their county was renamed or re-coded.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum import numdb

from domain.exceptions import InvalidValue
from domain.text import compact

_SIX_DIGITS = re.compile(r"[0-9]{6}")  # ASCII: \d would take any script's digits


@lru_cache(maxsize=4096)
def division_name(code: str) -> str | None:
    """The province and county name of a six-digit code, or None if unknown."""
    if not _SIX_DIGITS.fullmatch(code):
        return None
    results = numdb.get("cn/loc").info(code)
    info = {k: v for _part, props in results for k, v in props.items()}
    if "county" not in info:
        return None
    # A county entry reads "[1997-]巫山县" or lists renamings separated by commas.
    latest = info["county"].split(",")[-1]
    county = latest.split("]")[-1]
    province = info.get("province", "")
    return county if county.startswith(province) else f"{province}{county}"


def is_known_division(code: str) -> bool:
    return division_name(code) is not None


def parse_division(raw: str, field: str) -> str:
    """A known six-digit division code, normalised from full-width input."""
    code = compact(raw)
    if not _SIX_DIGITS.fullmatch(code):
        raise InvalidValue(field, "must be a six-digit administrative division code")
    if not is_known_division(code):
        raise InvalidValue(field, "is not a known administrative division code")
    return code
