"""Staff accounts: the people who sign in to the pages, with a role and an office.

Programs keep using access tokens (tokens.py); people sign in with a name and a
password, of which only the argon2id hash is stored (passwords.py). Every
attempt, refused or not, and every sign-out is a row of `staff_sign_ins`, the
record auditors read: its time, the name tried, the outcome and the client's
address — never anything of the password.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import NoReturn

import psycopg

from domain.actor import STAFF_ROLES, Actor, Role
from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from domain.scope import Scope, parse_scope
from domain.text import clean_name, normalise
from infrastructure.passwords import (
    hash_password,
    needs_rehash,
    verify_for_unknown_user,
    verify_password,
)
from infrastructure.sql import Cursor, Row, SqlDatabase
from infrastructure.tokens import ensure_scope_fits

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 1024  # as the sign-in form takes: argon2 works on any length
DISPLAY_NAME_MAX_LENGTH = 100
_USER_NAME = re.compile(r"[a-z0-9._-]{1,64}")  # after lower(): ASCII only
# Recorded for an attempt with a name no account can have (it may be a password
# typed into the wrong field: such text is never stored).
NOT_A_USER_NAME = "(not a user name)"
_SOURCE_MAX_LENGTH = 200

SIGNED_IN, WRONG_PASSWORD, UNKNOWN_USER = "signed_in", "wrong_password", "unknown_user"
LOCKED, DISABLED, SIGNED_OUT = "locked", "disabled", "signed_out"
WRONG_CREDENTIALS = "wrong_credentials"  # the one reason for an unknown name or a wrong password
_OUTCOME_OF = {WRONG_CREDENTIALS: WRONG_PASSWORD, LOCKED: LOCKED, DISABLED: DISABLED}

_SELECT = (
    "SELECT user_name, display_name, role, office, created_at, disabled_at, failed_attempts,"
    " locked_until, password_hash, scope FROM staff_accounts"
)


@dataclass(frozen=True)
class LockoutPolicy:
    slow_after: int = 3  # from this consecutive failure on, each is answered after the delay
    delay_seconds: float = 1.0
    lock_after: int = 5  # this consecutive failure locks the account ...
    lock_minutes: int = 15  # ... for this long, even against the right password


DEFAULT_POLICY = LockoutPolicy()


@dataclass(frozen=True)
class StaffAccount:
    user: str  # the sign-in name, lower case (li.ming)
    display_name: str  # 李明
    role: Role
    office: str  # six-digit division code
    created_at: datetime
    disabled_at: datetime | None
    failed_attempts: int  # consecutive, since the last sign-in, reset or lock that ran out
    locked_until: datetime | None
    scope: Scope | None = None  # wider than the office: auditors and mediators only

    def actor(self) -> Actor:
        return Actor(user=self.user, role=self.role, office=self.office, scope=self.scope)

    def is_locked_at(self, moment: datetime) -> bool:
        return self.locked_until is not None and moment < self.locked_until


@dataclass(frozen=True)
class SignInAttempt:
    at: datetime
    user: str
    outcome: str  # signed_in | wrong_password | unknown_user | locked | disabled | signed_out
    source: str  # the client's address


class SignInRefused(Exception):
    """`reason`: wrong_credentials (an unknown name and a wrong password are one
    answer), locked (with `locked_until`) or disabled (told only to a caller who
    gave the right password)."""

    def __init__(self, reason: str, *, locked_until: datetime | None = None) -> None:
        super().__init__(f"sign-in refused: {reason}")
        self.reason = reason
        self.locked_until = locked_until


class AccountError(ValueError):
    """An account cannot be made or changed so; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def staff_user_name(raw: str) -> str:
    """The sign-in name as stored: full-width forms folded, lower case."""
    name = normalise(raw).lower()
    if not _USER_NAME.fullmatch(name):
        raise AccountError("user", "must be 1 to 64 letters, digits, '.', '_' or '-'")
    return name


def check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise AccountError("password", f"must be at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise AccountError("password", f"must be at most {PASSWORD_MAX_LENGTH} characters")


def close_sessions_of(cursor: Cursor, user: str) -> int:
    """End every web session of this account (in the caller's transaction)."""
    return cursor.execute("DELETE FROM staff_sessions WHERE user_name = %s", (user,))


class StaffAccounts:
    def __init__(
        self,
        db: SqlDatabase,
        *,
        policy: LockoutPolicy = DEFAULT_POLICY,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self.policy = policy
        self._clock = clock or _utc_now
        self._sleep = sleep  # the slow-down's delay; tests pass one that does not wait

    def create(
        self,
        *,
        user: str,
        display_name: str,
        role: Role,
        office: str,
        password: str,
        scope: Scope | None = None,
    ) -> StaffAccount:
        name = staff_user_name(user)
        if role not in STAFF_ROLES:
            roles = ", ".join(r.value for r in STAFF_ROLES)
            raise AccountError("role", f"must be one of {roles}")
        try:
            shown = clean_name(display_name, "display_name", max_length=DISPLAY_NAME_MAX_LENGTH)
            code = parse_division(office, "office")
        except InvalidValue as error:
            raise AccountError(error.field, error.message) from None
        _check_scope(role, scope)
        check_password(password)
        account = StaffAccount(name, shown, Role(role), code, self._now(), None, 0, None, scope)
        try:
            with self.db.transaction() as cursor:
                cursor.execute(
                    "INSERT INTO staff_accounts (user_name, display_name, role, office,"
                    " password_hash, created_at, disabled_at, failed_attempts, locked_until,"
                    " scope) VALUES (%s, %s, %s, %s, %s, %s, NULL, 0, NULL, %s)",
                    (
                        name,
                        shown,
                        role.value,
                        code,
                        hash_password(password),
                        _iso(account.created_at),
                        str(scope) if scope else None,
                    ),
                )
        except (sqlite3.IntegrityError, psycopg.errors.UniqueViolation):
            raise AccountError("user", f"{name} exists already") from None
        return account

    def get(self, user: str) -> StaffAccount | None:
        stored = self._stored(user)
        return stored[0] if stored else None

    def all(self) -> list[StaffAccount]:
        with self.db.transaction(write=False) as cursor:
            cursor.execute(_SELECT)
            rows = cursor.fetchall()
        return sorted((_account(row)[0] for row in rows), key=lambda a: a.user)

    def disable(self, user: str) -> bool:
        """Refuse its sign-ins and end its sessions; False if no such enabled account."""
        return self._change(
            user,
            "SET disabled_at = %s WHERE user_name = %s AND disabled_at IS NULL",
            _iso(self._now()),
            ends_sessions=True,
        )

    def enable(self, user: str) -> bool:
        """False if no such disabled account."""
        return self._change(
            user,
            "SET disabled_at = %s WHERE user_name = %s AND disabled_at IS NOT NULL",
            None,
            ends_sessions=False,
        )

    def reset_password(self, user: str, password: str) -> bool:
        """A new password: the failures are forgotten, the lock lifted, the
        sessions ended. False if there is no such account."""
        check_password(password)
        return self._change(
            user,
            "SET password_hash = %s, failed_attempts = 0, locked_until = NULL WHERE user_name = %s",
            hash_password(password),
            ends_sessions=True,
        )

    def reassign(self, user: str, *, role: Role, office: str, scope: Scope | None = None) -> bool:
        """Another role or office: the sessions end, so the next page is the new
        one's. False if there is no such account."""
        if role not in STAFF_ROLES:
            roles = ", ".join(r.value for r in STAFF_ROLES)
            raise AccountError("role", f"must be one of {roles}")
        try:
            code = parse_division(office, "office")
            name = staff_user_name(user)
        except InvalidValue as error:
            raise AccountError(error.field, error.message) from None
        _check_scope(role, scope)
        with self.db.transaction() as cursor:
            changed = cursor.execute(
                "UPDATE staff_accounts SET role = %s, office = %s, scope = %s WHERE user_name = %s",
                (role.value, code, str(scope) if scope else None, name),
            )
            if changed:
                close_sessions_of(cursor, name)
        return changed == 1

    def _change(self, user: str, update: str, value: str | None, *, ends_sessions: bool) -> bool:
        try:
            name = staff_user_name(user)
        except AccountError:
            return False
        with self.db.transaction() as cursor:
            changed = cursor.execute("UPDATE staff_accounts " + update, (value, name))
            if changed and ends_sessions:
                close_sessions_of(cursor, name)
        return changed == 1

    # -- signing in ---------------------------------------------------------------------

    def sign_in(self, user: str, password: str, *, source: str) -> StaffAccount:
        """The account, if `password` is its own and it is neither locked nor
        disabled; else SignInRefused. Every attempt is recorded."""
        name = _attempted_name(user)
        source = source[:_SOURCE_MAX_LENGTH]
        stored = self._stored(name) if name != NOT_A_USER_NAME else None
        if stored is None:
            self._refuse_unknown(name, password, source)
        account, digest = stored
        if account.is_locked_at(self._now()):  # not checked, nor counted
            self._record(name, LOCKED, source)
            raise SignInRefused(LOCKED, locked_until=account.locked_until)
        if not verify_password(digest, password):
            self._refuse_wrong(name, source)
        if account.disabled_at is not None:
            self._record(name, DISABLED, source)
            raise SignInRefused(DISABLED)
        return self._signed_in(name, digest, password, source)

    def _refuse_unknown(self, name: str, password: str, source: str) -> NoReturn:
        verify_for_unknown_user(password)
        with self.db.transaction() as cursor:
            # A name without an account is slowed down as an account would be
            # (a name no account can have tells the caller nothing).
            earlier = 0
            if name != NOT_A_USER_NAME:
                earlier = _unknown_streak(cursor, name, self.policy.slow_after)
            _record(cursor, self._now(), name, UNKNOWN_USER, source)
        self._slow_down(earlier + 1)
        raise SignInRefused(WRONG_CREDENTIALS)

    def _refuse_wrong(self, name: str, source: str) -> NoReturn:
        now = self._now()
        with self.db.transaction() as cursor:
            failures, locked_until = self._count_failure(cursor, name, now)
            _record(cursor, now, name, WRONG_PASSWORD, source)
        self._slow_down(failures)
        if locked_until is not None:
            raise SignInRefused(LOCKED, locked_until=locked_until)
        raise SignInRefused(WRONG_CREDENTIALS)

    def _count_failure(
        self, cursor: Cursor, name: str, now: datetime
    ) -> tuple[int, datetime | None]:
        """The consecutive failures with this one, and the lock then in force.
        The count is raised in SQL: on PostgreSQL the UPDATE holds the row's lock
        until commit, so concurrent failures each count and see each other."""
        cursor.execute(
            "UPDATE staff_accounts SET failed_attempts = failed_attempts + 1 WHERE user_name = %s",
            (name,),
        )
        cursor.execute(
            "SELECT failed_attempts, locked_until FROM staff_accounts WHERE user_name = %s", (name,)
        )
        row = cursor.fetchone()
        if row is None:  # gone since it was read
            return 0, None
        failures, until = int(row[0]), _time(row[1])
        if until is not None and until <= now:  # a lock that ran out: this failure starts anew
            cursor.execute(
                "UPDATE staff_accounts SET failed_attempts = 1, locked_until = NULL"
                " WHERE user_name = %s",
                (name,),
            )
            return 1, None
        if until is None and failures >= self.policy.lock_after:
            until = now + timedelta(minutes=self.policy.lock_minutes)
            cursor.execute(
                "UPDATE staff_accounts SET locked_until = %s WHERE user_name = %s",
                (_iso(until), name),
            )
        return failures, until

    def _signed_in(self, name: str, digest: str, password: str, source: str) -> StaffAccount:
        new_digest = hash_password(password) if needs_rehash(digest) else digest
        now = self._now()
        with self.db.transaction() as cursor:
            # A write that changes nothing takes the row's lock (on SQLite the
            # writer holds the database): what is read next stays true to commit.
            cursor.execute(
                "UPDATE staff_accounts SET failed_attempts = failed_attempts WHERE user_name = %s",
                (name,),
            )
            cursor.execute(_SELECT + " WHERE user_name = %s", (name,))
            row = cursor.fetchone()
            fresh = _account(row) if row else None
            refusal = _refusal_meanwhile(fresh, digest, now)
            if refusal is None:
                cursor.execute(
                    "UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL,"
                    " password_hash = %s WHERE user_name = %s",
                    (new_digest, name),
                )
            outcome = _OUTCOME_OF[refusal.reason] if refusal else SIGNED_IN
            _record(cursor, now, name, outcome, source)
        if refusal is not None or fresh is None:
            raise refusal or SignInRefused(WRONG_CREDENTIALS)
        return replace(fresh[0], failed_attempts=0, locked_until=None)

    def _slow_down(self, failures: int) -> None:
        if failures >= self.policy.slow_after and self.policy.delay_seconds > 0:
            self._sleep(self.policy.delay_seconds)

    # -- the sign-in record ---------------------------------------------------------------

    def record_sign_out(self, user: str, *, source: str) -> None:
        self._record(_attempted_name(user), SIGNED_OUT, source[:_SOURCE_MAX_LENGTH])

    def sign_ins(self, *, limit: int = 100, user: str | None = None) -> list[SignInAttempt]:
        """The latest attempts and sign-outs, newest first (of one name if given)."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        where, params = ("WHERE user_name = %s", [_attempted_name(user)]) if user else ("", [])
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT at, user_name, outcome, source FROM staff_sign_ins "  # noqa: S608
                + where
                + " ORDER BY at DESC LIMIT %s",
                [*params, limit],
            )
            rows = cursor.fetchall()
        return [SignInAttempt(datetime.fromisoformat(at), u, o, s) for at, u, o, s in rows]

    def _record(self, name: str, outcome: str, source: str) -> None:
        with self.db.transaction() as cursor:
            _record(cursor, self._now(), name, outcome, source)

    def _stored(self, user: str) -> tuple[StaffAccount, str] | None:
        try:
            name = staff_user_name(user)
        except AccountError:
            return None
        with self.db.transaction(write=False) as cursor:
            cursor.execute(_SELECT + " WHERE user_name = %s", (name,))
            row = cursor.fetchone()
        return _account(row) if row else None

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)


def _refusal_meanwhile(
    fresh: tuple[StaffAccount, str] | None, digest: str, now: datetime
) -> SignInRefused | None:
    """What changed between checking the password and signing in, if anything:
    the password reset, the account disabled or locked by concurrent failures."""
    if fresh is None or fresh[1] != digest:
        return SignInRefused(WRONG_CREDENTIALS)
    account = fresh[0]
    if account.disabled_at is not None:
        return SignInRefused(DISABLED)
    if account.is_locked_at(now):
        return SignInRefused(LOCKED, locked_until=account.locked_until)
    return None


def _unknown_streak(cursor: Cursor, name: str, limit: int) -> int:
    """How many of this name's latest attempts (up to `limit`) found no account."""
    cursor.execute(
        "SELECT outcome FROM staff_sign_ins WHERE user_name = %s ORDER BY at DESC LIMIT %s",
        (name, limit),
    )
    streak = 0
    for (outcome,) in cursor.fetchall():
        if outcome != UNKNOWN_USER:
            break
        streak += 1
    return streak


def _record(cursor: Cursor, at: datetime, name: str, outcome: str, source: str) -> None:
    cursor.execute(
        "INSERT INTO staff_sign_ins (at, user_name, outcome, source) VALUES (%s, %s, %s, %s)",
        (_iso(at), name, outcome, source),
    )


def _check_scope(role: Role, scope: Scope | None) -> None:
    try:
        ensure_scope_fits(role, scope)
    except ValueError as error:
        raise AccountError("scope", str(error)) from None


def _attempted_name(raw: str) -> str:
    try:
        return staff_user_name(raw)
    except AccountError:
        return NOT_A_USER_NAME


def _account(row: Row) -> tuple[StaffAccount, str]:
    user, shown, role, office, created, disabled, failures, locked, digest, scope = row
    account = StaffAccount(
        user=user,
        display_name=shown,
        role=Role(role),
        office=office,
        created_at=datetime.fromisoformat(created),
        disabled_at=_time(disabled),
        failed_attempts=int(failures),
        locked_until=_time(locked),
        scope=parse_scope(scope) if scope else None,
    )
    return account, digest


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(moment: datetime) -> str:
    # UTC with microseconds: always the same width, so text order is time order
    # (ORDER BY at), whatever the database's collation.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _utc_now() -> datetime:
    return datetime.now(UTC)
