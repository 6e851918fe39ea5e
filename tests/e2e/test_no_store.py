"""HTTP: answers carrying personal data are never cached."""

from __future__ import annotations

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import opening_body


def test_every_api_answer_says_no_store(api: Api) -> None:
    worker_id = api.register().json()["id"]
    dispute = api.post(
        "/disputes", opening_body(worker_id, occurred_on="2026-03-05"), role=Role.MEDIATOR
    )
    assert dispute.status_code == 201, dispute.text
    api.project()

    answers = [
        api.get(f"/workers/{worker_id}"),
        api.get(f"/workers/{worker_id}/events"),
        api.get(f"/workers/{worker_id}/timeline"),
        api.get("/workers", q="冉"),
        api.get(f"/disputes/{dispute.json()['id']}", role=Role.MEDIATOR),
        api.get("/audit/export", role=Role.AUDITOR),
        api.get("/audit/export", role=Role.AUDITOR, format="csv"),
        api.get("/workers/not-a-worker"),
        api.post(f"/workers/{worker_id}/skills", {"skills": ["焊工"]}),
        api.post(f"/workers/{worker_id}/id-number-reveal", {"reason": "核对社保"}),
    ]

    for answer in answers:
        assert answer.headers["cache-control"] == "no-store", answer.request.url
        assert answer.headers["pragma"] == "no-cache"
