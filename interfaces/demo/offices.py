"""The demo's register of offices: Wushan sends, Yantai and two of its districts receive."""

from __future__ import annotations

from application import commands as c
from application.journey import Journey
from domain.actor import Actor, Role

ADMIN = Actor("demo.admin", Role.ADMIN, "500237")
WUSHAN, YANTAI = "500237", "370600"
# (code, name, kind, partners): each partner is in the register before the office naming it.
OFFICES = (
    (WUSHAN, "巫山县就业和人才中心", "sending_county", ()),
    (YANTAI, "烟台市鲁渝劳务协作办公室", "receiving_city", (WUSHAN,)),
    ("370613", "莱山区人力资源和社会保障局", "receiving_district", (WUSHAN, YANTAI)),
    ("370611", "福山区人力资源和社会保障局", "receiving_district", (WUSHAN, YANTAI)),
)


def register_offices(journey: Journey) -> None:
    """The offices the demo's staff work for; already registered as they are, nothing changes."""
    for code, name, kind, partners in OFFICES:
        if journey.office(code) is None:
            journey.add_office(
                c.AddOffice(actor=ADMIN, code=code, name=name, kind=kind, partners=list(partners))
            )
