"""The programme's offices as a deployment registers them: Wushan sends, Yantai receives."""

from __future__ import annotations

from application import commands as c
from application.journey import Journey
from domain.actor import Actor, Role
from domain.scope import Scope, parse_scope

ADMIN = Actor(user="admin.one", role=Role.ADMIN, office="500237")
WUSHAN, YANTAI_CITY, LAISHAN, FUSHAN = "500237", "370600", "370613", "370611"

# A mediator and an auditor of the cooperation pair (鲁渝协作), named on their accounts.
PAIR = parse_scope(f"pair:{WUSHAN}-{YANTAI_CITY}")


def register_offices(journey: Journey, *, districts: bool = False) -> None:
    """巫山县 (sending county) and 烟台市 (receiving city), partners; with
    `districts`, 莱山区 and 福山区 as receiving district offices too."""
    offices = [
        (WUSHAN, "巫山县就业和人才中心", "sending_county", []),
        (YANTAI_CITY, "烟台市鲁渝劳务协作办公室", "receiving_city", [WUSHAN]),
    ]
    if districts:
        offices += [
            (LAISHAN, "莱山区人力资源和社会保障局", "receiving_district", [WUSHAN, YANTAI_CITY]),
            (FUSHAN, "福山区人力资源和社会保障局", "receiving_district", [WUSHAN, YANTAI_CITY]),
        ]
    for code, name, kind, partners in offices:
        journey.add_office(
            c.AddOffice(actor=ADMIN, code=code, name=name, kind=kind, partners=partners)
        )


# An auditor who reads every office's records: for tests that look at what was stored.
EVERYONE = Actor(user="zhao.min", role=Role.AUDITOR, office="500237", scope=Scope.everything())


def offices_registered(journey: Journey, *, districts: bool = False) -> None:
    """`register_offices` unless the register holds offices already: adding
    the city again after its districts named it as partner would be refused."""
    if not journey.offices():
        register_offices(journey, districts=districts)
