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
CASEWORKER, MEDIATOR, AUDITOR, ADMIN = Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR, Role.ADMIN
# In each role's order of work: its home page first.
LINKS = (
    (Link("/disputes", "nav.disputes"), (MEDIATOR,)),
    (Link("/audit", "nav.audit_trail"), (AUDITOR,)),
    (Link("/workers", "nav.workers"), _CASE_READERS),
    (Link("/workers/new", "nav.register"), (CASEWORKER,)),
    (Link("/handovers", "nav.handovers"), (CASEWORKER,)),
    (Link("/imports", "nav.imports"), (CASEWORKER,)),
    (Link("/subsidies", "nav.subsidies"), (CASEWORKER, AUDITOR)),
    (Link("/dashboard", "nav.dashboard"), _CASE_READERS),
    (Link("/audit/integrity", "nav.integrity"), (AUDITOR,)),
    (Link("/audit/exports", "nav.exports"), (AUDITOR,)),
    (Link("/audit/disclosures", "nav.disclosures"), (AUDITOR,)),
    (Link("/audit/staff-changes", "nav.staff_changes"), (AUDITOR,)),
    (Link("/admin/accounts", "nav.accounts"), (ADMIN,)),
    (Link("/admin/offices", "nav.offices"), (ADMIN,)),
    (Link("/admin/tokens", "nav.tokens"), (ADMIN,)),
    (Link("/admin/read-models", "nav.read_models"), (ADMIN,)),
)
HOMES = {CASEWORKER: "/workers", MEDIATOR: "/disputes", AUDITOR: "/audit", ADMIN: "/admin/accounts"}


def navigation(session: StaffSession | None) -> list[Link]:
    if session is None:
        return []
    return [link for link, roles in LINKS if session.account.role in roles]


def home_of(role: Role) -> str:
    """Where a role lands after signing in."""
    return HOMES.get(role, "/account")
