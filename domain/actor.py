"""Who did it: the acting principal stamped on every event."""

from __future__ import annotations

from dataclasses import InitVar, dataclass
from enum import StrEnum

from domain.exceptions import InvalidValue
from domain.ledger_entry import LedgerEntry
from domain.scope import Scope
from domain.text import clean_name

USER_NAME_MAX_LENGTH = 64


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
    """The user, role and office (division code) a command was issued by, and
    the offices they reach (`scope`: their account's, when wider than their
    office). The scope is not stamped on events: it says what may be read, not who did it."""

    user: str
    role: Role
    office: str
    # Set when the fact was imported from a ledger's row rather than entered
    # by hand: stamped on the event, so "imported" stays visible for good.
    imported_from: LedgerEntry | None = None
    # Init-only: not a field, so neither stored on events, compared, nor answered.
    scope: InitVar[Scope | None] = None

    def __post_init__(self, scope: Scope | None) -> None:
        object.__setattr__(self, "_scope", scope)

    @property
    def reach(self) -> Scope:
        """The offices whose workers this caller may see."""
        if self.role is Role.SYSTEM:
            return Scope.everything()
        scope: Scope | None = getattr(self, "_scope", None)
        return scope or Scope.of_office(self.office)

    def importing(self, entry: LedgerEntry) -> Actor:
        """The same person, recording facts taken from a ledger's row."""
        return Actor(self.user, self.role, self.office, entry, scope=self.reach)


def parse_user_name(raw: str, field: str) -> str:
    """A user's name as a token or the command line carries it (li.ming): 1 to
    64 characters, no spaces, nothing invisible or direction-changing."""
    user = raw.strip()
    if not user or len(user) > USER_NAME_MAX_LENGTH or any(ch.isspace() for ch in user):
        raise InvalidValue(field, f"must be 1 to {USER_NAME_MAX_LENGTH} characters without spaces")
    return clean_name(user, field, max_length=USER_NAME_MAX_LENGTH)
