"""What an administrator does to staff accounts and API tokens, each change
recorded for auditors (staff_changes.py).

An account an administrator creates or resets gets a first password chosen by
the server, shown once to the administrator and never stored in clear; until
the person replaces it with their own, no other page opens for them.

Every account and token names an office of the register of offices (机构名录):
what a caller reaches and records follows from that office, so a mistyped code
would give a person a desk nobody else knows of.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from domain.actor import Role, parse_user_name
from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from domain.scope import Scope, ScopeKind, parse_scope
from infrastructure.staff_accounts import AccountError, StaffAccount, StaffAccounts
from infrastructure.staff_changes import StaffChange, StaffChanges
from infrastructure.tokens import AccessToken, TokenStore, ensure_scope_fits

# Unambiguous letters and digits (no 0/o, 1/l/i): read off a screen, typed once.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
NOT_IN_REGISTER = "is not in the register of offices"
OfficeExists = Callable[[str], bool]


def first_password() -> str:
    """Four groups of four: about 79 bits, easy to read aloud."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def scope_given(raw: str | None) -> Scope | None:
    """The scope an administrator typed (`province:37`, `pair:500237-370600`,
    `all`), or None when left empty: the account reaches its own office."""
    if raw is None or not raw.strip():
        return None
    try:
        return parse_scope(raw, "scope")
    except InvalidValue as error:
        raise AccountError(error.field, error.message) from None


class StaffAdministration:
    def __init__(
        self,
        accounts: StaffAccounts,
        tokens: TokenStore,
        changes: StaffChanges,
        office_exists: OfficeExists,
    ) -> None:
        self.accounts = accounts
        self.tokens = tokens
        self.changes = changes
        self.office_exists = office_exists
        self.db = accounts.db

    def assignment(self, role: Role, office: str, scope: Scope | None) -> tuple[str, Scope | None]:
        """The office (of the register) and the scope to store, or AccountError:
        a scope is None for the office alone; a pair names two offices of the
        register; only auditors and mediators reach wider than their office."""
        try:
            code = parse_division(office, "office")
        except InvalidValue as error:
            raise AccountError(error.field, error.message) from None
        if not self.office_exists(code):
            raise AccountError("office", NOT_IN_REGISTER)
        fitting = self._fitting(scope, code)
        try:
            ensure_scope_fits(role, fitting)
        except ValueError as error:
            raise AccountError("scope", str(error)) from None
        return code, fitting

    def create(
        self,
        by: str,
        *,
        user: str,
        display_name: str,
        role: Role,
        office: str,
        scope: Scope | None = None,
    ) -> str:
        """The new account's first password (shown once)."""
        password = first_password()
        account = self.enrol(
            by,
            user=user,
            display_name=display_name,
            role=role,
            office=office,
            password=password,
            scope=scope,
        )
        self._must_change(account.user)
        return password

    def enrol(
        self,
        by: str,
        *,
        user: str,
        display_name: str,
        role: Role,
        office: str,
        password: str,
        scope: Scope | None = None,
    ) -> StaffAccount:
        """An account with the password its owner chose (the command line's)."""
        code, fitting = self.assignment(role, office, scope)
        account = self.accounts.create(
            user=user,
            display_name=display_name,
            role=role,
            office=code,
            password=password,
            scope=fitting,
        )
        detail = _with_scope(f"{account.role.value} {account.office}", account.scope)
        self.changes.record(by, StaffChange.ACCOUNT_CREATED, account.user, detail)
        return account

    def reset(self, by: str, user: str) -> str:
        """A new first password; the account's sessions end, a lock is lifted."""
        account = self._existing(user)
        password = first_password()
        self.accounts.reset_password(account.user, password)
        self._must_change(account.user)
        self.changes.record(by, StaffChange.PASSWORD_RESET, account.user)
        return password

    def disable(self, by: str, user: str) -> None:
        account = self._existing(user)
        if account.user == by:
            raise AccountError("user", "you cannot disable your own account")
        if self.accounts.disable(account.user):
            self.changes.record(by, StaffChange.ACCOUNT_DISABLED, account.user)

    def enable(self, by: str, user: str) -> None:
        account = self._existing(user)
        if self.accounts.enable(account.user):
            self.changes.record(by, StaffChange.ACCOUNT_ENABLED, account.user)

    def reassign(
        self, by: str, user: str, *, role: Role, office: str, scope: Scope | None = None
    ) -> None:
        """Another role, office or scope (the sessions end). An administrator
        keeps their own role."""
        account = self._existing(user)
        if account.user == by and role is not account.role:
            raise AccountError("role", "you cannot change your own role")
        code, fitting = self.assignment(role, office, scope)
        self.accounts.reassign(account.user, role=role, office=code, scope=fitting)
        changed = self._existing(user)
        if changed.role is not account.role:
            detail = f"{account.role.value} -> {changed.role.value}"
            self.changes.record(by, StaffChange.ROLE_CHANGED, account.user, detail)
        moved = (
            [f"{account.office} -> {changed.office}"] if changed.office != account.office else []
        )
        if changed.scope != account.scope:
            moved.append(f"scope {_shown(account.scope)} -> {_shown(changed.scope)}")
        if moved:
            self.changes.record(by, StaffChange.OFFICE_CHANGED, account.user, "; ".join(moved))

    def must_change_password(self, user: str) -> bool:
        with self.db.transaction(write=False) as cursor:
            cursor.execute("SELECT 1 FROM staff_first_passwords WHERE user_name = %s", (user,))
            return cursor.fetchone() is not None

    def choose_password(self, user: str, password: str) -> None:
        """The person's own password replaces the first one (sessions end: sign in anew)."""
        self.accounts.reset_password(user, password)
        with self.db.transaction() as cursor:
            cursor.execute("DELETE FROM staff_first_passwords WHERE user_name = %s", (user,))
        self.changes.record(user, StaffChange.PASSWORD_CHANGED, user)

    def issue_token(
        self, by: str, *, user: str, role: Role, office: str, days: int, scope: Scope | None = None
    ) -> tuple[AccessToken, str]:
        """A token and its secret, shown once (the pages: 1 to 366 days)."""
        if not 1 <= days <= 366:
            raise AccountError("days", "must be 1 to 366 days")
        return self.issue_token_for(
            by, user=user, role=role, office=office, lifetime=timedelta(days=days), scope=scope
        )

    def issue_token_for(
        self,
        by: str,
        *,
        user: str,
        role: Role,
        office: str,
        lifetime: timedelta,
        scope: Scope | None = None,
    ) -> tuple[AccessToken, str]:
        """A token valid for `lifetime` from now, and its secret, shown once."""
        try:
            parse_user_name(user, "user")
        except InvalidValue as error:
            raise AccountError(error.field, error.message) from None
        code, fitting = self.assignment(role, office, scope)
        expires = datetime.now(UTC) + lifetime
        token, secret = self.tokens.issue(
            user=user, role=role, office=code, expires_at=expires, scope=fitting
        )
        detail = _with_scope(f"{user} {role.value} {code} {_lasting(lifetime)}", fitting)
        self.changes.record(by, StaffChange.TOKEN_ISSUED, token.token_id, detail)
        return token, secret

    def revoke_token(self, by: str, token_id: str) -> bool:
        revoked = self.tokens.revoke(token_id)
        if revoked:
            self.changes.record(by, StaffChange.TOKEN_REVOKED, token_id)
        return revoked

    def record_rebuild(self, by: str, read_model: str) -> None:
        self.changes.record(by, StaffChange.READ_MODEL_REBUILT, read_model)

    def _fitting(self, scope: Scope | None, office: str) -> Scope | None:
        """The scope to store: None for the account's own office; a pair names
        two offices of the register. One other office is refused: that is a
        change of office, not a wider reach."""
        if scope is None or scope == Scope.of_office(office):
            return None
        if scope.kind is ScopeKind.OFFICE:
            raise AccountError("scope", "must be wider than one office (the office names that)")
        if scope.kind is ScopeKind.PAIR and not all(self.office_exists(c) for c in scope.codes):
            raise AccountError("scope", "names an office that is not in the register of offices")
        return scope

    def _must_change(self, user: str) -> None:
        with self.db.transaction() as cursor:
            cursor.execute("DELETE FROM staff_first_passwords WHERE user_name = %s", (user,))
            cursor.execute(
                "INSERT INTO staff_first_passwords (user_name, set_at) VALUES (%s, %s)",
                (user, datetime.now(UTC).isoformat()),
            )

    def _existing(self, user: str) -> StaffAccount:
        account = self.accounts.get(user)
        if account is None:
            raise AccountError("user", "no such account")
        return account


def _with_scope(detail: str, scope: Scope | None) -> str:
    return f"{detail} scope {scope}" if scope is not None else detail


def _shown(scope: Scope | None) -> str:
    return str(scope) if scope is not None else "-"


def _lasting(lifetime: timedelta) -> str:
    """`30d`, or `12h` for a lifetime of hours."""
    if lifetime % timedelta(days=1) == timedelta(0):
        return f"{lifetime.days}d"
    return f"{int(lifetime.total_seconds() // 3600)}h"
