"""install_pages(app, settings): the staff's pages beside the JSON API.

Pages live outside /api/, speak Chinese or English, and answer their errors as
pages (a 404, a 403, the sign-in page) where the API answers problem+json.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from application.exceptions import DamagedRecord, RecordedByOtherSide, RecordNotFound
from infrastructure.readmodels.access import ReadModelBehind
from infrastructure.settings import Settings
from infrastructure.sql import SqlDatabase
from infrastructure.staff_accounts import StaffAccounts
from infrastructure.staff_administration import StaffAdministration
from infrastructure.staff_changes import StaffChanges
from infrastructure.staff_sessions import StaffSessions
from infrastructure.tokens import TokenStore
from interfaces.http.middleware.asgi import API_PREFIX
from interfaces.web.rendering import render
from interfaces.web.routes import (
    admin_offices,
    administration,
    auditing,
    dashboard,
    handovers_page,
    imports_page,
    mediation,
    sign_in,
    steps,
    subsidy_ledger,
    worker_page,
    workers,
)
from interfaces.web.signed_in import PageForbidden, PasswordChangeRequired, SignInRequired

ROUTERS = (
    sign_in.router,
    workers.router,
    worker_page.router,
    steps.router,
    dashboard.router,
    subsidy_ledger.router,
    mediation.router,
    auditing.router,
    administration.router,
    admin_offices.router,
    handovers_page.router,
    imports_page.router,
)


def install_pages(app: FastAPI, settings: Settings, db: SqlDatabase) -> None:
    accounts = StaffAccounts(db)
    app.state.staff_accounts = accounts
    app.state.staff_administration = StaffAdministration(
        accounts,
        TokenStore(db),
        StaffChanges(db),
        # The journey is made at start-up (the lifespan), after the pages are installed.
        office_exists=lambda code: app.state.journey.office(code) is not None,
    )
    app.state.staff_sessions = StaffSessions(
        db, accounts, idle=timedelta(minutes=settings.session_idle_minutes)
    )
    app.mount("/assets", StaticFiles(packages=[("interfaces.web", "static")]), name="assets")
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(SignInRequired, _sign_in_first)
    app.add_exception_handler(PageForbidden, _forbidden)
    app.add_exception_handler(
        PasswordChangeRequired, lambda *_: RedirectResponse("/account/password", status_code=303)
    )
    _as_page(
        app,
        RecordNotFound,
        lambda r, _: render(r, "error.html", status=404, message="error.not_found"),
    )
    _as_page(
        app,
        RequestValidationError,
        lambda r, _: render(r, "error.html", status=422, message="error.bad_request"),
    )
    _as_page(app, StarletteHTTPException, _http_error)
    _as_page(
        app,
        RecordedByOtherSide,
        lambda r, _: render(r, "error.html", status=403, message="error.other_side"),
    )
    _as_page(app, ReadModelBehind, _behind)
    # A stored event that no longer decrypts as itself: the page says so and
    # sends the auditor to the integrity check (the API logs ids and position).
    _as_page(app, DamagedRecord, _damaged)


def _sign_in_first(_: Request, error: Exception) -> Response:
    assert isinstance(error, SignInRequired)
    return RedirectResponse(f"/sign-in?next={quote(error.back_to, safe='')}", status_code=303)


def _forbidden(request: Request, error: Exception) -> Response:
    assert isinstance(error, PageForbidden)
    return render(request, "error.html", status=403, message=error.reason)


def _behind(request: Request, error: Any) -> Response:
    """What was just recorded is not yet in the lists: the page asks to reload."""
    page = render(request, "error.html", status=503, message="error.behind")
    page.headers["Retry-After"] = str(error.retry_after)
    return page


def _damaged(request: Request, error: Any) -> Response:
    return render(request, "error.html", status=500, message="error.damaged")


def _http_error(request: Request, error: Any) -> Response:
    status = error.status_code
    message = {404: "error.not_found", 405: "error.not_allowed"}.get(status, "error.bad_request")
    return render(request, "error.html", status=status, message=message)


def _as_page(app: FastAPI, kind: type[Exception], page: Callable[[Request, Any], Response]) -> None:
    """Errors of this kind answer a page outside /api/, as before inside it."""
    api = app.exception_handlers[kind]

    async def answer(request: Request, error: Exception) -> Response:
        if request.url.path.startswith(API_PREFIX) or request.url.path in ("/health", "/ready"):
            result = api(request, error)
            return await result if hasattr(result, "__await__") else result
        return page(request, error)

    app.add_exception_handler(kind, answer)
