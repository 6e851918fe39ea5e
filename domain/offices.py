"""The register of offices (机构名录): every labour office of the programme, its
kind, and the partner offices it cooperates with.

One record holds the whole register: offices are few and change rarely, and a
partnership is one fact about two offices, recorded for both at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor
from domain.divisions import parse_division
from domain.exceptions import InvalidTransition, InvalidValue
from domain.rules import ensure_not_future, parse_choice
from domain.scope import covers_division
from domain.text import clean_text

# The register's id: one register per programme database.
REGISTER_ID = uuid5(UUID("6f1b8f52-3c1e-4d6a-9a57-2f0d3b7c9e11"), "office-register")


class OfficeKind(StrEnum):
    SENDING_COUNTY = "sending_county"  # 派出地县级就业部门（巫山县）
    RECEIVING_CITY = "receiving_city"  # 接收地市级劳务协作办公室（烟台市）
    RECEIVING_DISTRICT = "receiving_district"  # 接收地区县（莱山区、福山区）
    WORK_STATION = "work_station"  # 派出地驻接收地工作站


RECEIVING_KINDS = frozenset(
    {OfficeKind.RECEIVING_CITY, OfficeKind.RECEIVING_DISTRICT, OfficeKind.WORK_STATION}
)


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    kind: OfficeKind
    partners: frozenset[str]

    @property
    def is_receiving(self) -> bool:
        return self.kind in RECEIVING_KINDS


class OfficeRegister(Aggregate):
    @event("Opened")
    def __init__(self, *, id: UUID, actor: Actor) -> None:  # noqa: A002 - the library's name
        self.offices: dict[str, Office] = {}

    @classmethod
    def open(cls, actor: Actor) -> OfficeRegister:
        return cls(id=REGISTER_ID, actor=actor)

    # -- queries ----------------------------------------------------------------

    def office(self, code: str) -> Office | None:
        return self.offices.get(code)

    def are_partners(self, first: str, second: str) -> bool:
        office = self.offices.get(first)
        return office is not None and second in office.partners

    def receiving_offices_for(self, home: str, division: str) -> list[str]:
        """The partner offices of `home` on the receiving side whose division
        holds `division` (a transfer's destination), most specific first."""
        found = [
            o
            for o in self.offices.values()
            if o.is_receiving and home in o.partners and covers_division(o.code, division)
        ]
        return [o.code for o in sorted(found, key=lambda o: o.code.rstrip("0"), reverse=True)]

    # -- commands ---------------------------------------------------------------

    def add_office(
        self,
        *,
        code: str,
        name: str,
        kind: str,
        partners: list[str],
        actor: Actor,
        occurred_on: date,
        today: date,
    ) -> None:
        """Add an office; its partners must be in the register already (the
        partnership is recorded for both). The same office again records nothing."""
        ensure_not_future(occurred_on, today)
        code = parse_division(code, "code")
        office_kind = parse_choice(OfficeKind, kind, "kind")
        _ensure_code_fits(code, office_kind)
        clean = clean_text(name, "name", max_length=100)
        partner_codes = sorted({parse_division(p, "partners") for p in partners})
        if code in partner_codes:
            raise InvalidValue("partners", "an office is not its own partner")
        for partner in partner_codes:
            if partner not in self.offices:
                raise InvalidValue("partners", "must name offices already in the register")
        existing = self.offices.get(code)
        if existing is not None:
            if (existing.name, existing.kind, set(partner_codes)) == (
                clean,
                office_kind,
                set(existing.partners),
            ):
                return
            raise InvalidTransition("add office", "registered", "an office with this code exists")
        self._office_added(
            code=code,
            name=clean,
            kind=office_kind.value,
            partners=partner_codes,
            actor=actor,
            occurred_on=occurred_on,
        )

    def link_partners(
        self, *, first: str, second: str, actor: Actor, occurred_on: date, today: date
    ) -> None:
        """Record that two offices of the register cooperate; a partnership the
        register holds records nothing."""
        ensure_not_future(occurred_on, today)
        a, b = parse_division(first, "code"), parse_division(second, "partner")
        if a == b:
            raise InvalidValue("partner", "an office is not its own partner")
        for code, field in ((a, "code"), (b, "partner")):
            if code not in self.offices:
                raise InvalidValue(field, "must name an office in the register")
        if self.are_partners(a, b):
            return
        self._partners_linked(first=a, second=b, actor=actor, occurred_on=occurred_on)

    # -- events -----------------------------------------------------------------

    @event("OfficeAdded")
    def _office_added(
        self,
        code: str,
        name: str,
        kind: str,
        partners: list[str],
        actor: Actor,
        occurred_on: date,
    ) -> None:
        self.offices[code] = Office(code, name, OfficeKind(kind), frozenset(partners))
        for partner in partners:
            self._link(partner, code)

    @event("PartnersLinked")
    def _partners_linked(self, first: str, second: str, actor: Actor, occurred_on: date) -> None:
        self._link(first, second)
        self._link(second, first)

    def _link(self, code: str, partner: str) -> None:
        office = self.offices[code]
        self.offices[code] = Office(
            office.code, office.name, office.kind, office.partners | {partner}
        )


def _ensure_code_fits(code: str, kind: OfficeKind) -> None:
    """A city office has a prefecture's code (370600); the others a county's."""
    if code.endswith("0000"):
        raise InvalidValue("code", "must be a city's or a county's code, not a province's")
    if kind is OfficeKind.RECEIVING_CITY and not code.endswith("00"):
        raise InvalidValue("code", "a city office has its city's code (ending in 00)")
    if kind in (OfficeKind.SENDING_COUNTY, OfficeKind.RECEIVING_DISTRICT) and code.endswith("00"):
        raise InvalidValue("code", "a county or district office has its county's code")
