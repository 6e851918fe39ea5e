"""An API client over real persistence (SQLite and PostgreSQL), with a token per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from domain.actor import STAFF_ROLES, Role
from infrastructure.policy_process import SubsidyPolicyProcess
from infrastructure.projector import Projector
from infrastructure.readmodels.registry import all_projections
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from interfaces.http.app import create_app
from tests.conftest import database_url_for, settings_for
from tests.support.factories import registration_body
from tests.support.offices import PAIR


@dataclass
class Api:
    client: TestClient
    settings: Settings
    tokens: dict[Role, str]

    def headers(self, role: Role | None = Role.CASEWORKER, **extra: str) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        headers.update(extra)
        return headers

    def post(
        self, path: str, body: Any, role: Role | None = Role.CASEWORKER, **headers: str
    ) -> httpx.Response:
        return self.client.post(f"/api/v1{path}", json=body, headers=self.headers(role, **headers))

    def get(self, path: str, role: Role | None = Role.CASEWORKER, **params: Any) -> httpx.Response:
        return self.client.get(f"/api/v1{path}", params=params, headers=self.headers(role))

    def project(self) -> int:
        """Bring every read model and the subsidy policy up to the head of the log."""
        state = self.client.app.state  # type: ignore[attr-defined]
        projector = Projector(reader=state.journey, db=state.db, projections=all_projections())
        policy = SubsidyPolicyProcess(state.journey, state.db)
        total = 0
        # The policy records subsidies, which the read models then show.
        while done := projector.catch_up() + policy.catch_up():
            total += done
        return total

    def register(self, **overrides: Any) -> httpx.Response:
        response = self.post("/workers", registration_body(**overrides))
        assert response.status_code == 201, response.text
        return response


@pytest.fixture(params=["sqlite", "postgres"])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    tokens = issue_tokens(settings, "user")
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, tokens)


def issue_tokens(settings: Settings, suffix: str) -> dict[Role, str]:
    """A token for each staff role (users `<role>.<suffix>`, office 500237); the
    mediator and the auditor are the cooperation pair's (scope pair:500237-370600)."""
    db = open_database(settings.database)
    try:
        create_tables(db)
        store = TokenStore(db)
        return {
            role: store.issue(
                user=f"{role.value}.{suffix}",
                role=role,
                office="500237",
                scope=PAIR if role in (Role.MEDIATOR, Role.AUDITOR) else None,
            )[1]
            for role in STAFF_ROLES
        }
    finally:
        db.close()
