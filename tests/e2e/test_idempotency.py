"""HTTP: Idempotency-Key makes a retried POST safe."""

from __future__ import annotations

import httpx

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.support.factories import registration_body


def test_a_retried_registration_returns_the_first_response_and_records_nothing(api: Api) -> None:
    body = registration_body()
    first = api.post("/workers", body, **{"Idempotency-Key": "reg-0001"})
    retry = api.post("/workers", body, **{"Idempotency-Key": "reg-0001"})

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["etag"] == first.headers["etag"]
    assert retry.headers["idempotent-replayed"] == "true"
    position = api.client.get("/ready").json()["log_position"]
    assert position == int(first.headers["x-position"])


def test_a_retried_command_is_applied_once(api: Api) -> None:
    worker_id = api.register().json()["id"]
    for _ in range(3):
        response = api.post(
            f"/workers/{worker_id}/skills",
            {"skills": ["焊工"]},
            **{"Idempotency-Key": "skills-once"},
        )
        assert response.status_code == 200
        assert response.headers["etag"] == '"2"'
    assert len(api.get(f"/workers/{worker_id}/events").json()["events"]) == 2


def test_the_same_key_with_another_body_is_refused(api: Api) -> None:
    api.post("/workers", registration_body(), **{"Idempotency-Key": "reused"})

    response = api.post("/workers", registration_body(), **{"Idempotency-Key": "reused"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


def test_the_same_key_with_another_query_is_refused(api: Api) -> None:
    first, second = (api.register().json()["id"] for _ in range(2))
    api.project()

    def evaluate(worker_id: str) -> httpx.Response:
        headers = api.headers(Role.CASEWORKER, **{"Idempotency-Key": "evaluate-1"})
        return api.client.post(
            "/api/v1/subsidies/evaluation", params={"worker_id": worker_id}, headers=headers
        )

    assert evaluate(first).status_code == 200
    assert evaluate(first).headers["idempotent-replayed"] == "true"
    response = evaluate(second)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"


def test_keys_belong_to_the_caller(api: Api) -> None:
    from domain.actor import Role

    body = registration_body()
    first = api.post("/workers", body, **{"Idempotency-Key": "shared-key"})
    other = api.post("/workers", body, role=Role.MEDIATOR, **{"Idempotency-Key": "shared-key"})
    assert first.status_code == 201
    assert other.status_code == 403


def test_errors_are_replayed_too_but_auth_failures_are_not(api: Api) -> None:
    body = registration_body(mobile="123")
    first = api.post("/workers", body, **{"Idempotency-Key": "bad-mobile"})
    retry = api.post("/workers", body, **{"Idempotency-Key": "bad-mobile"})
    assert first.status_code == retry.status_code == 422
    assert retry.json() == first.json()

    denied = api.client.post(
        "/api/v1/workers", json=registration_body(), headers={"Idempotency-Key": "no-auth"}
    )
    assert denied.status_code == 401


def test_a_malformed_key_is_refused(api: Api) -> None:
    response = api.post("/workers", registration_body(), **{"Idempotency-Key": "x" * 300})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
