"""Realistic request bodies for /disputes and a helper to open one."""

from __future__ import annotations

from typing import Any

from domain.actor import Role
from tests.e2e.conftest import Api

SUMMARY = "企业承认拖欠 18600 元，同意分两期支付"
EVIDENCE = "2025 年 10–12 月工资条及考勤记录"
DESCRIPTION = "拖欠工资 3 个月（2025 年 10 月至 12 月），每月 6200 元"
DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
ATTENDEE = "企业人事主管 张伟"
ESCALATION_REASON = "企业拒绝继续调解"
CLOSURE_REASON = "调解协议已全部履行"
REOPEN_REASON = "企业未按协议支付第二期"

# Every mediator command, with a body valid in the state that allows it.
COMMANDS: dict[str, dict[str, Any]] = {
    "mediator": {},
    "sessions": {
        "attendees": ["冉光明", ATTENDEE],
        "summary": SUMMARY,
        "occurred_on": "2026-01-08",
    },
    "evidence": {"document_id": "DOC-2026-000123", "sha256": DIGEST, "description": EVIDENCE},
    "escalation": {"to": "labour_arbitration", "reason": ESCALATION_REASON},
    "settlement": {"amount_agreed": "18600.00", "amount_recovered": "9300.00"},
    "closure": {"outcome": "settled", "reason": CLOSURE_REASON},
    "reopening": {"reason": REOPEN_REASON},
}


def opening_body(worker_id: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "worker_id": worker_id,
        "employer_name": "烟台鲁源食品有限公司",
        "employer_code": "91370600MA3C7X8K01",
        "kind": "wage_arrears",
        "amount_claimed": "18600.00",
        "description": DESCRIPTION,
        "occurred_on": "2026-01-05",
    }
    body.update(overrides)
    return body


def open_dispute(api: Api, role: Role = Role.MEDIATOR, **overrides: Any) -> str:
    worker_id = api.register(occurred_on="2026-01-02").json()["id"]
    response = api.post("/disputes", opening_body(worker_id, **overrides), role=role)
    assert response.status_code == 201, response.text
    dispute_id: str = response.json()["id"]
    return dispute_id


def run(api: Api, dispute_id: str, *commands: str) -> dict[str, Any]:
    """Run mediator commands in order, each expected to succeed; the last answer."""
    body: dict[str, Any] = {}
    for command in commands:
        response = api.post(f"/disputes/{dispute_id}/{command}", COMMANDS[command], Role.MEDIATOR)
        assert response.status_code == 200, response.text
        body = response.json()
    return body
