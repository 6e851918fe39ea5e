"""HTTP, on SQLite and PostgreSQL: a journey of 2024 entered today — a subsidy
dated when it arose, approved and paid as it happened, counted in 2024's
figures, and replayed by recorded time and by business date."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from application.identity import subsidy_id_for
from domain.actor import Role
from domain.scope import Scope
from infrastructure.readmodels import programme_months
from tests.e2e.conftest import Api
from tests.e2e.read_side_world import created
from tests.e2e.transfer_placement_bodies import arrangement
from tests.support.factories import registration_body
from tests.support.problems import problem


@pytest.fixture
def past(api: Api) -> tuple[str, str]:
    """A general worker registered 2024-01-10 who arrived in Yantai on
    2024-03-12, all entered today; the transport subsidy the policy found."""
    body = registration_body(poverty_status="general", occurred_on="2024-01-10")
    worker_id = created(api, "/workers", body)
    transfer = created(
        api, "/transfers", arrangement(worker_id, occurred_on="2024-03-01", planned_on="2024-03-10")
    )
    created(api, f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": "2024-03-10"})
    created(api, f"/transfers/{transfer}/arrival", {"occurred_on": "2024-03-12"})
    api.project()  # the policy process finds the transport subsidy
    return worker_id, str(
        subsidy_id_for(UUID(worker_id), "transport_living", f"transfer:{transfer}")
    )


def pay_in_2024(api: Api, subsidy: str) -> None:
    approved = api.post(f"/subsidies/{subsidy}/approval", {"occurred_on": "2024-04-01"})
    paid = api.post(
        f"/subsidies/{subsidy}/payment",
        {"payment_reference": "WS-2024-BT-0007", "paid_on": "2024-05-06"},
    )
    assert (approved.status_code, paid.status_code) == (200, 200), paid.text
    api.project()


def figures(api: Api, year: int) -> dict[str, Any]:
    response = api.get("/reports/summary", Role.AUDITOR, year=year)
    assert response.status_code == 200, response.text
    return {f["key"]: f["value"] for f in response.json()["figures"]}


def audit(api: Api, path: str, **params: Any) -> Any:
    response = api.get(path, Role.AUDITOR, **params)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_subsidy_found_today_is_dated_the_day_it_arose(api: Api, past: tuple[str, str]) -> None:
    _, subsidy = past

    body = api.get(f"/subsidies/{subsidy}").json()
    [assessed] = api.get(f"/subsidies/{subsidy}/events").json()["events"]

    assert (body["arose_on"], body["assessed_on"]) == ("2024-03-12", "2024-03-12")
    assert (assessed["type"], assessed["occurred_on"]) == ("Subsidy.Assessed", "2024-03-12")


def test_a_decision_before_the_subsidy_arose_or_after_today_is_422(
    api: Api, past: tuple[str, str]
) -> None:
    _, subsidy = past

    early = problem(api.post(f"/subsidies/{subsidy}/approval", {"occurred_on": "2024-03-11"}), 422)
    late = problem(
        api.post(f"/subsidies/{subsidy}/rejection", {"reason": "x", "occurred_on": "2099-01-01"}),
        422,
    )

    assert early["errors"] == [
        {
            "field": "occurred_on",
            "message": "must not be before the date the subsidy arose (2024-03-12)",
        }
    ]
    assert late["errors"] == [{"field": "occurred_on", "message": "must not be in the future"}]
    assert api.get(f"/subsidies/{subsidy}").json()["version"] == 1  # nothing recorded


def test_a_payment_made_in_2024_is_recorded_and_counted_in_2024(
    api: Api, past: tuple[str, str]
) -> None:
    _, subsidy = past
    pay_in_2024(api, subsidy)

    body = api.get(f"/subsidies/{subsidy}").json()
    then, now = figures(api, 2024), figures(api, 2026)
    months = programme_months.months_of(
        api.client.app.state.read_models,  # type: ignore[attr-defined]
        scope=Scope.everything(),
        year=2024,
    )

    assert (body["status"], body["decided_on"], body["paid_on"]) == (
        "paid",
        "2024-04-01",
        "2024-05-06",
    )
    assert api.get(f"/subsidies/{subsidy}/events").json()["events"][-1]["occurred_on"] == (
        "2024-05-06"
    )
    assert (then["registered_workers"], then["organised_transfers"]) == (1, 1)
    assert (
        then["subsidy_transport_living_paid_count"],
        then["subsidy_transport_living_paid_amount"],
    ) == (1, "1500.00")
    assert then["subsidy_transport_living_approved_count"] == 1
    assert (now["organised_transfers"], now["subsidy_transport_living_paid_count"]) == (0, 0)
    assert [(m.month, m.transfers) for m in months if m.transfers] == [("2024-03", 1)]


def test_a_payment_counts_in_the_year_it_was_made_not_the_year_it_arose(
    api: Api, past: tuple[str, str]
) -> None:
    _, subsidy = past
    api.post(f"/subsidies/{subsidy}/approval", {"occurred_on": "2024-12-20"})
    api.post(
        f"/subsidies/{subsidy}/payment", {"payment_reference": "WS-1", "paid_on": "2025-01-08"}
    )
    api.project()

    arose, paid = figures(api, 2024), figures(api, 2025)

    assert arose["subsidy_transport_living_entitled_count"] == 1
    assert (
        arose["subsidy_transport_living_approved_count"],
        arose["subsidy_transport_living_paid_count"],
    ) == (1, 0)
    assert paid["subsidy_transport_living_entitled_count"] == 0
    assert paid["subsidy_transport_living_paid_amount"] == "1500.00"


def test_time_travel_by_business_date_and_by_recorded_time(api: Api, past: tuple[str, str]) -> None:
    worker_id, subsidy = past
    pay_in_2024(api, subsidy)

    april = audit(api, f"/audit/workers/{worker_id}", as_of="2024-04-15", basis="business")
    record = audit(api, f"/audit/records/{subsidy}", as_of="2024-05-06", basis="business")
    recorded = api.get(f"/audit/workers/{worker_id}", Role.AUDITOR, as_of="2024-04-15")
    now = audit(api, f"/audit/workers/{worker_id}")

    assert (april["basis"], april["business_date"]) == ("business", "2024-04-15")
    assert [t["state"] for t in april["transfers"]] == ["arrived"]
    assert [(s["status"], s["paid_on"]) for s in april["subsidies"]] == [("approved", None)]
    assert (record["basis"], record["record"]["status"], record["version"]) == (
        "business",
        "paid",
        3,
    )
    problem(recorded, 404)  # by recorded time, nothing of it was known in April 2024
    assert (now["basis"], now["business_date"]) == ("recorded", None)
    assert [s["status"] for s in now["subsidies"]] == ["paid"]


def test_a_business_date_replay_without_a_day_or_with_an_unknown_basis_is_422(
    api: Api, past: tuple[str, str]
) -> None:
    worker_id, _ = past

    no_day = api.get(f"/audit/workers/{worker_id}", Role.AUDITOR, basis="business")
    unknown = api.get(f"/audit/workers/{worker_id}", Role.AUDITOR, as_of="2024-04-15", basis="x")
    before = api.get(
        f"/audit/workers/{worker_id}", Role.AUDITOR, as_of="2024-01-09", basis="business"
    )

    assert problem(no_day, 422)["errors"][0]["field"] == "as_of"
    assert problem(unknown, 422)["errors"][0]["field"] == "basis"
    assert "had no fact dated on or before that day" in problem(before, 404)["detail"]
