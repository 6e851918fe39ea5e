"""Shared inputs for the Dispute aggregate's unit tests: a mediator, dates,
one valid call of each command, and the table of where each is allowed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from domain.actor import Actor, Role
from domain.dispute import Dispute
from tests.unit.worker_builders import worker_dates

TODAY = date(2026, 11, 26)
REGISTERED_ON = date(2025, 12, 1)
OPENED_ON = date(2026, 1, 5)
LATER = date(2026, 1, 8)
MEDIATOR = Actor(user="wang.fang", role=Role.MEDIATOR, office="370600")
DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def opened(**overrides: Any) -> Dispute:
    fields: dict[str, Any] = {
        "worker": worker_dates(registered_on=REGISTERED_ON),
        "employer_name": "烟台鲁源食品有限公司",
        "employer_code": "91370600MA3C7X8K01",
        "kind": "wage_arrears",
        "amount_claimed": "18600.00",
        "description": "拖欠工资 3 个月",
        "actor": MEDIATOR,
        "occurred_on": OPENED_ON,
        "today": TODAY,
    }
    fields.update(overrides)
    return Dispute.open(**fields)


def stamp(on: date = LATER) -> dict[str, Any]:
    return {"actor": MEDIATOR, "occurred_on": on, "today": TODAY}


# One valid call of each command; the table below says where each is allowed.
COMMANDS: dict[str, Callable[..., None]] = {
    "assign": lambda d, **s: d.assign_mediator(mediator="wang.fang", **s),
    "session": lambda d, **s: d.record_session(attendees=["冉光明"], summary="首次调解", **s),
    "evidence": lambda d, **s: d.add_evidence(
        document_id="DOC-1", sha256=DIGEST, description="工资条", **s
    ),
    "escalate": lambda d, **s: d.escalate(to="labour_arbitration", reason="企业拒绝调解", **s),
    "settle": lambda d, **s: d.settle(amount_agreed="18600", amount_recovered="9300", **s),
    "close": lambda d, **s: d.close(outcome="withdrawn", reason=None, **s),
    "reopen": lambda d, **s: d.reopen(reason="企业未履行协议", **s),
}
COMMAND_NAMES = {
    "assign": "assign a mediator",
    "session": "record a mediation session",
    "evidence": "add evidence",
    "escalate": "escalate the dispute",
    "settle": "settle the dispute",
    "close": "close the dispute",
    "reopen": "reopen the dispute",
}
# (status, command) -> status afterwards; every pair not listed is refused.
ALLOWED = {
    ("opened", "assign"): "in_mediation",
    ("in_mediation", "assign"): "in_mediation",
    ("in_mediation", "session"): "in_mediation",
    ("opened", "evidence"): "opened",
    ("in_mediation", "evidence"): "in_mediation",
    ("escalated", "evidence"): "escalated",
    ("opened", "escalate"): "escalated",
    ("in_mediation", "escalate"): "escalated",
    ("in_mediation", "settle"): "settled",
    ("escalated", "settle"): "settled",
    ("opened", "close"): "closed",
    ("in_mediation", "close"): "closed",
    ("escalated", "close"): "closed",
    ("settled", "close"): "closed",
    ("closed", "reopen"): "opened",  # closed without a mediator
}
# How each status is reached. Its assignment names a first mediator, so that
# "assign" in the table above hands the case to another one: assigning the
# mediator already assigned changes nothing and records nothing.
FIRST_MEDIATOR = "li.na"
PATH_STEPS: dict[str, Callable[..., None]] = {
    **COMMANDS,
    "assign": lambda d, **s: d.assign_mediator(mediator=FIRST_MEDIATOR, **s),
}
PATHS = {
    "opened": [],
    "in_mediation": ["assign"],
    "escalated": ["escalate"],
    "settled": ["assign", "settle"],
    "closed": ["close"],
}


def in_status(status: str) -> Dispute:
    dispute = opened()
    for command in PATHS[status]:
        PATH_STEPS[command](dispute, **stamp())
    assert dispute.status == status
    return dispute


def names(dispute: Dispute) -> list[str]:
    return [type(e).__qualname__ for e in dispute.collect_events()]
