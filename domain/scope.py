"""Which offices a caller reaches: their own office, or a wider scope named on
their account (a province, a cooperation pair, everything).

A scope is a set of code prefixes. An office's *area* is its code without the
trailing zero pairs (370600 → 3706, 370000 → 37), so a pair or a province also
reaches the district offices and work stations inside it; a plain office scope
reaches exactly that office.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from domain.text import normalise

_PROVINCE = re.compile(r"[1-9][0-9]")


class ScopeKind(StrEnum):
    OFFICE = "office"
    PROVINCE = "province"
    PAIR = "pair"
    ALL = "all"


def office_area(code: str) -> str:
    """The code prefix every division inside the office's own division starts with."""
    area = code
    while len(area) > 2 and area.endswith("00"):
        area = area[:-2]
    return area


def covers_division(office: str, division: str) -> bool:
    """Whether a division code (a hukou, a workplace) lies in the office's division."""
    return division.startswith(office_area(office))


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    codes: tuple[str, ...] = ()

    @classmethod
    def of_office(cls, code: str) -> Scope:
        return cls(ScopeKind.OFFICE, (code,))

    @classmethod
    def everything(cls) -> Scope:
        return cls(ScopeKind.ALL)

    @property
    def is_wide(self) -> bool:
        return self.kind is not ScopeKind.OFFICE

    def prefixes(self) -> tuple[str, ...]:
        """What an office code must start with to be reached ('' for everything)."""
        if self.kind is ScopeKind.ALL:
            return ("",)
        if self.kind is ScopeKind.OFFICE:
            return self.codes
        if self.kind is ScopeKind.PROVINCE:
            return self.codes
        return tuple(office_area(code) for code in self.codes)

    def covers(self, office: str | None) -> bool:
        if office is None:
            return False
        if self.kind is ScopeKind.OFFICE:
            return office in self.codes
        return any(office.startswith(p) for p in self.prefixes())

    def covers_any(self, offices: Iterable[str | None]) -> bool:
        return any(self.covers(o) for o in offices)

    def includes(self, other: Scope) -> bool:
        """Whether every office `other` reaches lies in this scope too (a report
        asked for must lie within the caller's reach)."""
        if self.kind is ScopeKind.OFFICE:
            return other.kind is ScopeKind.OFFICE and set(other.codes) <= set(self.codes)
        return all(
            any(theirs.startswith(ours) for ours in self.prefixes()) for theirs in other.prefixes()
        )

    def __str__(self) -> str:
        if self.kind is ScopeKind.ALL:
            return "all"
        return f"{self.kind.value}:{'-'.join(self.codes)}"


def parse_scope(raw: str, field: str = "scope") -> Scope:
    """`office:500237`, `province:37`, `pair:500237-370600` or `all`."""
    # Not `compact`: the hyphen separates a pair's two codes.
    text = "".join(normalise(raw).split()).lower()
    if text == "all":
        return Scope.everything()
    kind_text, _, value = text.partition(":")
    try:
        kind = ScopeKind(kind_text)
    except ValueError:
        raise InvalidValue(
            field, "must be office:CODE, province:NN, pair:CODE-CODE or all"
        ) from None
    if kind is ScopeKind.PROVINCE:
        if not _PROVINCE.fullmatch(value):
            raise InvalidValue(field, "must name a province by its first two digits (37)")
        return Scope(kind, (value,))
    if kind is ScopeKind.PAIR:
        first, sep, second = value.partition("-")
        if not sep:
            raise InvalidValue(field, "must name a pair as two office codes (500237-370600)")
        codes = (parse_division(first, field), parse_division(second, field))
        if codes[0] == codes[1]:
            raise InvalidValue(field, "must name two different offices")
        return Scope(kind, codes)
    if kind is ScopeKind.OFFICE:
        return Scope.of_office(parse_division(value, field))
    return Scope.everything()
