"""/subsidies over HTTP: entitlements found by the policy process, explained,
approved, paid once; corrections flag what they no longer support."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.identity import subsidy_id_for
from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.read_side_world import created, move, place
from tests.e2e.transfer_placement_bodies import UNKNOWN
from tests.support.factories import registration_body
from tests.support.problems import problem

SIX_MONTHS = ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")


def stably_employed(api: Api, status: str = "lifted_out_of_poverty") -> str:
    worker_id = created(
        api, "/workers", registration_body(poverty_status=status, occurred_on="2026-01-02")
    )
    move(api, worker_id)
    place(api, worker_id, *SIX_MONTHS, start_date="2026-03-27")
    return worker_id


def subsidy(api: Api, worker_id: str, kind: str, basis: str, role: Role = Role.CASEWORKER) -> Any:
    response = api.get(f"/subsidies/{subsidy_id_for(UUID(worker_id), kind, basis)}", role)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_policy_process_finds_every_subsidy_and_explains_it(api: Api) -> None:
    worker_id = stably_employed(api)
    api.project()

    life = subsidy(api, worker_id, "life_adaptation", "once", Role.AUDITOR)
    march = subsidy(api, worker_id, "stable_job", "month:2026-03")

    assert (life["status"], life["amount"], life["policy_version"]) == (
        "assessed",
        "5000.00",
        "2021-鲁渝-1",
    )
    assert life["arose_on"] == "2026-08-31"
    assert "5000" in life["explanation_zh"] and "5000" in life["explanation_en"]
    types = [e["event"]["type"] for e in life["evidence"]]
    assert {"Worker.Registered", "Transfer.Arrived", "Placement.MonthConfirmed"} <= set(types)
    assert all(e["position"] > 0 for e in life["evidence"])
    # Evidence shows events as recorded, with personal data masked.
    registered = next(e for e in life["evidence"] if e["event"]["type"] == "Worker.Registered")
    assert registered["event"]["payload"]["name"] != "冉光明"
    assert march["amount"] == "1000.00" and march["status"] == "assessed"


def test_evaluation_on_demand_records_nothing_new_for_an_unchanged_history(api: Api) -> None:
    worker_id = stably_employed(api)
    api.project()

    response = api.client.post(
        "/api/v1/subsidies/evaluation",
        params={"worker_id": worker_id},
        headers=api.headers(Role.CASEWORKER),
    )

    assert response.status_code == 200, response.text
    assert response.json()["changed"] == []
    # Nothing recorded: the head, so a read waiting for it sees the policy's subsidies.
    assert int(response.headers["X-Position"]) >= response.json()["evaluated_at"]
    listed = api.get("/subsidies", worker_id=worker_id, min_position=response.headers["X-Position"])
    assert listed.status_code == 200 and listed.json()["items"], listed.text


def test_approve_then_pay_once(api: Api) -> None:
    worker_id = stably_employed(api)
    api.project()
    sid = subsidy(api, worker_id, "stable_job", "month:2026-04")["id"]

    unapproved = api.post(f"/subsidies/{sid}/payment", {"payment_reference": "WS-1"})
    approved = api.post(f"/subsidies/{sid}/approval", {"note": "材料齐全"})
    twice = api.post(f"/subsidies/{sid}/approval", {})
    paid = api.post(f"/subsidies/{sid}/payment", {"payment_reference": "WS-2026-BT-000123"})
    again = api.post(f"/subsidies/{sid}/payment", {"payment_reference": "WS-2026-BT-000124"})

    assert problem(unapproved, 409)["detail"].startswith("cannot pay the subsidy")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.headers["ETag"] == '"2"'
    problem(twice, 409)
    assert paid.status_code == 200, paid.text
    assert (paid.json()["status"], paid.json()["paid_amount"]) == ("paid", "1000.00")
    assert paid.json()["payment_reference"] == "WS-2026-BT-000123"
    problem(again, 409)
    assert subsidy(api, worker_id, "stable_job", "month:2026-04")["version"] == 3


def test_rejection_and_revocation_need_a_reason(api: Api) -> None:
    worker_id = stably_employed(api)
    api.project()
    life = subsidy(api, worker_id, "life_adaptation", "once")["id"]
    march = subsidy(api, worker_id, "stable_job", "month:2026-03")["id"]

    no_reason = api.post(f"/subsidies/{life}/rejection", {"reason": "  "})
    rejected = api.post(f"/subsidies/{life}/rejection", {"reason": "未提供劳动合同"})
    revoked = api.post(f"/subsidies/{march}/revocation", {"reason": "重复申报"})

    assert problem(no_reason, 422)["errors"][0]["field"] == "reason"
    assert rejected.json()["status"] == "rejected"
    assert rejected.json()["decision_reason"] == "未提供劳动合同"
    assert revoked.json()["status"] == "revoked"
    problem(api.post(f"/subsidies/{life}/approval", {}), 409)


def test_a_withdrawn_month_flags_the_paid_subsidy_as_overpaid(api: Api) -> None:
    worker_id = stably_employed(api)
    api.project()
    march = subsidy(api, worker_id, "stable_job", "month:2026-03")["id"]
    api.post(f"/subsidies/{march}/approval", {})
    api.post(f"/subsidies/{march}/payment", {"payment_reference": "WS-9"})
    placement = api.get(f"/subsidies/{march}").json()["evidence"]
    placement_id = next(
        e["aggregate_id"] for e in placement if e["event"]["type"] == "Placement.Started"
    )

    withdrawn = api.post(
        f"/placements/{placement_id}/month-withdrawal",
        {"month": "2026-06", "reason": "工资表核对有误"},
    )
    assert withdrawn.status_code == 200, withdrawn.text
    api.project()

    after = api.get(f"/subsidies/{march}").json()
    assert (after["status"], after["overpaid_amount"], after["paid_amount"]) == (
        "overpaid",
        "1000.00",
        "1000.00",
    )
    assert subsidy(api, worker_id, "life_adaptation", "once")["status"] == "withdrawn"
    kinds = [e["type"] for e in api.get(f"/subsidies/{march}/events").json()["events"]]
    assert kinds == [
        "Subsidy.Assessed",
        "Subsidy.Approved",
        "Subsidy.Paid",
        "Subsidy.FoundOverpaid",
    ]


def test_only_caseworkers_decide_and_unknown_ids_are_404(api: Api) -> None:
    worker_id = stably_employed(api)
    api.project()
    sid = subsidy(api, worker_id, "life_adaptation", "once")["id"]

    for role in (Role.MEDIATOR, Role.AUDITOR, Role.ADMIN):
        problem(api.post(f"/subsidies/{sid}/approval", {}, role), 403)
    problem(api.get(f"/subsidies/{sid}", Role.ADMIN), 403)
    problem(api.get(f"/subsidies/{UNKNOWN}"), 404)
    problem(api.get("/subsidies/130102199001011234"), 404)
    evaluation = api.client.post(
        "/api/v1/subsidies/evaluation",
        params={"worker_id": UNKNOWN},
        headers=api.headers(Role.CASEWORKER),
    )
    problem(evaluation, 404)
    bad = api.client.post(
        "/api/v1/subsidies/evaluation",
        params={"worker_id": "not-a-uuid"},
        headers=api.headers(Role.CASEWORKER),
    )
    assert problem(bad, 422)["errors"][0]["field"] == "worker_id"


def test_an_evaluation_waits_for_the_policy_process_and_says_so(api: Api) -> None:
    worker_id = stably_employed(api)  # nothing projected: the process is behind

    response = api.client.post(
        "/api/v1/subsidies/evaluation",
        params={"worker_id": worker_id},
        headers=api.headers(Role.CASEWORKER),
    )

    assert problem(response, 503)["reached_position"] == 0
    assert response.headers["Retry-After"] == "1"


def test_another_method_on_the_evaluation_is_405_not_a_subsidy_id(api: Api) -> None:
    # `evaluation` names the evaluation resource, not a subsidy whose id is malformed.
    response = api.get("/subsidies/evaluation", worker_id=str(UNKNOWN))
    problem(response, 405)
    assert response.headers["Allow"] == "POST"
    refused = problem(api.get("/subsidies/not-a-uuid"), 404)
    assert "subsidy" in refused["detail"]
