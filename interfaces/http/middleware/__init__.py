"""ASGI middleware: what every request passes on its way to and from the routes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from infrastructure.idempotency import IdempotencyStore
from infrastructure.tokens import TokenStore
from interfaces.http.metrics import Metrics
from interfaces.http.middleware.authentication import AuthenticationMiddleware
from interfaces.http.middleware.idempotency import IdempotencyMiddleware, not_to_be_kept
from interfaces.http.middleware.methods import MethodMiddleware, Resources
from interfaces.http.middleware.no_store import NoStoreMiddleware
from interfaces.http.middleware.request_guard import RequestGuardMiddleware
from interfaces.http.middleware.request_log import RequestLogMiddleware
from interfaces.http.middleware.unexpected import UnexpectedErrorMiddleware

__all__ = ["install_middleware", "not_to_be_kept"]


def install_middleware(
    app: FastAPI,
    *,
    tokens: TokenStore,
    idempotency: IdempotencyStore,
    max_body_bytes: int,
    upload_bytes: int = 0,
    ledger_bytes: int = 0,
    templates: Mapping[int, str],
    resources: Sequence[tuple[str, frozenset[str]]],
    unexpected: Callable[[Exception], JSONResponse],
    metrics: Metrics,
) -> None:
    """Outermost first: the log line wraps everything; an exception nothing
    answered is answered (and not logged whole); answers are marked uncacheable;
    text parameters and the body size are checked before the caller is
    authenticated, and the caller before any body is read (idempotency); a
    method the resource does not answer is refused (405) before routing."""
    # Starlette wraps each added middleware around the ones before: add inner first.
    app.add_middleware(MethodMiddleware, resources=Resources(resources))
    app.add_middleware(IdempotencyMiddleware, store=idempotency, replayed=metrics.replayed)
    app.add_middleware(AuthenticationMiddleware, tokens=tokens)
    app.add_middleware(
        RequestGuardMiddleware,
        max_body_bytes=max_body_bytes,
        upload_bytes=upload_bytes,
        ledger_bytes=ledger_bytes,
    )
    app.add_middleware(NoStoreMiddleware)
    app.add_middleware(UnexpectedErrorMiddleware, answer=unexpected)
    app.add_middleware(RequestLogMiddleware, templates=templates, observe=metrics.observe)
