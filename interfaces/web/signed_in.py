"""Who is at the keyboard: the staff session behind the page's cookie.

Pages never take a bearer token; they take the session cookie set at sign-in
(HttpOnly, SameSite=Lax, Secure outside development). Every form that changes
something carries the session's CSRF token; a form without it is refused
before anything is read from it. Permissions are the API's own
(interfaces/http/access.py): a role the permission does not name gets the 403 page.
"""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request

from domain.actor import Actor
from infrastructure.staff_sessions import StaffSession, StaffSessions
from interfaces.http.access import Permission

SESSION_COOKIE = "lb_session"
CSRF_FIELD = "csrf_token"


class SignInRequired(Exception):
    """No valid session: the page answers with the sign-in page, then comes back."""

    def __init__(self, back_to: str) -> None:
        super().__init__("sign-in required")
        self.back_to = back_to


class PageForbidden(Exception):
    """The signed-in role may not use this page (or the form lacked its CSRF token)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # a catalogue key


class PasswordChangeRequired(Exception):
    """The account still has the first password an administrator gave it."""


# What a person with a first password may still open: choosing their own, leaving.
_BEFORE_OWN_PASSWORD = ("/account/password", "/sign-out", "/language")


def sessions_of(request: Request) -> StaffSessions:
    sessions: StaffSessions = request.app.state.staff_sessions
    return sessions


def _session(request: Request) -> StaffSession:
    secret = request.cookies.get(SESSION_COOKIE)
    session = sessions_of(request).resolve(secret) if secret else None
    if session is None:
        raise SignInRequired(local_path(request))
    request.state.staff_session = session
    administration = request.app.state.staff_administration
    if request.url.path not in _BEFORE_OWN_PASSWORD and administration.must_change_password(
        session.account.user
    ):
        raise PasswordChangeRequired
    return session


SessionDep = Annotated[StaffSession, Depends(_session)]


def local_path(request: Request) -> str:
    """The page asked for, as a path on this service (for coming back to it)."""
    query = request.url.query
    return quote(request.url.path) + (f"?{query}" if query else "")


def safe_back(target: str | None, default: str = "/") -> str:
    """Only a path on this service: never another site (`//x`, `http:…`, `\\x`)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    return target if target.isprintable() else default


def require(session: StaffSession, permission: Permission) -> Actor:
    """The actor the page records as, if its role may do this; else the 403 page."""
    if session.account.role not in permission.roles:
        raise PageForbidden("forbidden.role")
    return session.account.actor()


def may(session: StaffSession | None, permission: Permission) -> bool:
    return session is not None and session.account.role in permission.roles


def check_csrf(session: StaffSession, submitted: str | None) -> None:
    if not submitted or not secrets.compare_digest(submitted, session.csrf_token):
        raise PageForbidden("forbidden.csrf")
