"""Shared inputs for the Transfer aggregate's unit tests: actors, dates, one builder per state."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from domain.actor import Actor, Role
from domain.transfer import Transfer
from tests.unit.worker_builders import worker_dates

TODAY = date(2026, 11, 26)
ARRANGED_ON = date(2026, 3, 2)
DEPARTED_ON = date(2026, 3, 16)
ARRIVED_ON = date(2026, 3, 17)
ACTOR = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
RECEIVING = Actor(user="zhang.hua", role=Role.CASEWORKER, office="370600")
WORKER = uuid4()
# Registered the day the transfer is arranged.
WORKER_DATES = worker_dates(WORKER, registered_on=ARRANGED_ON)


def stamp(on: date, actor: Actor = ACTOR) -> dict[str, Any]:
    return {"actor": actor, "occurred_on": on, "today": TODAY}


def arrange(**overrides: Any) -> Transfer:
    fields: dict[str, Any] = {
        "worker": WORKER_DATES,
        "destination": "370600",
        "channel": "job_fair",
        "planned_on": date(2026, 3, 16),
        "employer_name": "烟台鲁渝食品有限公司",
        **stamp(ARRANGED_ON),
    }
    fields.update(overrides)
    return Transfer.arrange(**fields)


def arranged() -> Transfer:
    transfer = arrange()
    transfer.collect_events()
    return transfer


def departed() -> Transfer:
    transfer = arranged()
    transfer.record_departure(mode="chartered_bus", **stamp(DEPARTED_ON))
    transfer.collect_events()
    return transfer


def arrived() -> Transfer:
    transfer = departed()
    transfer.confirm_arrival(**stamp(ARRIVED_ON, RECEIVING))
    transfer.collect_events()
    return transfer


def cancelled() -> Transfer:
    transfer = arranged()
    transfer.cancel(reason="家中有事", **stamp(date(2026, 3, 10)))
    transfer.collect_events()
    return transfer


def returned() -> Transfer:
    transfer = arrived()
    transfer.record_return(reason="合同期满", **stamp(date(2026, 10, 1)))
    transfer.collect_events()
    return transfer


def names(transfer: Transfer) -> list[str]:
    return [type(e).__qualname__ for e in transfer.collect_events()]
