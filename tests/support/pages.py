"""Signed-in page sessions over HTTP (TestClient): what a browser sends.

Cookies are Secure outside development, so the client speaks https to the
test server. Forms are read back from the page as a browser would: every
hidden input (CSRF token, one-time key, version) is sent with the fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Any

import httpx
from fastapi.testclient import TestClient

from domain.actor import Role
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.staff_accounts import StaffAccounts

PASSWORD = "correct horse battery"
_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')


def create_account(
    settings: Settings, user: str, role: Role = Role.CASEWORKER, office: str = "500237"
) -> None:
    db = open_database(settings.database)
    try:
        create_tables(db)
        StaffAccounts(db).create(
            user=user, display_name="李明", role=role, office=office, password=PASSWORD
        )
    finally:
        db.close()


def hidden_fields(html: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in _HIDDEN.findall(html)}


@dataclass
class Browser:
    """One person's cookies on one app."""

    client: TestClient

    def sign_in(self, user: str, password: str = PASSWORD) -> httpx.Response:
        page = self.client.get("/sign-in")
        fields = hidden_fields(page.text) | {"user": user, "password": password}
        return self.client.post("/sign-in", data=fields, follow_redirects=False)

    def submit(
        self, page_path: str, fields: dict[str, Any], action: str | None = None
    ) -> httpx.Response:
        """Open the form's page, then send it with its hidden fields and these."""
        page = self.client.get(page_path)
        assert page.status_code == 200, page.text
        return self.send(action or page_path, hidden_fields(page.text) | fields)

    def send(self, path: str, fields: dict[str, Any]) -> httpx.Response:
        return self.client.post(path, data=fields, follow_redirects=False)


def browser_for(app: Any) -> TestClient:
    return TestClient(app, base_url="https://testserver")
