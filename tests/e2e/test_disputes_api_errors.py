"""HTTP: who may do what with a dispute, and every error status of /disputes."""

from __future__ import annotations

from typing import Any

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import COMMANDS, DIGEST, open_dispute, opening_body, run
from tests.support.problems import problem

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_caseworker_may_open_but_not_handle_a_dispute(api: Api, command: str) -> None:
    dispute_id = open_dispute(api, role=Role.CASEWORKER)

    response = api.post(f"/disputes/{dispute_id}/{command}", COMMANDS[command], Role.CASEWORKER)

    assert "may not handle disputes" in problem(response, 403)["detail"]
    assert api.get(f"/disputes/{dispute_id}").json()["version"] == 1


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN])
@pytest.mark.parametrize("command", COMMANDS)
def test_auditors_and_admins_may_not_handle_a_dispute(api: Api, role: Role, command: str) -> None:
    dispute_id = open_dispute(api)

    problem(api.post(f"/disputes/{dispute_id}/{command}", COMMANDS[command], role), 403)

    assert api.get(f"/disputes/{dispute_id}", role=Role.MEDIATOR).json()["version"] == 1


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN])
def test_auditors_and_admins_may_not_open_a_dispute(api: Api, role: Role) -> None:
    worker_id = api.register().json()["id"]
    problem(api.post("/disputes", opening_body(worker_id), role), 403)


@pytest.mark.parametrize("suffix", ["", "/events"])
def test_an_admin_may_not_read_disputes(api: Api, suffix: str) -> None:
    dispute_id = open_dispute(api)
    problem(api.get(f"/disputes/{dispute_id}{suffix}", role=Role.ADMIN), 403)


def test_requests_without_a_valid_token_get_401(api: Api) -> None:
    dispute_id = open_dispute(api)
    for headers in ({}, {"Authorization": "Bearer lb_not-a-real-token"}):
        for response in (
            api.client.post("/api/v1/disputes", json={}, headers=headers),
            api.client.post(f"/api/v1/disputes/{dispute_id}/mediator", json={}, headers=headers),
            api.client.get(f"/api/v1/disputes/{dispute_id}", headers=headers),
        ):
            problem(response, 401)


@pytest.mark.parametrize("dispute_id", [UNKNOWN, "not-a-uuid", "500237198503011237"])
def test_unknown_or_malformed_dispute_ids_are_404(api: Api, dispute_id: str) -> None:
    responses = [
        api.get(f"/disputes/{dispute_id}"),
        api.get(f"/disputes/{dispute_id}/events"),
        api.post(f"/disputes/{dispute_id}/reopening", {"reason": "x"}, Role.MEDIATOR),
    ]
    for response in responses:
        assert "dispute" in problem(response, 404)["detail"]
        assert "500237198503011237" not in response.text


def test_a_worker_id_is_not_a_dispute_id(api: Api) -> None:
    worker_id = api.register().json()["id"]
    problem(api.get(f"/disputes/{worker_id}"), 404)


def test_opening_a_dispute_for_an_unknown_worker_is_404(api: Api) -> None:
    problem(api.post("/disputes", opening_body(UNKNOWN), Role.MEDIATOR), 404)


def test_opening_a_dispute_for_a_deactivated_worker_is_409(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "moved away"})

    body = problem(api.post("/disputes", opening_body(worker_id), Role.MEDIATOR), 409)

    assert (body["state"], body["command"]) == ("deactivated", "open a dispute")


@pytest.mark.parametrize(
    ("before", "command", "state", "named"),
    [
        ((), "sessions", "opened", "record a mediation session"),
        ((), "settlement", "opened", "settle the dispute"),
        ((), "reopening", "opened", "reopen the dispute"),
        (("escalation",), "mediator", "escalated", "assign a mediator"),
        (("mediator", "settlement"), "escalation", "settled", "escalate the dispute"),
        (("closure",), "evidence", "closed", "add evidence"),
        (("closure",), "closure", "closed", "close the dispute"),
    ],
)
def test_a_command_in_the_wrong_state_is_409_naming_state_and_command(
    api: Api, before: tuple[str, ...], command: str, state: str, named: str
) -> None:
    dispute_id = open_dispute(api)
    run(api, dispute_id, *before)

    response = api.post(f"/disputes/{dispute_id}/{command}", COMMANDS[command], Role.MEDIATOR)

    body = problem(response, 409)
    assert (body["state"], body["command"]) == (state, named)
    assert state in body["detail"]
    assert api.get(f"/disputes/{dispute_id}").json()["version"] == 1 + len(before)


def test_a_stale_if_match_is_412_and_changes_nothing(api: Api) -> None:
    dispute_id = open_dispute(api)
    run(api, dispute_id, "mediator")

    response = api.post(
        f"/disputes/{dispute_id}/escalation",
        COMMANDS["escalation"],
        Role.MEDIATOR,
        **{"If-Match": '"1"'},
    )

    assert problem(response, 412)["current_version"] == 2
    assert response.headers["etag"] == '"2"'
    assert api.get(f"/disputes/{dispute_id}").json()["status"] == "in_mediation"
    fresh = api.post(
        f"/disputes/{dispute_id}/escalation",
        COMMANDS["escalation"],
        Role.MEDIATOR,
        **{"If-Match": '"2"'},
    )
    assert fresh.status_code == 200


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("amount_claimed", {"amount_claimed": "-1"}),
        ("amount_claimed", {"amount_claimed": "18600.005"}),
        ("employer_code", {"employer_code": "91370600MA3C7X8K02"}),
        ("kind", {"kind": "noise"}),
        ("occurred_on", {"occurred_on": "2099-01-01"}),
        ("description", {"description": ""}),
        ("worker_id", {"worker_id": "500237198503011237"}),
        ("actor", {"actor": {"user": "x", "role": "admin", "office": "500237"}}),
    ],
)
def test_an_invalid_opening_is_422_naming_the_field(
    api: Api, field: str, overrides: dict[str, Any]
) -> None:
    worker_id = api.register(occurred_on="2026-01-02").json()["id"]  # before the opening

    body = {**opening_body(worker_id), **overrides}

    response = api.post("/disputes", body, Role.MEDIATOR)

    assert field in [e["field"] for e in problem(response, 422)["errors"]]
    assert "500237198503011237" not in response.text


@pytest.mark.parametrize(
    ("before", "command", "body", "field"),
    [
        ((), "evidence", {**COMMANDS["evidence"], "sha256": DIGEST[:-1]}, "sha256"),
        (
            ("mediator",),
            "settlement",
            {"amount_agreed": "100", "amount_recovered": "100.01"},
            "amount_recovered",
        ),
        (("mediator",), "sessions", {**COMMANDS["sessions"], "attendees": []}, "attendees"),
        (
            ("mediator",),
            "sessions",
            {**COMMANDS["sessions"], "occurred_on": "2026-01-04"},
            "occurred_on",
        ),
        ((), "escalation", {**COMMANDS["escalation"], "to": "newspaper"}, "to"),
        ((), "closure", {"outcome": "forgotten"}, "outcome"),
    ],
)
def test_an_invalid_command_is_422_naming_the_field_and_changes_nothing(
    api: Api, before: tuple[str, ...], command: str, body: dict[str, Any], field: str
) -> None:
    dispute_id = open_dispute(api)
    run(api, dispute_id, *before)

    response = api.post(f"/disputes/{dispute_id}/{command}", body, Role.MEDIATOR)

    assert field in [e["field"] for e in problem(response, 422)["errors"]]
    assert api.get(f"/disputes/{dispute_id}").json()["version"] == 1 + len(before)
