"""A Wushan worker who arrived in Yantai, the offices that call about them, and
what the table of which side records what (domain/recording_sides) says each
caller may do: the expectations of the office-scope matrix, in the table's words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from application import commands as c
from application.journey import Journey
from domain.actor import Actor, Role
from domain.recording_sides import RECORDED_BY, Fact, Side
from domain.scope import covers_division
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import EVERYONE, LAISHAN, PAIR, YANTAI_CITY, offices_registered
from tests.support.subsidies import YANTAI

HOME = CASEWORKER  # 巫山县: registered the worker
HOST = YANTAI  # 烟台市: the worker arrived there
OUTSIDER = Actor(user="liu.yang", role=Role.CASEWORKER, office="110101")
# A mediator of the cooperation pair whose own office serves no worker here:
# only the account's scope reaches them.
PAIR_MEDIATOR = Actor(user="wang.fang", role=Role.MEDIATOR, office="370602", scope=PAIR)
# 莱山区, a partner district office: offered the worker by the host (in the setup of a
# handover decision), it reads the file and decides.
OFFERED = Actor(user="sun.li", role=Role.CASEWORKER, office=LAISHAN)
AUDITOR = EVERYONE

DESTINATION = YANTAI_CITY


class Outcome(StrEnum):
    RECORDED = "recorded"
    OTHER_SIDE = "recorded by the other side"  # 403
    NOT_FOUND = "not found"  # 404: nothing tells that the worker exists
    REFUSED = "refused by the record"  # the record's own rule (409): not this office's offer
    VISIBLE = "visible"


@dataclass(frozen=True)
class World:
    worker_id: UUID
    transfer_id: UUID  # arranged by Wushan, arrived in Yantai


@dataclass(frozen=True)
class Served:
    """Who serves the worker as the auditor reads it, and the offices offered them."""

    home: str
    host: str | None
    offered: tuple[str, ...]

    @property
    def serving(self) -> tuple[str, ...]:
        return (self.home,) if self.host is None else (self.home, self.host)

    @property
    def workplace(self) -> str:
        return self.host or self.home


def arrived_in_yantai(journey: Journey) -> World:
    """Registered by Wushan on 2026-03-02, on the train on 03-16, arrived in
    Yantai on 03-17: from then Yantai serves them beside Wushan."""
    offices_registered(journey, districts=True)
    worker_id = journey.register_worker(register_command(occurred_on=date(2026, 3, 2))).aggregate_id
    transfer_id = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=HOME,
            occurred_on=date(2026, 3, 5),
            worker_id=worker_id,
            destination=DESTINATION,
            channel="labour_office",
            planned_on=date(2026, 3, 16),
        )
    ).aggregate_id
    journey.record_departure(
        c.RecordDeparture(
            actor=HOME, occurred_on=date(2026, 3, 16), mode="train", transfer_id=transfer_id
        )
    )
    journey.record_arrival(
        c.RecordArrival(actor=HOST, occurred_on=date(2026, 3, 17), transfer_id=transfer_id)
    )
    return World(worker_id, transfer_id)


def served(journey: Journey, worker_id: UUID) -> Served:
    now = journey.served_by(worker_id, AUDITOR)
    pending = tuple(h.to_office for h in now.handovers if h.state == "pending")
    return Served(now.home_office, now.host_office, pending)


def arrival_receivers(journey: Journey, home: str, destination: str) -> list[str]:
    """The register's receiving offices, partners of `home`, whose division
    holds the destination — else `home` itself (the table's ARRIVAL side)."""
    found = [
        o.code
        for o in journey.offices()
        if o.kind != "sending_county"
        and home in o.partners
        and covers_division(o.code, destination)
    ]
    return found or [home]


def expected_access(fact: Fact, caller: Actor, now: Served, receivers: list[str]) -> Outcome:
    """What the table says of this caller recording this fact about the worker.

    Outside the caller's reach (no office serving the worker, nor one offered
    them) the worker is not found; within it, a fact the table gives to the
    other side is refused naming that side."""
    side = RECORDED_BY[fact]
    reaches = caller.reach.covers_any(now.serving)
    if side is Side.ARRIVAL:
        if caller.office in receivers:
            return Outcome.RECORDED
        return Outcome.OTHER_SIDE if reaches else Outcome.NOT_FOUND
    if not reaches and not caller.reach.covers_any(now.offered):
        return Outcome.NOT_FOUND
    offered = fact is Fact.HANDOVER and caller.office in now.offered
    if not reaches and not offered:
        return Outcome.OTHER_SIDE  # an office offered the worker reads, and only decides
    on_side = {
        Side.HOME: caller.office == now.home,
        # Where the worker is; a wide scope covering it too (the pair's mediators
        # open disputes where the worker works).
        Side.WORKPLACE: caller.office == now.workplace
        or (caller.reach.is_wide and caller.reach.covers(now.workplace)),
        Side.EITHER: True,
    }[side]
    return Outcome.RECORDED if on_side else Outcome.OTHER_SIDE


def expected_visibility(caller: Actor, now: Served) -> Outcome:
    """A caller sees the worker's records when their scope covers an office
    serving the worker or one offered them."""
    if caller.reach.covers_any(now.serving + now.offered):
        return Outcome.VISIBLE
    return Outcome.NOT_FOUND
