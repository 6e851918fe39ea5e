"""Read-your-writes: `min_position` waits for the in-process projector, or 503."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from domain.actor import Role
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from interfaces.http.app import create_app
from tests.conftest import database_url_for, settings_for
from tests.support.factories import registration_body


def _client(url: str, **settings: object) -> tuple[TestClient, dict[str, str]]:
    config = settings_for(url, **settings)
    db = open_database(config.database)
    from infrastructure.schema import create_tables

    create_tables(db)
    token = TokenStore(db).issue(user="li.ming", role=Role.CASEWORKER, office="500237")[1]
    db.close()
    return TestClient(create_app(config)), {"Authorization": f"Bearer {token}"}


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_url_for(request.param, request, tmp_path)


@pytest.fixture
def live(url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    client, headers = _client(url, run_projector=True, projector_poll_seconds=0.2)
    with client:
        yield client, headers


def test_a_query_with_min_position_sees_the_write_it_follows(
    live: tuple[TestClient, dict[str, str]],
) -> None:
    client, headers = live
    written = client.post("/api/v1/workers", json=registration_body(name="向春燕"), headers=headers)
    position = written.headers["x-position"]

    found = client.get(
        "/api/v1/workers", params={"q": "向春", "min_position": position}, headers=headers
    )

    assert found.status_code == 200, found.text
    assert [w["id"] for w in found.json()["items"]] == [written.json()["id"]]
    ready = client.get("/ready").json()
    assert all(m["position"] >= int(position) for m in ready["read_models"].values())


def test_without_a_projector_min_position_answers_503_with_retry_after(url: str) -> None:
    client, headers = _client(url, run_projector=False, read_wait_seconds=0.3)
    with client:
        written = client.post("/api/v1/workers", json=registration_body(), headers=headers)
        response = client.get(
            "/api/v1/workers",
            params={"min_position": written.headers["x-position"]},
            headers=headers,
        )
        lag = client.get("/ready").json()["read_models"]
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.headers["content-type"] == "application/problem+json"
    assert all(m["lag"] >= 1 for m in lag.values())
