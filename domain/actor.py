"""Who did it: the acting principal stamped on every event."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CASEWORKER = "caseworker"
    MEDIATOR = "mediator"
    AUDITOR = "auditor"
    ADMIN = "admin"
    # The programme's own processes (the subsidy policy). Never held by a token.
    SYSTEM = "system"


STAFF_ROLES = (Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR, Role.ADMIN)


@dataclass(frozen=True)
class Actor:
    """The user, role and office (division code) a command was issued by."""

    user: str
    role: Role
    office: str
