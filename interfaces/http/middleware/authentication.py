"""Who is calling, decided before any body is read or any key is reserved.

Every /api/ request must carry `Authorization: Bearer <token>` naming an active
token; otherwise it is answered 401 at once, without reading what it sent. The
token is put in the request state, where the routes' dependencies (roles) and
the idempotency middleware (keys belong to a token) find it.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from infrastructure.database_errors import is_database_unavailable
from infrastructure.tokens import AccessToken, TokenStore
from interfaces.http.middleware.asgi import answer_language, header, is_api, request_state
from interfaces.http.problems import database_unavailable, unauthenticated

PRINCIPAL = "principal"  # the request state's key for the caller's AccessToken
MAX_TOKEN_LENGTH = 256


class AuthenticationMiddleware:
    def __init__(self, app: ASGIApp, *, tokens: TokenStore) -> None:
        self.app = app
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_api(scope):
            await self.app(scope, receive, send)
            return
        secret = bearer_secret(header(scope, b"authorization"))
        try:
            token = await run_in_threadpool(self.tokens.authenticate, secret) if secret else None
        except Exception as error:
            if not is_database_unavailable(error):
                raise
            await database_unavailable(answer_language(scope))(scope, receive, send)
            return
        if token is None:
            await unauthenticated(answer_language(scope))(scope, receive, send)
            return
        request_state(scope)[PRINCIPAL] = token
        await self.app(scope, receive, send)


def bearer_secret(authorization: str | None) -> str | None:
    """The token of `Bearer <token>` (the scheme in any case), or None."""
    scheme, _, secret = (authorization or "").strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret or len(secret) > MAX_TOKEN_LENGTH:
        return None
    return secret if secret.isascii() and secret.isprintable() else None


def principal_of(scope: Scope) -> AccessToken | None:
    token = request_state(scope).get(PRINCIPAL)
    return token if isinstance(token, AccessToken) else None
