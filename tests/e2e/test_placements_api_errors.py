"""HTTP: every error status of /placements, as problem+json naming the field or state."""

from __future__ import annotations

from typing import Any

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.transfer_placement_bodies import (
    EMPLOYER_CODE,
    UNKNOWN,
    arrangement,
    month,
    placement_body,
    start,
)
from tests.support.problems import problem

WITHDRAWAL = {"month": "2026-04", "reason": "工资表核对有误"}


def test_requests_without_a_token_get_401(api: Api) -> None:
    placement_id = start(api)
    problem(api.post("/placements", placement_body(UNKNOWN), role=None), 401)
    problem(api.post(f"/placements/{placement_id}/months", month("2026-04"), role=None), 401)
    problem(api.get(f"/placements/{placement_id}", role=None), 401)
    problem(api.get(f"/placements/{placement_id}/events", role=None), 401)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR, Role.ADMIN])
def test_only_caseworkers_may_record_placements(api: Api, role: Role) -> None:
    placement_id = start(api)
    worker_id = api.get(f"/placements/{placement_id}").json()["worker_id"]
    problem(api.post("/placements", placement_body(worker_id), role=role), 403)
    problem(api.post(f"/placements/{placement_id}/months", month("2026-04"), role=role), 403)
    problem(api.post(f"/placements/{placement_id}/end", {"reason": "x"}, role=role), 403)
    assert api.get(f"/placements/{placement_id}").json()["version"] == 1


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR, Role.ADMIN])
def test_only_caseworkers_may_withdraw_a_month(api: Api, role: Role) -> None:
    placement_id = start(api)
    api.post(f"/placements/{placement_id}/months", month("2026-04"))

    refused = api.post(f"/placements/{placement_id}/month-withdrawal", WITHDRAWAL, role=role)

    problem(refused, 403)
    assert api.get(f"/placements/{placement_id}").json()["confirmed_months"] == ["2026-04"]


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR])
def test_caseworkers_mediators_and_auditors_may_read(api: Api, role: Role) -> None:
    placement_id = start(api)
    assert api.get(f"/placements/{placement_id}", role=role).status_code == 200
    assert api.get(f"/placements/{placement_id}/events", role=role).status_code == 200


def test_an_admin_may_not_read_placements(api: Api) -> None:
    problem(api.get(f"/placements/{start(api)}/events", role=Role.ADMIN), 403)


@pytest.mark.parametrize("placement_id", [UNKNOWN, "not-a-uuid"])
def test_unknown_and_malformed_placement_ids_are_404(api: Api, placement_id: str) -> None:
    problem(api.get(f"/placements/{placement_id}"), 404)
    problem(api.get(f"/placements/{placement_id}/events"), 404)
    problem(api.post(f"/placements/{placement_id}/months", month("2026-04")), 404)
    problem(api.post(f"/placements/{placement_id}/end", {"reason": "x"}), 404)
    problem(api.post(f"/placements/{placement_id}/month-withdrawal", WITHDRAWAL), 404)


def test_an_unknown_worker_or_transfer_is_404(api: Api) -> None:
    worker_id = api.register().json()["id"]
    problem(api.post("/placements", placement_body(UNKNOWN)), 404)
    body = problem(api.post("/placements", placement_body(worker_id, transfer_id=UNKNOWN)), 404)
    assert "transfer" in body["detail"]


def test_a_transfer_of_another_worker_is_422(api: Api) -> None:
    other = api.register().json()["id"]
    transfer_id = api.post("/transfers", arrangement(other)).json()["id"]
    worker_id = api.register().json()["id"]

    body = problem(api.post("/placements", placement_body(worker_id, transfer_id=transfer_id)), 422)

    assert body["errors"][0]["field"] == "transfer_id"


def test_a_month_confirmed_twice_and_a_second_end_are_409_naming_the_state(api: Api) -> None:
    placement_id = start(api)
    api.post(f"/placements/{placement_id}/months", month("2026-04"))

    twice = problem(api.post(f"/placements/{placement_id}/months", month("2026-04")), 409)
    api.post(f"/placements/{placement_id}/end", {"reason": "x", "end_date": "2026-10-31"})
    again = problem(api.post(f"/placements/{placement_id}/end", {"reason": "y"}), 409)

    assert twice["state"] == "active"
    assert "already confirmed" in twice["detail"]
    assert (again["state"], again["command"]) == ("ended", "end the placement")


def test_withdrawing_a_month_that_is_not_confirmed_is_409_naming_the_state(api: Api) -> None:
    placement_id = start(api)

    body = problem(api.post(f"/placements/{placement_id}/month-withdrawal", WITHDRAWAL), 409)

    assert (body["state"], body["command"]) == ("active", "withdraw month 2026-04")
    assert "not confirmed" in body["detail"]
    assert api.get(f"/placements/{placement_id}").json()["version"] == 1


def test_starting_a_placement_for_a_deactivated_worker_is_409(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "moved away"})

    body = problem(api.post("/placements", placement_body(worker_id)), 409)

    assert body["state"] == "deactivated"


@pytest.mark.parametrize(
    ("command", "body"),
    [
        ("months", month("2026-05")),
        ("end", {"reason": "x"}),
        ("month-withdrawal", WITHDRAWAL),
    ],
)
def test_a_stale_if_match_is_412_and_changes_nothing(
    api: Api, command: str, body: dict[str, Any]
) -> None:
    placement_id = start(api)
    api.post(f"/placements/{placement_id}/months", month("2026-04"))
    current = api.get(f"/placements/{placement_id}").json()

    response = api.post(f"/placements/{placement_id}/{command}", body, **{"If-Match": '"1"'})

    assert problem(response, 412)["current_version"] == 2
    assert response.headers["etag"] == '"2"'
    assert api.get(f"/placements/{placement_id}").json() == current


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("employer_code", {"employer_code": EMPLOYER_CODE[:-1] + "0"}),
        ("employer_code", {"employer_code": "91370602"}),
        ("monthly_wage", {"monthly_wage": "5200.001"}),
        ("monthly_wage", {"monthly_wage": "-1"}),
        ("monthly_wage", {"monthly_wage": "about 5000"}),
        ("workplace_division", {"workplace_division": "999999"}),
        ("contract_type", {"contract_type": "verbal"}),
        ("kind", {"kind": "remote"}),
        ("start_date", {"start_date": "2099-01-01"}),
        ("start_date", {"occurred_on": "2026-03-20"}),  # contradicts start_date
        ("position", {"position": ""}),
        ("salary", {"salary": "5200"}),  # unknown fields are refused
    ],
)
def test_invalid_starts_are_422_naming_the_field(
    api: Api, field: str, overrides: dict[str, Any]
) -> None:
    worker_id = api.register().json()["id"]
    body = problem(api.post("/placements", placement_body(worker_id, **overrides)), 422)
    assert field in [e["field"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("command", "body", "field"),
    [
        ("months", month("2026-5"), "month"),
        ("months", month("2026-02"), "month"),  # before the start month
        ("months", month("2099-01"), "month"),  # in the future
        ("months", {"month": "2026-04", "evidence": "hearsay"}, "evidence"),
        ("end", {"reason": "x", "end_date": "2026-03-17"}, "end_date"),
        ("end", {"reason": "x", "end_date": "2099-01-01"}, "end_date"),
        ("end", {"end_date": "2026-09-30"}, "reason"),
    ],
)
def test_invalid_commands_are_422_naming_the_field(
    api: Api, command: str, body: dict[str, Any], field: str
) -> None:
    placement_id = start(api)
    refused = problem(api.post(f"/placements/{placement_id}/{command}", body), 422)
    assert field in [e["field"] for e in refused["errors"]]
    assert api.get(f"/placements/{placement_id}").json()["version"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"month": "2026-4", "reason": "误录"}, "month"),
        ({"reason": "误录"}, "month"),
        ({"month": "2026-04", "reason": ""}, "reason"),
        ({"month": "2026-04", "reason": "   "}, "reason"),
        ({"month": "2026-04"}, "reason"),
        ({"month": "2026-04", "reason": "误录", "occurred_on": "2099-01-01"}, "occurred_on"),
        ({"month": "2026-04", "reason": "误录", "evidence": "payroll"}, "evidence"),
    ],
)
def test_invalid_withdrawals_are_422_naming_the_field(
    api: Api, body: dict[str, Any], field: str
) -> None:
    placement_id = start(api)
    api.post(f"/placements/{placement_id}/months", month("2026-04"))

    refused = problem(api.post(f"/placements/{placement_id}/month-withdrawal", body), 422)

    assert field in [e["field"] for e in refused["errors"]]
    assert api.get(f"/placements/{placement_id}").json()["version"] == 2
