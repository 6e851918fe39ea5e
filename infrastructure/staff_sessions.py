"""Web sessions of signed-in staff: the cookie holds a random secret, we keep its hash.

A session ends when its owner signs out, when it has been idle longer than
`idle`, or when the account is disabled or its password reset (both end every
session of the account, in the same transaction). Each session has its own
CSRF token, which the pages put in every form.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from infrastructure.security import new_token, token_hash
from infrastructure.sql import SqlDatabase
from infrastructure.staff_accounts import (
    AccountError,
    StaffAccount,
    StaffAccounts,
    close_sessions_of,
    staff_user_name,
)

# last_seen_at is written at most this often: a page's requests do not each write.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class StaffSession:
    account: StaffAccount
    csrf_token: str
    started_at: datetime
    last_seen_at: datetime


class StaffSessions:
    def __init__(
        self,
        db: SqlDatabase,
        accounts: StaffAccounts,
        *,
        idle: timedelta = timedelta(minutes=30),
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self.idle = idle
        self._clock = clock or (lambda: datetime.now(UTC))

    def open(self, account: StaffAccount) -> str:
        """A new session; its secret (for the cookie) is returned, never stored."""
        secret = new_token()
        now = self._now()
        with self.db.transaction() as cursor:
            # The account's sessions that went idle are removed on its next sign-in.
            cursor.execute(
                "SELECT session_hash, last_seen_at FROM staff_sessions WHERE user_name = %s",
                (account.user,),
            )
            idle = [(h,) for h, seen in cursor.fetchall() if self._is_idle(seen, now)]
            if idle:
                cursor.executemany("DELETE FROM staff_sessions WHERE session_hash = %s", idle)
            cursor.execute(
                "INSERT INTO staff_sessions (session_hash, user_name, csrf_token, started_at,"
                " last_seen_at) VALUES (%s, %s, %s, %s, %s)",
                (token_hash(secret), account.user, secrets.token_urlsafe(32), _iso(now), _iso(now)),
            )
        return secret

    def resolve(self, secret: str) -> StaffSession | None:
        """The session with this secret, or None: unknown, closed, idle too long
        or of an account now disabled are not told apart."""
        digest = token_hash(secret)
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT user_name, csrf_token, started_at, last_seen_at FROM staff_sessions"
                " WHERE session_hash = %s",
                (digest,),
            )
            row = cursor.fetchone()
        if row is None:
            return None
        user, csrf_token, started_at, last_seen_at = row
        now = self._now()
        if self._is_idle(last_seen_at, now):
            self._delete(digest)
            return None
        account = self.accounts.get(user)
        if account is None or account.disabled_at is not None:
            return None
        seen = datetime.fromisoformat(last_seen_at)
        if now - seen >= TOUCH_EVERY:
            seen = now
            with self.db.transaction() as cursor:
                cursor.execute(
                    "UPDATE staff_sessions SET last_seen_at = %s WHERE session_hash = %s",
                    (_iso(now), digest),
                )
        return StaffSession(account, csrf_token, datetime.fromisoformat(started_at), seen)

    def close(self, secret: str) -> None:
        """Sign-out: the secret no longer resolves (closing twice is harmless)."""
        self._delete(token_hash(secret))

    def close_all_for(self, user: str) -> int:
        """End every session of this account; how many there were."""
        try:
            name = staff_user_name(user)
        except AccountError:
            return 0
        with self.db.transaction() as cursor:
            return close_sessions_of(cursor, name)

    def _delete(self, digest: str) -> None:
        with self.db.transaction() as cursor:
            cursor.execute("DELETE FROM staff_sessions WHERE session_hash = %s", (digest,))

    def _is_idle(self, last_seen_at: str, now: datetime) -> bool:
        # Compared here, as times, not as text in SQL.
        return now - datetime.fromisoformat(last_seen_at) > self.idle

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
