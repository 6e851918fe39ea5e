"""Commands that run once per Idempotency-Key, even across a crash.

A request with an Idempotency-Key runs inside `idempotent_request()`. The command's
events are then saved together with a *commit marker* — a tracking record of the
event store, written in the same transaction — naming the request and the record
it changed. If the server dies after that commit but before the answer was kept,
the marker tells a retry that the command already happened: the retry runs with
`committed` set, and the command answers what it recorded instead of running again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from uuid import UUID

from application.views import Recorded

MARKER_PREFIX = "idempotency:"


@dataclass(frozen=True)
class IdempotentRequest:
    """`digest` identifies the caller's key; `committed` is what an earlier
    attempt of the same request recorded, when it committed and then died."""

    digest: str
    committed: Recorded | None = None


_current: ContextVar[IdempotentRequest | None] = ContextVar("idempotent_request", default=None)


@contextmanager
def idempotent_request(request: IdempotentRequest) -> Iterator[None]:
    token = _current.set(request)
    try:
        yield
    finally:
        _current.reset(token)


def current_request() -> IdempotentRequest | None:
    return _current.get()


def marker_name(digest: str, record_id: UUID) -> str:
    """The tracking name of a commit marker: the request and the record it changed
    (the tracking position holds the record's new version)."""
    return f"{MARKER_PREFIX}{digest}:{record_id}"


def marker_pattern(digest: str) -> str:
    """A SQL LIKE pattern for the markers of one request (digests are hex)."""
    return f"{MARKER_PREFIX}{digest}:%"


def record_of_marker(name: str) -> UUID:
    return UUID(name.rsplit(":", 1)[1])
