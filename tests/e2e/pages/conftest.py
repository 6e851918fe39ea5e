"""The app with a caseworker's account, and a signed-in browser for it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from domain.actor import Role
from infrastructure.settings import Settings
from interfaces.http.app import create_app
from tests.conftest import database_url_for, settings_for
from tests.e2e.conftest import Api, issue_tokens
from tests.support.pages import Browser, browser_for, create_account

CASEWORKER = "li.ming"


@dataclass
class Site:
    api: Api  # the JSON API on the same app, for arranging and checking
    settings: Settings

    def browser(self) -> Browser:
        """Another person's browser: cookies of its own, the same running app."""
        return Browser(browser_for(self.api.client.app))

    def signed_in(self, user: str = CASEWORKER) -> Browser:
        browser = self.browser()
        assert browser.sign_in(user).status_code == 303
        return browser


@pytest.fixture(params=["sqlite", "postgres"])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    # The pages read their own writes (read models waited for): the projector runs.
    settings = settings_for(
        database_url_for(request.param, request, tmp_path),
        run_projector=True,
        projector_poll_seconds=0.05,
    )
    tokens = issue_tokens(settings, "user")
    for user, role in ((CASEWORKER, Role.CASEWORKER), ("wang.fang", Role.MEDIATOR),
                       ("zhao.min", Role.AUDITOR), ("admin.one", Role.ADMIN)):  # fmt: skip
        create_account(settings, user, role)
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        yield Site(Api(client, settings, tokens), settings)
