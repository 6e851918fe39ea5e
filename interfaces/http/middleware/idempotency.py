"""A POST with an Idempotency-Key runs once; retries get the first answer.

Keys belong to the authenticated token (not to how the header was spelled), so
`Bearer x` and `bearer x` are one caller. The same key with another body, path or
query is refused with 422. Answers of 5xx, 401 and 403, lost races (409
concurrent-update) and answers that must not be kept (a revealed ID number) are
not stored: the request can be retried with the same key.

While the request runs its reservation is renewed; if the server dies, the
reservation's lease runs out and a retry takes the key over (see
infrastructure/idempotency.py). A command that had committed is then answered,
not run again (application/idempotency.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from typing import Any

import structlog
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.idempotency import IdempotentRequest, idempotent_request
from infrastructure.database_errors import is_database_unavailable
from infrastructure.idempotency import (
    Claim,
    IdempotencyStore,
    Reservation,
    StoredResponse,
    request_digest,
)
from interfaces.http.middleware.asgi import header, request_state
from interfaces.http.middleware.authentication import principal_of
from interfaces.http.problems import database_unavailable, invalid, problem

log = structlog.get_logger()

IDEMPOTENCY_KEY_MAX_LENGTH = 200
IDEMPOTENCY_KEY_PATTERN = rf"^[\x21-\x7e]{{1,{IDEMPOTENCY_KEY_MAX_LENGTH}}}$"  # visible ASCII
_IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)
KEY_SHAPE = f"must be 1 to {IDEMPOTENCY_KEY_MAX_LENGTH} visible ASCII characters"
_REPLAYED_HEADERS = ("content-type", "location", "etag", "x-position")
KEEP_ANSWER = "keep_idempotent_answer"  # request state: False = do not store it


def not_to_be_kept(state: Any) -> None:
    """Mark this request's answer as one a retry must not get back (routes and
    error handlers call it with `request.state`)."""
    setattr(state, KEEP_ANSWER, False)


class IdempotencyMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        store: IdempotencyStore,
        replayed: Callable[[], None] = lambda: None,
    ) -> None:
        """`replayed`: called for each answer given again rather than run (/metrics)."""
        self.app = app
        self.store = store
        self.replayed = replayed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = header(scope, b"idempotency-key") if scope["type"] == "http" else None
        principal = principal_of(scope) if key is not None else None
        if key is None or principal is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        if not _IDEMPOTENCY_KEY.fullmatch(key):
            await invalid("Idempotency-Key", KEY_SHAPE)(scope, receive, send)
            return
        body = await _read_body(receive)
        namespace = principal.token_id
        # The query is part of the request too (POST /subsidies/evaluation?worker_id=…).
        target = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        fingerprint = hashlib.sha256(
            scope["method"].encode() + b" " + target + b"\n" + body
        ).hexdigest()
        try:
            reservation = await run_in_threadpool(self.store.reserve, namespace, key, fingerprint)
        except Exception as error:
            if not is_database_unavailable(error):
                raise
            await database_unavailable()(scope, receive, send)
            return
        await self._answer(reservation, scope, receive, body, send, (namespace, key))

    async def _answer(
        self,
        reservation: Reservation,
        scope: Scope,
        receive: Receive,
        body: bytes,
        send: Send,
        reserved: tuple[str, str],
    ) -> None:
        if reservation.claim is Claim.MISMATCH:
            refusal = invalid("Idempotency-Key", "was already used for a different request")
            await refusal(scope, receive, send)
        elif reservation.claim is Claim.IN_PROGRESS:
            busy = problem(
                409,
                "Request in progress",
                "a request with this Idempotency-Key has not finished yet",
                slug="idempotency-in-progress",
                headers={"Retry-After": str(max(reservation.retry_after, 1))},
            )
            await busy(scope, receive, send)
        elif reservation.claim is Claim.REPLAY and reservation.response is not None:
            self.replayed()
            await _replay(reservation.response, send)
        else:
            request = IdempotentRequest(request_digest(*reserved), reservation.committed)
            await self._run_once(scope, body, send, request, reserved)

    async def _run_once(
        self,
        scope: Scope,
        body: bytes,
        send: Send,
        request: IdempotentRequest,
        reserved: tuple[str, str],
    ) -> None:
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}
        replayed = request.committed is not None
        if replayed:
            self.replayed()

        async def replay_body() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = message.get("headers", [])
                if replayed:  # what a command that committed before a crash recorded
                    message["headers"] = [*captured["headers"], (b"idempotent-replayed", b"true")]
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        renewing = asyncio.create_task(self._renew(*reserved))
        try:
            with idempotent_request(request):
                await self.app(scope, replay_body, capture)
        except BaseException:
            await self._finish(self.store.release, *reserved)
            raise
        finally:
            renewing.cancel()
        status = captured["status"]
        keep = request_state(scope).get(KEEP_ANSWER, True)
        if status >= 500 or status in (401, 403) or not keep:
            await self._finish(self.store.release, *reserved)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in captured["headers"]}
        kept = {k: v for k, v in headers.items() if k in _REPLAYED_HEADERS}
        stored = StoredResponse(status, kept, captured["body"].decode("utf-8", errors="replace"))
        await self._finish(self.store.complete, *reserved, stored)

    async def _renew(self, namespace: str, key: str) -> None:
        """Keep the reservation while the request runs (a third of the lease apart)."""
        interval = self.store.lease.total_seconds() / 3
        while True:
            await asyncio.sleep(interval)
            try:
                await run_in_threadpool(self.store.renew, namespace, key)
            except Exception as error:  # the next renewal may get through
                log.warning("idempotency_lease_not_renewed", error_type=type(error).__name__)

    @staticmethod
    async def _finish(step: Callable[..., None], *args: Any) -> None:
        """Store or release the reservation. If the database is gone, the lease
        runs out and a retry finds out what happened from the commit marker."""
        try:
            await run_in_threadpool(step, *args)
        except Exception as error:
            if not is_database_unavailable(error):
                raise
            log.warning("idempotency_answer_not_stored", error_type=type(error).__name__)


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
