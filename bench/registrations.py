"""Registrations for the benchmarks: distinct valid ID numbers for any count.

The benchmarks keep their own input (they never import `tests/`): what they
measure must not change when a test's helper does.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stdnum.cn import ric

from application.commands import RegisterWorker
from domain.actor import Actor, Role

CASEWORKER = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
REGION = "500237"


class IdNumbers:
    """Distinct valid 18-character ID numbers, as many as asked for.

    Each number gets its own (birth date, sequence code) pair: 1,000 people per
    birth day from 1960-01-01. The demo's people are 17 to 56 years old when
    registered in 2025 or later, so born from 1969 on: over three million
    numbers here before one could meet theirs.
    """

    def __init__(self) -> None:
        self._n = 0

    def next(self) -> str:
        n, self._n = self._n, self._n + 1
        born = date(1960, 1, 1) + timedelta(days=n // 1000)
        body = f"{REGION}{born:%Y%m%d}{n % 1000:03d}"
        return body + ric.calc_check_digit(body + "0")


def register_command(id_number: str, occurred_on: date, **overrides: Any) -> RegisterWorker:
    """A registration by a caseworker of the Wushan office, as the roster imports send."""
    fields: dict[str, Any] = {
        "actor": CASEWORKER,
        "name": "冉光明",
        "id_number": id_number,
        "mobile": "13800138000",
        "hukou_division": REGION,
        "hukou_township": "骡坪镇",
        "poverty_status": "lifted_out_of_poverty",
        "consent": True,
        "occurred_on": occurred_on,
    }
    fields.update(overrides)
    return RegisterWorker(**fields)


def registration_body(id_number: str) -> dict[str, Any]:
    """The JSON body of POST /api/v1/workers for one person."""
    return {
        "name": "冉光明",
        "id_number": id_number,
        "mobile": "13800138000",
        "hukou_division": REGION,
        "hukou_township": "骡坪镇",
        "poverty_status": "lifted_out_of_poverty",
        "education": "junior_secondary",
        "skills": ["茶叶采摘"],
        "job_intention": {"destination": "370600", "sector": "food processing"},
        "consent": True,
        "occurred_on": "2026-03-02",
    }
