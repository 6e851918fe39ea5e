"""Sign-in, sign-out and the language switch."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from infrastructure.settings import Environment
from infrastructure.staff_accounts import SignInRefused, StaffAccounts
from interfaces.web.languages import LANGUAGE_COOKIE, ONE_YEAR
from interfaces.web.navigation import home_of
from interfaces.web.rendering import render
from interfaces.web.signed_in import (
    CSRF_FIELD,
    SESSION_COOKIE,
    PageForbidden,
    SessionDep,
    check_csrf,
    safe_back,
    sessions_of,
)

router = APIRouter()
# Before sign-in there is no session to hold the CSRF token: the form and a
# cookie carry the same random value (double submit), compared on POST.
SIGN_IN_CSRF_COOKIE = "lb_signin_csrf"


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.env is not Environment.DEVELOPMENT)


def _cookie(
    response: Response, request: Request, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )


def _sign_in_page(
    request: Request, *, status: int = 200, error: str | None = None, user: str = ""
) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    back = safe_back(request.query_params.get("next"), "")
    page = render(
        request, "sign_in.html", status=status, error=error, user=user, csrf=token, back=back
    )
    _cookie(page, request, SIGN_IN_CSRF_COOKIE, token, max_age=3600)
    return page


@router.get("/sign-in", response_class=HTMLResponse, include_in_schema=False)
def sign_in_page(request: Request) -> HTMLResponse:
    return _sign_in_page(request)


@router.post("/sign-in", response_class=HTMLResponse, include_in_schema=False)
def sign_in(
    request: Request,
    user: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
    back: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    expected = request.cookies.get(SIGN_IN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, csrf_token):
        raise PageForbidden("forbidden.csrf")
    accounts: StaffAccounts = request.app.state.staff_accounts
    source = request.client.host if request.client else "unknown"
    try:
        account = accounts.sign_in(user.strip(), password, source=source)
    except SignInRefused as refused:
        key = {"locked": "sign_in.locked", "disabled": "sign_in.disabled"}
        return _sign_in_page(
            request, status=401, error=key.get(refused.reason, "sign_in.wrong"), user=user
        )
    secret = sessions_of(request).open(account)
    response = RedirectResponse(safe_back(back, home_of(account.role)), status_code=303)
    _cookie(response, request, SESSION_COOKIE, secret)
    response.delete_cookie(SIGN_IN_CSRF_COOKIE, path="/")
    return response


@router.post("/sign-out", include_in_schema=False)
def sign_out(
    request: Request,
    session: SessionDep,
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
) -> Response:
    check_csrf(session, csrf_token)
    secret = request.cookies.get(SESSION_COOKIE, "")
    sessions_of(request).close(secret)
    accounts: StaffAccounts = request.app.state.staff_accounts
    accounts.record_sign_out(
        session.account.user, source=request.client.host if request.client else "unknown"
    )
    response = RedirectResponse("/sign-in?signed_out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/language", include_in_schema=False)
def switch_language(request: Request, to: str = "zh", back: str = "/") -> Response:
    """A link, not a form: choosing the language changes no record."""
    response = RedirectResponse(safe_back(back), status_code=303)
    if to in ("zh", "en"):
        _cookie(response, request, LANGUAGE_COOKIE, to, max_age=ONE_YEAR)
    return response


@router.get("/", include_in_schema=False)
def home(session: SessionDep) -> Response:
    return RedirectResponse(home_of(session.account.role), status_code=303)


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "account.html")
