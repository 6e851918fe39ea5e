"""Shared inputs for the Placement aggregate's unit tests: a caseworker, dates, a start."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from stdnum.cn import uscc

from domain.actor import Actor, Role
from domain.placement import Placement
from domain.transfer import Transfer
from tests.unit.worker_builders import worker_dates

TODAY = date(2026, 11, 26)
STARTED_ON = date(2026, 3, 18)
ACTOR = Actor(user="zhang.hua", role=Role.CASEWORKER, office="370600")
WORKER = uuid4()
# Registered long enough before the spells the tests start (some in 2025).
WORKER_DATES = worker_dates(WORKER, registered_on=date(2025, 1, 2))
EMPLOYER_CODE = "91370602MA3CXY12K" + uscc.calc_check_digit("91370602MA3CXY12K")


def stamp(on: date = TODAY) -> dict[str, Any]:
    return {"actor": ACTOR, "occurred_on": on, "today": TODAY}


def start(**overrides: Any) -> Placement:
    fields: dict[str, Any] = {
        "worker": WORKER_DATES,
        "employer_name": "烟台鲁渝食品有限公司",
        "employer_code": EMPLOYER_CODE,
        "workplace_division": "370602",
        "position": "普工",
        "monthly_wage": "5200.00",
        "contract_type": "fixed_term",
        "kind": "cross_province",
        **stamp(STARTED_ON),
    }
    fields.update(overrides)
    return Placement.start(**fields)


def started(on: date = STARTED_ON) -> Placement:
    """A placement with no pending events, as if loaded from the store."""
    placement = start(occurred_on=on)
    placement.collect_events()
    return placement


def confirm(placement: Placement, *months: str, on: date = TODAY) -> None:
    """Confirm each month on payroll evidence, on the business date `on`."""
    for month in months:
        placement.confirm_month(month=month, evidence="payroll", **stamp(on))


def transfer_of(worker_id: UUID) -> Transfer:
    return Transfer.arrange(
        worker=worker_dates(worker_id, registered_on=date(2026, 3, 2)),
        destination="370600",
        channel="labour_office",
        planned_on=date(2026, 3, 16),
        **stamp(date(2026, 3, 2)),
    )
