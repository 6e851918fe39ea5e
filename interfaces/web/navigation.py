"""Each role's navigation: where its work is."""

from __future__ import annotations

from dataclasses import dataclass

from domain.actor import Role
from infrastructure.staff_sessions import StaffSession


@dataclass(frozen=True)
class Link:
    path: str
    key: str  # the catalogue's word for it


_CASE_READERS = (Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR)
LINKS = (
    (Link("/workers", "nav.workers"), _CASE_READERS),
    (Link("/workers/new", "nav.register"), (Role.CASEWORKER,)),
    (Link("/dashboard", "nav.dashboard"), _CASE_READERS),
)


def navigation(session: StaffSession | None) -> list[Link]:
    if session is None:
        return []
    return [link for link, roles in LINKS if session.account.role in roles]


def home_of(role: Role) -> str:
    """Where a role lands after signing in."""
    return "/workers" if role in _CASE_READERS else "/account"
