"""HTTP: an expired or revoked token is answered exactly like an unknown one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from domain.actor import Role
from infrastructure.tokens import TokenStore
from tests.e2e.conftest import Api
from tests.support.problems import problem

SOMEONE = "/api/v1/workers/00000000-0000-8000-8000-000000000000"


def _read_with(api: Api, secret: str) -> httpx.Response:
    return api.client.get(SOMEONE, headers={"Authorization": f"Bearer {secret}"})


def _store(api: Api) -> TokenStore:
    return TokenStore(api.client.app.state.db)  # type: ignore[attr-defined]


def test_an_expired_token_gets_401_like_an_unknown_one(api: Api) -> None:
    store = _store(api)
    token, secret = store.issue(
        user="temp",
        role=Role.CASEWORKER,
        office="500237",
        expires_at=datetime.now(UTC) + timedelta(hours=1),
    )
    assert _read_with(api, secret).status_code == 404  # valid: the worker is just not there
    with store.db.transaction() as cursor:  # an hour later
        cursor.execute(
            "UPDATE access_tokens SET expires_at = %s WHERE token_id = %s",
            ((datetime.now(UTC) - timedelta(seconds=1)).isoformat(), token.token_id),
        )

    expired = _read_with(api, secret)
    unknown = _read_with(api, "lb_" + "x" * 43)

    assert problem(expired, 401) == problem(unknown, 401)
    assert expired.headers["www-authenticate"] == "Bearer"


def test_a_revoked_token_gets_401_like_an_unknown_one(api: Api) -> None:
    store = _store(api)
    token, secret = store.issue(user="temp", role=Role.CASEWORKER, office="500237")
    assert _read_with(api, secret).status_code == 404
    store.revoke(token.token_id)

    revoked = _read_with(api, secret)
    unknown = _read_with(api, "lb_" + "x" * 43)

    assert problem(revoked, 401) == problem(unknown, 401)
