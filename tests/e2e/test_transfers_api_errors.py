"""HTTP: every error status of /transfers, as problem+json naming the field or state."""

from __future__ import annotations

from typing import Any

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.transfer_placement_bodies import (
    UNKNOWN,
    arrange,
    arrangement,
)
from tests.support.problems import problem


def test_requests_without_a_token_get_401(api: Api) -> None:
    transfer_id = arrange(api)
    problem(api.post("/transfers", arrangement(UNKNOWN), role=None), 401)
    problem(api.post(f"/transfers/{transfer_id}/arrival", {}, role=None), 401)
    problem(api.get(f"/transfers/{transfer_id}", role=None), 401)
    problem(api.get(f"/transfers/{transfer_id}/events", role=None), 401)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR, Role.ADMIN])
@pytest.mark.parametrize(
    ("command", "body"),
    [
        ("departure", {"mode": "train"}),
        ("arrival", {}),
        ("cancellation", {"reason": "x"}),
        ("return", {"reason": "x"}),
    ],
)
def test_only_caseworkers_may_record_transfers(
    api: Api, role: Role, command: str, body: dict[str, Any]
) -> None:
    transfer_id = arrange(api)
    worker_id = api.get(f"/transfers/{transfer_id}").json()["worker_id"]
    problem(api.post("/transfers", arrangement(worker_id), role=role), 403)
    problem(api.post(f"/transfers/{transfer_id}/{command}", body, role=role), 403)
    assert api.get(f"/transfers/{transfer_id}").json()["version"] == 1


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR])
def test_caseworkers_mediators_and_auditors_may_read(api: Api, role: Role) -> None:
    transfer_id = arrange(api)
    assert api.get(f"/transfers/{transfer_id}", role=role).status_code == 200
    assert api.get(f"/transfers/{transfer_id}/events", role=role).status_code == 200


def test_an_admin_may_not_read_transfers(api: Api) -> None:
    problem(api.get(f"/transfers/{arrange(api)}", role=Role.ADMIN), 403)


@pytest.mark.parametrize("transfer_id", [UNKNOWN, "not-a-uuid", "500237198503011237"])
def test_unknown_and_malformed_transfer_ids_are_404(api: Api, transfer_id: str) -> None:
    problem(api.get(f"/transfers/{transfer_id}"), 404)
    problem(api.get(f"/transfers/{transfer_id}/events"), 404)
    response = api.post(f"/transfers/{transfer_id}/departure", {"mode": "train"})
    problem(response, 404)
    assert "500237198503011237" not in response.text


def test_a_worker_id_is_not_a_transfer_and_an_unknown_worker_is_404(api: Api) -> None:
    worker_id = api.register().json()["id"]
    problem(api.get(f"/transfers/{worker_id}"), 404)
    problem(api.post("/transfers", arrangement(UNKNOWN)), 404)


def test_a_step_in_the_wrong_state_is_409_naming_the_state(api: Api) -> None:
    transfer_id = arrange(api)

    body = problem(api.post(f"/transfers/{transfer_id}/arrival", {}), 409)

    assert (body["state"], body["command"]) == ("arranged", "record the arrival")
    assert "arranged" in body["detail"]
    api.post(f"/transfers/{transfer_id}/cancellation", {"reason": "x"})
    assert (
        problem(api.post(f"/transfers/{transfer_id}/return", {"reason": "x"}), 409)["state"]
        == "cancelled"
    )


def test_arranging_a_transfer_for_a_deactivated_worker_is_409(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "moved away"})

    body = problem(api.post("/transfers", arrangement(worker_id)), 409)

    assert body["state"] == "deactivated"
    assert "arrange a transfer" in body["detail"]


@pytest.mark.parametrize(
    ("command", "body"),
    [
        ("departure", {"mode": "train"}),
        ("arrival", {}),
        ("cancellation", {"reason": "x"}),
        ("return", {"reason": "x"}),
    ],
)
def test_a_stale_if_match_is_412_and_changes_nothing(
    api: Api, command: str, body: dict[str, Any]
) -> None:
    transfer_id = arrange(api)
    path = f"/transfers/{transfer_id}"
    if command in ("arrival", "return"):
        api.post(f"{path}/departure", {"mode": "train"})
    if command == "return":
        api.post(f"{path}/arrival", {})
    current = api.get(path).json()

    response = api.post(f"{path}/{command}", body, **{"If-Match": '"0"'})

    assert problem(response, 412)["current_version"] == current["version"]
    assert response.headers["etag"] == f'"{current["version"]}"'
    assert api.get(path).json() == current


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("destination", {"destination": "999999"}),
        ("destination", {"destination": "yantai"}),
        ("origin_office", {"origin_office": "12345"}),
        ("channel", {"channel": "word_of_mouth"}),
        ("planned_on", {"planned_on": "2026-03-01"}),
        ("planned_on", {"planned_on": "16/03/2026"}),
        ("occurred_on", {"occurred_on": "2099-01-01"}),
        ("actor", {"actor": {"user": "x", "role": "admin", "office": "370600"}}),
    ],
)
def test_invalid_arrangements_are_422_naming_the_field(
    api: Api, field: str, overrides: dict[str, Any]
) -> None:
    worker_id = api.register().json()["id"]
    body = problem(api.post("/transfers", arrangement(worker_id, **overrides)), 422)
    assert field in [e["field"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("command", "body", "field"),
    [
        ("departure", {"mode": "horse"}, "mode"),
        ("departure", {"mode": "train", "occurred_on": "2026-03-04"}, "occurred_on"),
        ("departure", {"mode": "train", "occurred_on": "2099-01-01"}, "occurred_on"),
        ("cancellation", {"reason": ""}, "reason"),
        ("cancellation", {}, "reason"),
    ],
)
def test_invalid_steps_are_422_naming_the_field(
    api: Api, command: str, body: dict[str, Any], field: str
) -> None:
    transfer_id = arrange(api)
    refused = problem(api.post(f"/transfers/{transfer_id}/{command}", body), 422)
    assert field in [e["field"] for e in refused["errors"]]
    assert api.get(f"/transfers/{transfer_id}").json()["version"] == 1
