"""HTTP: GET /audit/integrity — the chain's head and the last verification, for auditors only."""

from __future__ import annotations

import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from domain.actor import Role
from interfaces.http.app import create_app
from tests.conftest import settings_for
from tests.e2e.conftest import Api
from tests.support.problems import problem
from tests.support.server import server_env

BIN = Path(sys.executable).parent


def audit_verify(api: Api) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), "audit", "verify"],
        env=server_env(api.settings.database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_auditor_sees_the_chain_head_and_the_last_verification(api: Api) -> None:
    api.register()
    api.register()
    api.project()
    before = api.get("/audit/integrity", role=Role.AUDITOR)
    started = datetime.now(UTC)

    verified = audit_verify(api)
    after = api.get("/audit/integrity", role=Role.AUDITOR)

    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert before.status_code == 200, before.text
    head = before.json()["log_head"]
    assert before.json()["chain"]["position"] == head
    assert before.json()["last_verification"] is None
    body = after.json()
    last = body["last_verification"]
    assert last["intact"] is True
    assert (last["log_head"], last["chain_position"], last["uncovered"]) == (head, head, 0)
    assert last["checked"] == 2
    assert last["chain_hash"] == body["chain"]["chain_hash"]
    assert last["first_difference"] is None and last["checkpoint"] is None
    assert started - timedelta(seconds=5) <= datetime.fromisoformat(last["verified_at"])


def test_a_failed_verification_shows_the_first_position_and_its_kind(api: Api) -> None:
    api.register()
    position = int(api.register().headers["X-Position"])
    api.project()
    table, column = (
        ("laborbridge_events", "notification_id")
        if api.settings.database.is_postgres
        else ("stored_events", "rowid")
    )
    db = api.client.app.state.db  # type: ignore[attr-defined]
    with db.transaction() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", (position,))

    assert audit_verify(api).returncode == 1
    last = api.get("/audit/integrity", role=Role.AUDITOR).json()["last_verification"]

    assert last["intact"] is False
    assert last["first_difference"]["position"] == position
    assert last["first_difference"]["kind"] == "deleted"


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.ADMIN])
def test_only_auditors_read_the_integrity_status(api: Api, role: Role) -> None:
    response = api.get("/audit/integrity", role=role)

    assert "audit" in problem(response, 403)["detail"]


def test_the_integrity_status_needs_a_token(api: Api) -> None:
    assert api.get("/audit/integrity", role=None).status_code == 401


def test_the_status_says_checkpoints_signed_with_the_development_key_prove_nothing(
    api: Api,
) -> None:
    body = api.get("/audit/integrity", role=Role.AUDITOR).json()

    assert body["signing_key"] == "development"
    assert "built-in development key" in body["signing_key_warning"]
    assert "proves nothing" in body["signing_key_warning"]


def test_the_status_with_a_configured_signing_key_carries_no_warning(api: Api) -> None:
    settings = settings_for(api.settings.database_url, signing_key=secrets.token_hex(32))
    with TestClient(create_app(settings)) as client:
        response = client.get(
            "/api/v1/audit/integrity",
            headers={"Authorization": f"Bearer {api.tokens[Role.AUDITOR]}"},
        )

    assert response.status_code == 200, response.text
    assert (response.json()["signing_key"], response.json()["signing_key_warning"]) == (
        "configured",
        None,
    )
