"""ASGI middleware: the request log line and Idempotency-Key handling."""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from typing import Any

import structlog
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infrastructure.database_errors import is_database_unavailable
from infrastructure.idempotency import Claim, IdempotencyStore, StoredResponse
from interfaces.http.errors import database_unavailable
from interfaces.http.problems import invalid, problem

log = structlog.get_logger()

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Whole runs of 11+ digits (ID numbers, phones) and percent-encoded text (names) that a
# confused client may put in a URL are cut out of logged paths.
_SENSITIVE_IN_PATH = re.compile(
    r"(?<![0-9A-Za-z])[0-9]{11,17}[0-9Xx]?(?![0-9A-Za-z])|(%[0-9A-Fa-f]{2})+"
)
_IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,200}")
_REPLAYED_HEADERS = ("content-type", "location", "etag", "x-position")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class RequestLogMiddleware:
    """One `request_finished` line per request, with a request id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
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
                state = scope.get("state") or {}
                route = scope.get("route")
                log.info(
                    "request_finished",
                    method=scope["method"],
                    path=_SENSITIVE_IN_PATH.sub("[redacted]", scope["path"]),
                    route=getattr(route, "path", None),
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                    token_id=state.get("token_id"),
                )


class IdempotencyMiddleware:
    """A POST with an Idempotency-Key runs once; retries get the first answer.

    Keys are scoped to the caller's credentials. The same key with another
    body, path or query is refused with 422. Responses of 5xx, 401 and 403 are not
    kept: the request can be retried with the same key.
    """

    def __init__(self, app: ASGIApp, store: IdempotencyStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = _header(scope, b"idempotency-key") if scope["type"] == "http" else None
        if key is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if not _IDEMPOTENCY_KEY.fullmatch(key):
            await invalid("Idempotency-Key", "must be 1 to 200 visible ASCII characters")(
                scope, receive, send
            )
            return
        body = await _read_body(receive)
        namespace = hashlib.sha256((_header(scope, b"authorization") or "").encode()).hexdigest()
        # The query is part of the request too (POST /subsidies/evaluation?worker_id=…).
        target = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        fingerprint = hashlib.sha256(
            scope["method"].encode() + b" " + target + b"\n" + body
        ).hexdigest()
        try:
            reservation = await run_in_threadpool(self.store.reserve, namespace, key, fingerprint)
        except Exception as error:  # outside the routes: FastAPI's handlers do not see it
            if not is_database_unavailable(error):
                raise
            await database_unavailable(error)(scope, receive, send)
            return
        if reservation.claim is Claim.MISMATCH:
            await invalid("Idempotency-Key", "was already used for a different request")(
                scope, receive, send
            )
        elif reservation.claim is Claim.IN_PROGRESS:
            await problem(
                409,
                "Request in progress",
                "a request with this Idempotency-Key has not finished yet",
                slug="idempotency-in-progress",
            )(scope, receive, send)
        elif reservation.claim is Claim.REPLAY and reservation.response is not None:
            await _replay(reservation.response, send)
        else:
            await self._run_once(scope, body, send, namespace, key)

    async def _run_once(
        self, scope: Scope, body: bytes, send: Send, namespace: str, key: str
    ) -> None:
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

        async def replay_body() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        except BaseException:
            await run_in_threadpool(self.store.release, namespace, key)
            raise
        status = captured["status"]
        if status >= 500 or status in (401, 403):
            await run_in_threadpool(self.store.release, namespace, key)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in captured["headers"]}
        if "no-store" in headers.get("cache-control", ""):
            # A response that must not be kept (a revealed ID number) is not
            # stored for replay: a retry runs again, and is recorded again.
            await run_in_threadpool(self.store.release, namespace, key)
            return
        kept = {k: v for k, v in headers.items() if k in _REPLAYED_HEADERS}
        stored = StoredResponse(status, kept, captured["body"].decode("utf-8", errors="replace"))
        await run_in_threadpool(self.store.complete, namespace, key, stored)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _replay(response: StoredResponse, send: Send) -> None:
    body = response.body.encode("utf-8")
    headers = [
        (k.encode("latin-1"), v.encode("latin-1"))
        for k, v in response.headers.items()
        if k != "content-length"
    ]
    headers += [(b"content-length", str(len(body)).encode()), (b"idempotent-replayed", b"true")]
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
