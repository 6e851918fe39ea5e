"""HTTP: Idempotency-Key makes a retried POST safe."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import httpx

from application import commands as c
from application.idempotency import IdempotentRequest, idempotent_request
from domain.actor import Actor, Role
from infrastructure.idempotency import IdempotencyStore, request_digest
from tests.e2e.conftest import Api
from tests.support.factories import registration_body
from tests.support.problems import problem


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


def test_keys_belong_to_the_token_however_the_scheme_is_spelled(api: Api) -> None:
    worker_id = api.register().json()["id"]
    secret = api.tokens[Role.CASEWORKER]
    answers = [
        api.client.post(
            f"/api/v1/workers/{worker_id}/support-services",
            json={"kind": "holiday_visit", "description": "春节慰问"},
            headers={"Authorization": authorization, "Idempotency-Key": "visit-2026-01"},
        )
        for authorization in (
            f"Bearer {secret}",
            f"bearer {secret}",
            f"Bearer  {secret}",
            f"BEARER {secret}",
        )
    ]

    assert [a.status_code for a in answers] == [200] * 4
    assert [a.headers.get("idempotent-replayed") for a in answers] == [None] + ["true"] * 3
    events = api.get(f"/workers/{worker_id}/events").json()["events"]
    assert [e["type"] for e in events] == ["Worker.Registered", "Worker.SupportServiceRecorded"]


def test_a_key_still_running_answers_409_with_retry_after(api: Api) -> None:
    store = api.client.app.state.idempotency  # type: ignore[attr-defined]
    body = registration_body()
    fingerprint = _fingerprint("/api/v1/workers", body)
    store.reserve(_token_id(api), "busy-key", fingerprint)  # another server runs it now

    response = api.post("/workers", body, **{"Idempotency-Key": "busy-key"})

    assert problem(response, 409)["type"] == "/problems/idempotency-in-progress"
    assert 1 <= int(response.headers["retry-after"]) <= 10


def test_a_retry_after_a_crash_past_the_commit_answers_what_was_recorded(api: Api) -> None:
    """The server died after the registration committed, before it kept the
    answer: the retry gets the 201 of that registration, and nothing is recorded
    again."""
    body = registration_body()
    namespace, key = _token_id(api), "crashed-after-commit"
    _dead_server(api).reserve(namespace, key, _fingerprint("/api/v1/workers", body))
    journey = api.client.app.state.journey  # type: ignore[attr-defined]
    with idempotent_request(IdempotentRequest(request_digest(namespace, key))):
        recorded = journey.register_worker(_register(body))

    retry = api.post("/workers", body, **{"Idempotency-Key": key})

    assert retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    assert retry.headers["etag"] == '"1"'
    assert retry.headers["x-position"] == str(recorded.position)
    assert retry.headers["location"] == f"/api/v1/workers/{recorded.aggregate_id}"
    assert retry.json()["id"] == str(recorded.aggregate_id)
    assert len(api.get(f"/workers/{recorded.aggregate_id}/events").json()["events"]) == 1
    again = api.post("/workers", body, **{"Idempotency-Key": key})
    assert again.status_code == 201 and again.json() == retry.json()


def test_a_retry_after_a_crash_before_the_commit_runs_the_command_once(api: Api) -> None:
    body = registration_body()
    namespace, key = _token_id(api), "crashed-before-commit"
    _dead_server(api).reserve(namespace, key, _fingerprint("/api/v1/workers", body))

    retry = api.post("/workers", body, **{"Idempotency-Key": key})

    assert retry.status_code == 201, retry.text
    assert "idempotent-replayed" not in retry.headers
    assert len(api.get(f"/workers/{retry.json()['id']}/events").json()["events"]) == 1


def _token_id(api: Api) -> str:
    token = api.client.app.state.tokens.authenticate(api.tokens[Role.CASEWORKER])  # type: ignore[attr-defined]
    return str(token.token_id)


def _fingerprint(path: str, body: dict[str, object]) -> str:
    """As the middleware computes it from what httpx sends for `json=body`."""
    import json

    content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(b"POST " + path.encode() + b"?\n" + content.encode()).hexdigest()


def _dead_server(api: Api) -> IdempotencyStore:
    """Another server process, whose lease ran out the moment it reserved."""
    store = api.client.app.state.idempotency  # type: ignore[attr-defined]
    return IdempotencyStore(store.db, store.ring, store.markers, lease=timedelta(0))


def _register(body: dict[str, object]) -> c.RegisterWorker:
    return c.RegisterWorker(
        actor=Actor(user="caseworker.user", role=Role.CASEWORKER, office="500237"),
        occurred_on=date.fromisoformat(str(body["occurred_on"])),
        name=str(body["name"]),
        id_number=str(body["id_number"]),
        mobile=str(body["mobile"]),
        hukou_division=str(body["hukou_division"]),
        hukou_township=str(body["hukou_township"]),
        poverty_status=str(body["poverty_status"]),
        consent=True,
    )
