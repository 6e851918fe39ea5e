"""Access tokens carry a user, a role and an office; we keep only their hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from domain.actor import STAFF_ROLES, Role
from infrastructure.security import new_token, new_token_id, token_hash
from infrastructure.sql import Row, SqlDatabase

_SELECT = "SELECT token_id, user_name, role, office, created_at, revoked_at FROM access_tokens"


@dataclass(frozen=True)
class AccessToken:
    token_id: str
    user: str
    role: Role
    office: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TokenStore:
    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    def issue(self, *, user: str, role: Role, office: str) -> tuple[AccessToken, str]:
        """Create a token; the secret is returned once and never stored."""
        if role not in STAFF_ROLES:
            raise ValueError(f"no token is issued for the role {role.value}")
        secret = new_token()
        token = AccessToken(new_token_id(), user, role, office, _now(), None)
        with self.db.transaction() as cursor:
            cursor.execute(
                "INSERT INTO access_tokens (token_id, token_hash, user_name, role, office,"
                " created_at, revoked_at) VALUES (%s, %s, %s, %s, %s, %s, NULL)",
                (
                    token.token_id,
                    token_hash(secret),
                    user,
                    role.value,
                    office,
                    token.created_at.isoformat(),
                ),
            )
        return token, secret

    def authenticate(self, secret: str) -> AccessToken | None:
        """The active token with this secret, or None."""
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                _SELECT + " WHERE token_hash = %s AND revoked_at IS NULL",
                (token_hash(secret),),
            )
            row = cursor.fetchone()
        return _token(row) if row else None

    def all(self) -> list[AccessToken]:
        with self.db.transaction(write=False) as cursor:
            cursor.execute(_SELECT + " ORDER BY created_at")
            return [_token(row) for row in cursor.fetchall()]

    def revoke(self, token_id: str) -> bool:
        """Revoke a token by its id; False if there is no such active token."""
        with self.db.transaction() as cursor:
            changed = cursor.execute(
                "UPDATE access_tokens SET revoked_at = %s"
                " WHERE token_id = %s AND revoked_at IS NULL",
                (_now().isoformat(), token_id),
            )
        return changed == 1

    def count_active(self) -> int:
        with self.db.transaction(write=False) as cursor:
            cursor.execute("SELECT COUNT(*) FROM access_tokens WHERE revoked_at IS NULL")
            row = cursor.fetchone()
        return int(row[0]) if row else 0


def _token(row: Row) -> AccessToken:
    token_id, user, role, office, created_at, revoked_at = row
    return AccessToken(
        token_id=token_id,
        user=user,
        role=Role(role),
        office=office,
        created_at=datetime.fromisoformat(created_at),
        revoked_at=datetime.fromisoformat(revoked_at) if revoked_at else None,
    )


def _now() -> datetime:
    return datetime.now(UTC)
