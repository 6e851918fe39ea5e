"""The real thing: `laborbridge serve` in its own process, called over HTTP.

Also checks the log: one JSON `request_finished` line per request, and no
name, ID number or phone number anywhere in it.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx
import pytest

from tests.support.factories import id_number, registration_body, with_wrong_check_character
from tests.support.server import Server, running_server


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("clean_postgres"))
    return f"sqlite:///{tmp_path / 'data' / 'laborbridge.db'}"


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[Server]:
    with running_server(database_url, tmp_path / "server.log") as server:
        yield server


def test_a_worker_is_registered_and_read_over_real_http_without_leaking_personal_data(
    server: Server,
) -> None:
    base, log_path = server.base_url, server.log_path
    token = server.create_token("caseworker")
    assert token.startswith("lb_") and " " not in token
    headers = {"Authorization": f"Bearer {token}"}
    number, name, mobile = id_number(), "向春燕", "13987654321"
    body = registration_body(id_number=number, name=name, mobile=mobile)

    with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
        created = client.post("/api/v1/workers", json=body)
        assert created.status_code == 201, created.text
        worker_id = created.json()["id"]
        assert client.get(f"/api/v1/workers/{worker_id}").json()["name"] == name
        assert client.post("/api/v1/workers", json=body).status_code == 409
        bad = registration_body(id_number=with_wrong_check_character(number))
        assert client.post("/api/v1/workers", json=bad).status_code == 422
        assert client.get(f"/api/v1/workers/{number}").status_code == 404
        assert client.get(f"/api/v1/workers/{mobile}/events").status_code == 404
        assert (
            client.post(
                f"/api/v1/workers/{worker_id}/contact", json={"mobile": "13511112222"}
            ).status_code
            == 200
        )
        assert (
            client.get("/api/v1/workers/x", headers={"Authorization": "Bearer nope"}).status_code
            == 401
        )
    time.sleep(0.3)  # let the last log lines reach the file

    text = log_path.read_text()
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    finished = [line for line in lines if line["event"] == "request_finished"]
    api_lines = [line for line in finished if line["route"] != "/health"]
    assert len(api_lines) == 8
    for line in finished:
        assert {"request_id", "method", "route", "status", "duration_ms"} <= line.keys()
        assert "path" not in line
    assert len({line["request_id"] for line in finished}) == len(finished)
    for secret in (number, number[:-1], name, mobile, "13511112222", number[6:14]):
        assert secret not in text


def test_cli_prints_how_to_create_a_first_token(server: Server) -> None:
    assert "laborbridge token create" in server.log_path.read_text()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/workers/欧阳娜娜",
        "/api/v1/workers/500237-19740815-3777",
        "/api/v1/workers/tel13712345678",
        "/api/v1/workers/𠀀𠀾娜",  # names outside the Basic Multilingual Plane
        "/api/v1/workers/500237 19740815 3777/events",
        "/api/v1/workers/５００２３７１９７４０８１５３７７７",  # full-width digits
        "/api/v1/nowhere/欧阳娜娜",  # no route at all
    ],
)
def test_personal_data_in_a_path_or_query_never_reaches_the_log(server: Server, path: str) -> None:
    token = server.create_token("caseworker")
    query = {"q": "欧阳", "township": "13712345678"}
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        response = client.get(path, params=query, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404
    time.sleep(0.3)  # let the last log lines reach the file

    text = server.log_path.read_text()
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    logged = [line for line in lines if line.get("status") == 404]
    assert len(logged) == 1
    assert logged[0]["route"] in (
        "/api/v1/workers/{worker_id}",
        "/api/v1/workers/{worker_id}/events",
        None,
    )
    assert logged[0]["query"] == ["q", "township"]
    segment = path.split("/")[4 if path.startswith("/api/v1/workers/") else 3]
    for secret in (segment, "欧阳", "13712345678", "娜"):
        assert secret not in text


def test_a_hostile_parameter_leaves_the_keep_alive_connection_open(server: Server) -> None:
    """Before, `?q=%00` reached PostgreSQL, failed with a 500 and reset the connection."""
    token = server.create_token("caseworker")
    parts = urlsplit(server.base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        reader = connection.makefile("rb")
        for query, status in (("q=%00", 422), ("township=%00", 422), ("q=%E5%86%89", 200)):
            connection.sendall(
                f"GET /api/v1/workers?{query} HTTP/1.1\r\nHost: test\r\n"
                f"Authorization: Bearer {token}\r\n\r\n".encode()
            )
            assert _response_status(reader) == status


def _response_status(reader: BinaryIO) -> int:
    """Read one whole HTTP/1.1 response (it must say its length) off the connection."""
    status = int(reader.readline().split(b" ", 2)[1])
    length = 0
    while (line := reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        assert name.lower() != "connection" or value.strip().lower() != "close"
    reader.read(length)
    return status
