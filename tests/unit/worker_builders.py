"""Shared inputs for the Worker aggregate's unit tests: a caseworker, dates, a registration."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

from stdnum.cn import ric

from domain.actor import Actor, Role
from domain.identity import ResidentIdNumber
from domain.worker import JobIntention, Worker, WorkerDates

TODAY = date(2026, 11, 26)
TOMORROW = TODAY + timedelta(days=1)
REGISTERED_ON = date(2026, 3, 2)
BORN_ON = date(1985, 3, 12)
LATER = date(2026, 6, 15)
ACTOR = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
OTHER = Actor(user="wang.fang", role=Role.CASEWORKER, office="370600")


def id_number(born: date = BORN_ON, seq: str = "123") -> ResidentIdNumber:
    """A Wushan ID number; the last digit of `seq` decides the sex (odd: male)."""
    body = f"500237{born:%Y%m%d}{seq}"
    return ResidentIdNumber.parse(body + ric.calc_check_digit(body + "0"), today=TODAY)


def worker_dates(
    worker_id: UUID | None = None,
    *,
    registered_on: date = REGISTERED_ON,
    born_on: date = BORN_ON,
) -> WorkerDates:
    """The worker a new training, transfer, placement or dispute belongs to."""
    return WorkerDates(worker_id or uuid4(), born_on=born_on, registered_on=registered_on)


def register(**overrides: Any) -> Worker:
    """A new worker (its Registered event still pending), registered by ACTOR."""
    fields: dict[str, Any] = {
        "worker_id": uuid4(),
        "id_number": id_number(),
        "name": "冉光明",
        "mobile": "13800138000",
        "hukou_division": "500237",
        "hukou_township": "骡坪镇",
        "poverty_status": "lifted_out_of_poverty",
        "education": "junior_secondary",
        "skills": ["茶叶采摘"],
        "job_intention": JobIntention("370600", "food processing"),
        "consent": True,
        "actor": ACTOR,
        "occurred_on": REGISTERED_ON,
        "today": TODAY,
    }
    fields.update(overrides)
    return Worker.register(**fields)


def registered() -> Worker:
    """A registered worker with no pending events, as if loaded from the store."""
    worker = register()
    worker.collect_events()
    return worker


def event_names(events: Iterable[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def stamp(on: date = LATER, actor: Actor = ACTOR) -> dict[str, Any]:
    """Who acted and when: the keywords every command takes."""
    return {"actor": actor, "occurred_on": on, "today": TODAY}
