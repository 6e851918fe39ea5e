"""The real thing: `laborbridge serve` in its own process, called over HTTP.

Also checks the log: one JSON `request_finished` line per request, and no
name, ID number or phone number anywhere in it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_SECRET
from tests.support.factories import id_number, registration_body, with_wrong_check_character

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env.update(
        LABORBRIDGE_DATABASE_URL=database_url,
        LABORBRIDGE_SECRET_KEY=TEST_SECRET,
        LABORBRIDGE_ENV="test",
    )
    return env


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("clean_postgres"))
    return f"sqlite:///{tmp_path / 'data' / 'laborbridge.db'}"


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Path]]:
    env = _env(database_url)
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "laborbridge"), "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                pytest.fail("server did not start: " + log_path.read_text())
            yield base, env, log_path
        finally:
            process.terminate()
            process.wait(timeout=10)


def _create_token(env: dict[str, str], role: str) -> str:
    result = subprocess.run(
        [
            str(BIN / "laborbridge"),
            "token",
            "create",
            "--user",
            f"{role}.one",
            "--role",
            role,
            "--office",
            "500237",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_a_worker_is_registered_and_read_over_real_http_without_leaking_personal_data(
    server: tuple[str, dict[str, str], Path],
) -> None:
    base, env, log_path = server
    token = _create_token(env, "caseworker")
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
    api_lines = [line for line in finished if line["path"].startswith("/api/")]
    assert len(api_lines) == 8
    for line in finished:
        assert {"request_id", "method", "path", "status", "duration_ms"} <= line.keys()
    assert len({line["request_id"] for line in finished}) == len(finished)
    for secret in (number, number[:-1], name, mobile, "13511112222", number[6:14]):
        assert secret not in text


def test_cli_prints_how_to_create_a_first_token(server: tuple[str, dict[str, str], Path]) -> None:
    _, _, log_path = server
    assert "laborbridge token create" in log_path.read_text()
