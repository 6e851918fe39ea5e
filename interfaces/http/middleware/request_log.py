"""One `request_finished` log line per request, with a request id.

The line names the route's template (`/api/v1/workers/{worker_id}`), never the
path as sent: a confused or hostile client may put a name, an ID number or a
phone number in the path or the query string, and logs are kept and shipped
where personal data must not go. Of the query only the parameter names are kept.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.http.middleware.asgi import header
from interfaces.http.middleware.authentication import principal_of

log = structlog.get_logger()

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_PARAMETER_NAME = re.compile(r"[a-z_]{1,32}")


class RequestLogMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        templates: Mapping[int, str],
        observe: Callable[[str | None, str, int, float], None] = lambda *figures: None,
    ) -> None:
        """`templates`: the full path template of each route object, by id;
        `observe(route, method, status, seconds)`: the same figures for /metrics."""
        self.app = app
        self.templates = templates
        self.observe = observe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = header(scope, b"x-request-id")
        request_id = given if given and _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                seconds = time.perf_counter() - started
                route = self._template(scope)
                principal = principal_of(scope)
                log.info(
                    "request_finished",
                    method=scope["method"],
                    route=route,
                    query=_parameter_names(scope),
                    status=status,
                    duration_ms=round(seconds * 1000, 2),
                    token_id=principal.token_id if principal else None,
                )
                self.observe(route, scope["method"], status, seconds)

    def _template(self, scope: Scope) -> str | None:
        """The matched route's template; None when no route matched (the path
        is then not logged at all), as for an answer given before routing
        (401, or 503 while the database is away)."""
        route = scope.get("route")
        if route is None:
            return None
        return self.templates.get(id(route)) or getattr(route, "path", None)


def _parameter_names(scope: Scope) -> list[str]:
    """The query's parameter names; a name that is not one of ours is dropped."""
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    names = {name for name, _ in parse_qsl(query, keep_blank_values=True)}
    return sorted(n for n in names if _PARAMETER_NAME.fullmatch(n))
