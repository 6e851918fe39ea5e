"""Realistic request bodies for /transfers and /placements, and helpers to create one."""

from __future__ import annotations

from typing import Any

from stdnum.cn import uscc

from tests.e2e.conftest import Api

UNKNOWN = "00000000-0000-4000-8000-000000000000"
EMPLOYER_CODE = "91370602MA3CXY12K" + uscc.calc_check_digit("91370602MA3CXY12K")


def arrangement(worker_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "worker_id": worker_id,
        "destination": "370600",
        "channel": "job_fair",
        "planned_on": "2026-03-16",
        "employer_name": "烟台鲁渝食品有限公司",
        "occurred_on": "2026-03-05",
    }
    body.update(overrides)
    return body


def arrange(api: Api) -> str:
    """A new worker's arranged transfer; its id."""
    worker_id = api.register().json()["id"]
    response = api.post("/transfers", arrangement(worker_id))
    assert response.status_code == 201, response.text
    transfer_id: str = response.json()["id"]
    return transfer_id


def placement_body(worker_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "worker_id": worker_id,
        "employer_name": "烟台鲁渝食品有限公司",
        "employer_code": EMPLOYER_CODE,
        "workplace_division": "370602",
        "position": "普工",
        "monthly_wage": "5200.00",
        "contract_type": "fixed_term",
        "kind": "cross_province",
        "start_date": "2026-03-18",
    }
    body.update(overrides)
    return body


def start(api: Api) -> str:
    """A new worker's placement, started on 2026-03-18; its id."""
    worker_id = api.register().json()["id"]
    response = api.post("/placements", placement_body(worker_id))
    assert response.status_code == 201, response.text
    placement_id: str = response.json()["id"]
    return placement_id


def month(value: str, **extra: Any) -> dict[str, Any]:
    return {"month": value, "evidence": "payroll", **extra}
