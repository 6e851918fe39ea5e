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
    """Province, prefecture and county of a six-digit code (山东省烟台市莱山区),
    or None if the code is unknown."""
    county = _latest_name(code)
    if county is None:
        return None
    province = _latest_name(code[:2] + "0000") or ""
    prefecture = _latest_name(code[:4] + "00") if code[4:] != "00" else None
    # Municipalities list their districts under placeholders such as 市辖区 or 县.
    if (
        prefecture in (None, "市辖区", "县")
        or "直辖" in (prefecture or "")
        or prefecture == province
    ):
        prefecture = ""
    parts = [province, prefecture or "", county]
    return "".join(dict.fromkeys(p for p in parts if p))


def _latest_name(code: str) -> str | None:
    if not _SIX_DIGITS.fullmatch(code):
        return None
    results = numdb.get("cn/loc").info(code)
    info = {k: v for _part, props in results for k, v in props.items()}
    if code[2:] == "0000":
        return info.get("province")
    if "county" not in info:
        return None
    # An entry reads "[1997-]巫山县" or lists renamings separated by commas.
    return str(info["county"].split(",")[-1].split("]")[-1])


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
