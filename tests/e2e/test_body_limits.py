"""HTTP: bodies are bounded before they are read, and callers authenticated first.

(How much of a body the server reads is measured over a real socket in
tests/integration/test_body_limits_over_http.py: the test client reads all.)"""

from __future__ import annotations

import json
from collections.abc import Iterator

from tests.e2e.conftest import Api
from tests.support.factories import registration_body
from tests.support.problems import problem

LIMIT = 1024 * 1024  # the default LABORBRIDGE_MAX_BODY_BYTES


def test_a_body_declared_over_the_limit_is_refused_with_413(api: Api) -> None:
    body = json.dumps(registration_body(note="x" * 10)).encode()
    response = api.client.post(
        "/api/v1/workers",
        content=body,
        headers=api.headers(
            **{"Content-Type": "application/json", "Content-Length": str(LIMIT + 1)}
        ),
    )
    assert problem(response, 413)["max_body_bytes"] == LIMIT


def test_a_streamed_body_is_cut_off_as_soon_as_it_passes_the_limit(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 4 MiB in all, no Content-Length
            yield b" " * 65536

    response = api.client.post(
        "/api/v1/workers",
        content=chunks(),
        headers=api.headers(**{"Content-Type": "application/json"}),
    )
    body = problem(response, 413)
    assert body["errors"] == [{"field": "body", "message": f"must be at most {LIMIT} bytes"}]


def test_malformed_json_from_an_unknown_caller_is_a_401_not_a_422(api: Api) -> None:
    response = api.client.post(
        "/api/v1/workers",
        content=b"{broken",
        headers={"Authorization": "Bearer lb_wrong", "Content-Type": "application/json"},
    )
    problem(response, 401)


def test_a_nonsense_content_length_is_refused(api: Api) -> None:
    response = api.client.post(
        "/api/v1/workers",
        content=b"{}",
        headers=api.headers(**{"Content-Type": "application/json", "Content-Length": "9" * 40}),
    )
    assert problem(response, 400)["errors"][0]["field"] == "Content-Length"


def test_a_body_within_the_limit_is_served(api: Api) -> None:
    response = api.post("/workers", registration_body(note="备注" * 400))
    assert response.status_code == 201, response.text
