"""Realistic test input: valid ID numbers and registrations."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from stdnum.cn import ric

from application.commands import RegisterWorker
from domain.actor import Actor, Role

CASEWORKER = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
_sequence = itertools.count(101)


def id_number(region: str = "500237", born: date | None = None, seq: int | None = None) -> str:
    """A valid 18-character ID number; each call gives another person."""
    n = next(_sequence)
    # 1,000 sequence codes per birth date, then the next day: unique for 15M calls.
    born = born or date(1966, 1, 1) + timedelta(days=(n // 1000) % 15000)
    body = f"{region}{born:%Y%m%d}{(seq if seq is not None else n) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def registration_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "冉光明",
        "id_number": id_number(),
        "mobile": "13800138000",
        "hukou_division": "500237",
        "hukou_township": "骡坪镇",
        "poverty_status": "lifted_out_of_poverty",
        "education": "junior_secondary",
        "skills": ["茶叶采摘"],
        "job_intention": {"destination": "370600", "sector": "food processing"},
        "consent": True,
        "occurred_on": "2026-03-02",
    }
    body.update(overrides)
    return body


def register_command(actor: Actor = CASEWORKER, **overrides: Any) -> RegisterWorker:
    fields: dict[str, Any] = {
        "actor": actor,
        "name": "冉光明",
        "id_number": id_number(),
        "mobile": "13800138000",
        "hukou_division": "500237",
        "hukou_township": "骡坪镇",
        "poverty_status": "lifted_out_of_poverty",
        "consent": True,
        "occurred_on": date(2026, 3, 2),
    }
    fields.update(overrides)
    return RegisterWorker(**fields)


def with_wrong_check_character(number: str) -> str:
    """The same number with a check character that does not match."""
    return number[:-1] + ("1" if number[-1] == "0" else "0")
