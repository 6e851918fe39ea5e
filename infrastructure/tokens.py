"""Access tokens carry a user, a role, an office and an expiry; we keep only their hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from domain.actor import STAFF_ROLES, Actor, Role
from domain.scope import Scope, parse_scope
from infrastructure.security import new_token, new_token_id, token_hash
from infrastructure.sql import Row, SqlDatabase
from infrastructure.token_lifetime import DEFAULT_LIFETIME, parse_lifetime

_SELECT = (
    "SELECT token_id, user_name, role, office, created_at, revoked_at, expires_at, scope"
    " FROM access_tokens"
)


@dataclass(frozen=True)
class AccessToken:
    token_id: str
    user: str
    role: Role
    office: str
    created_at: datetime
    revoked_at: datetime | None
    # None only for a row nobody gave an expiry (never written by us): refused.
    expires_at: datetime | None
    scope: Scope | None = None  # wider than the office: auditors and mediators only

    def actor(self) -> Actor:
        """The caller as the application sees them: who, and what they reach."""
        return Actor(user=self.user, role=self.role, office=self.office, scope=self.scope)

    def is_valid_at(self, moment: datetime) -> bool:
        """Neither revoked nor expired at this moment."""
        return self.revoked_at is None and self.expires_at is not None and moment < self.expires_at

    def is_expired_at(self, moment: datetime) -> bool:
        return self.expires_at is None or self.expires_at <= moment


class TokenStore:
    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    def issue(
        self,
        *,
        user: str,
        role: Role,
        office: str,
        expires_at: datetime | None = None,
        scope: Scope | None = None,
    ) -> tuple[AccessToken, str]:
        """Create a token, valid until `expires_at` (by default 90 days from now);
        the secret is returned once and never stored."""
        if role not in STAFF_ROLES:
            raise ValueError(f"no token is issued for the role {role.value}")
        ensure_scope_fits(role, scope)
        if expires_at is not None and expires_at.tzinfo is None:
            raise ValueError("expires_at must carry a time zone")
        secret = new_token()
        now = _now()
        expiry = (expires_at or now + parse_lifetime(DEFAULT_LIFETIME)).astimezone(UTC)
        token = AccessToken(new_token_id(), user, role, office, now, None, expiry, scope)
        with self.db.transaction() as cursor:
            cursor.execute(
                "INSERT INTO access_tokens (token_id, token_hash, user_name, role, office,"
                " created_at, revoked_at, expires_at, scope)"
                " VALUES (%s, %s, %s, %s, %s, %s, NULL, %s, %s)",
                (
                    token.token_id,
                    token_hash(secret),
                    user,
                    role.value,
                    office,
                    token.created_at.isoformat(),
                    expiry.isoformat(),
                    str(scope) if scope else None,
                ),
            )
        return token, secret

    def authenticate(self, secret: str) -> AccessToken | None:
        """The valid token with this secret, or None: unknown, revoked and
        expired are not told apart (one indexed lookup by the secret's hash)."""
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                _SELECT + " WHERE token_hash = %s AND revoked_at IS NULL",
                (token_hash(secret),),
            )
            row = cursor.fetchone()
        token = _token(row) if row else None
        # The expiry is compared here, as times, not as text in SQL, where the
        # database's collation would decide the order.
        return token if token is not None and token.is_valid_at(_now()) else None

    def all(self) -> list[AccessToken]:
        with self.db.transaction(write=False) as cursor:
            cursor.execute(_SELECT + " ORDER BY created_at")
            return [_token(row) for row in cursor.fetchall()]

    def revoke(self, token_id: str) -> bool:
        """Revoke a token by its id; False if there is no such unrevoked token
        (an expired one can still be revoked, for the record)."""
        with self.db.transaction() as cursor:
            changed = cursor.execute(
                "UPDATE access_tokens SET revoked_at = %s"
                " WHERE token_id = %s AND revoked_at IS NULL",
                (_now().isoformat(), token_id),
            )
        return changed == 1

    def count_active(self) -> int:
        """Tokens neither revoked nor expired."""
        with self.db.transaction(write=False) as cursor:
            cursor.execute(_SELECT + " WHERE revoked_at IS NULL")
            rows = cursor.fetchall()
        now = _now()
        return sum(1 for row in rows if _token(row).is_valid_at(now))


def _token(row: Row) -> AccessToken:
    token_id, user, role, office, created_at, revoked_at, expires_at, scope = row
    return AccessToken(
        token_id=token_id,
        user=user,
        role=Role(role),
        office=office,
        created_at=datetime.fromisoformat(created_at),
        revoked_at=datetime.fromisoformat(revoked_at) if revoked_at else None,
        expires_at=datetime.fromisoformat(expires_at) if expires_at else None,
        scope=parse_scope(scope) if scope else None,
    )


# Who may be given a wider scope than their office: those who review (auditors)
# and mediate (mediators) across offices. Caseworkers record for one office.
WIDE_SCOPE_ROLES = frozenset({Role.AUDITOR, Role.MEDIATOR})


def ensure_scope_fits(role: Role, scope: Scope | None) -> None:
    if scope is not None and scope.is_wide and role not in WIDE_SCOPE_ROLES:
        raise ValueError("only auditors and mediators may be given a wider scope")


def _now() -> datetime:
    return datetime.now(UTC)
