"""Small helpers for middleware that speaks ASGI directly."""

from __future__ import annotations

from typing import Any

from starlette.types import Message, Scope, Send

from interfaces.i18n.errors import Language, language_of

API_PREFIX = "/api/"


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def is_api(scope: Scope) -> bool:
    return scope["type"] == "http" and str(scope["path"]).startswith(API_PREFIX)


def request_state(scope: Scope) -> dict[str, Any]:
    """The per-request state routes see as `request.state`."""
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


class TrackedSend:
    """`send`, remembering whether the response has begun: an error after that
    can no longer be answered with a problem of its own."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


def answer_language(scope: Scope) -> Language:
    """The language of an error answered before any route: what Accept-Language
    asks for, else English (as the API's own problem+json)."""
    return language_of(header(scope, b"accept-language"), default="en")
