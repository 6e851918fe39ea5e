"""Reading sensitive data leaves a trace: a revealed ID number and a dispute's
case notes read by a mediator or auditor are recorded with who, when and why."""

from __future__ import annotations

from typing import Any

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import opening_body
from tests.e2e.transfer_placement_bodies import UNKNOWN
from tests.support.factories import id_number
from tests.support.problems import problem


def disclosures(api: Api) -> list[dict[str, Any]]:
    api.project()
    response = api.get("/audit/events", Role.AUDITOR, type="Disclosure.Recorded")
    assert response.status_code == 200, response.text
    return list(response.json()["events"])


def test_a_caseworker_sees_the_full_id_number_only_with_a_reason_and_it_is_recorded(
    api: Api,
) -> None:
    number = id_number()
    worker_id = api.register(id_number=number).json()["id"]
    reason = "核对社保参保信息，需完整身份证号"

    response = api.post(f"/workers/{worker_id}/id-number-reveal", {"reason": reason})

    assert response.status_code == 200, response.text
    assert response.json()["id_number"] == number
    assert response.headers["cache-control"] == "no-store"
    (trace,) = disclosures(api)
    assert (trace["actor"]["user"], trace["actor"]["role"]) == ("caseworker.user", "caseworker")
    assert trace["summary_en"] == "Full ID number revealed (recorded)"
    record = api.get(f"/audit/records/{response.json()['disclosure_id']}", Role.AUDITOR).json()
    assert (record["kind"], record["record"]["reason"]) == ("disclosure", reason)
    assert record["record"]["worker_id"] == worker_id
    timeline = api.get(f"/workers/{worker_id}/timeline").json()["entries"]
    assert timeline[-1]["event_type"] == "Disclosure.Recorded"
    assert number not in str(timeline)


def test_a_reveal_needs_a_caseworker_a_reason_and_a_known_worker(api: Api) -> None:
    worker_id = api.register().json()["id"]
    path = f"/workers/{worker_id}/id-number-reveal"

    for role in (Role.MEDIATOR, Role.AUDITOR, Role.ADMIN):
        problem(api.post(path, {"reason": "查看"}, role), 403)
    assert problem(api.post(path, {}), 422)["errors"][0]["field"] == "reason"
    assert problem(api.post(path, {"reason": "   "}), 422)["errors"][0]["field"] == "reason"
    problem(api.post(f"/workers/{UNKNOWN}/id-number-reveal", {"reason": "查看"}), 404)
    assert disclosures(api) == []


def test_a_retried_reveal_is_not_replayed_from_storage_but_recorded_again(api: Api) -> None:
    worker_id = api.register().json()["id"]
    path = f"/workers/{worker_id}/id-number-reveal"

    for _ in range(2):
        response = api.post(path, {"reason": "核对"}, **{"Idempotency-Key": "reveal-1"})
        assert response.status_code == 200
        assert "idempotent-replayed" not in response.headers

    assert len(disclosures(api)) == 2


def test_reading_case_notes_is_recorded_for_mediators_and_auditors_only(api: Api) -> None:
    worker_id = api.register(occurred_on="2026-01-02").json()["id"]  # before the opening
    response = api.post("/disputes", opening_body(worker_id), Role.MEDIATOR)
    dispute_id = response.json()["id"]

    assert api.get(f"/disputes/{dispute_id}", Role.CASEWORKER).status_code == 200
    assert disclosures(api) == []  # a caseworker is not shown the notes
    api.get(f"/disputes/{dispute_id}", Role.MEDIATOR)
    api.get(f"/disputes/{dispute_id}/events", Role.AUDITOR)
    api.get(f"/audit/workers/{worker_id}", Role.AUDITOR)

    traces = disclosures(api)
    assert [(t["actor"]["role"], t["aggregate_type"]) for t in traces] == [
        ("mediator", "disclosure"),
        ("auditor", "disclosure"),
        ("auditor", "disclosure"),
    ]
    assert {t["worker_id"] for t in traces} == {worker_id}
    assert traces[0]["summary_zh"] == "查阅争议调解记录（已留痕）"
