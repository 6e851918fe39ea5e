"""What an administrator does to staff accounts and API tokens, each change
recorded for auditors (staff_changes.py).

An account an administrator creates or resets gets a first password chosen by
the server, shown once to the administrator and never stored in clear; until
the person replaces it with their own, no other page opens for them.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from domain.actor import Role, parse_user_name
from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from infrastructure.staff_accounts import AccountError, StaffAccount, StaffAccounts
from infrastructure.staff_changes import StaffChange, StaffChanges
from infrastructure.tokens import AccessToken, TokenStore

# Unambiguous letters and digits (no 0/o, 1/l/i): read off a screen, typed once.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def first_password() -> str:
    """Four groups of four: about 79 bits, easy to read aloud."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


class StaffAdministration:
    def __init__(self, accounts: StaffAccounts, tokens: TokenStore, changes: StaffChanges) -> None:
        self.accounts = accounts
        self.tokens = tokens
        self.changes = changes
        self.db = accounts.db

    def create(self, by: str, *, user: str, display_name: str, role: Role, office: str) -> str:
        """The new account's first password (shown once)."""
        password = first_password()
        account = self.accounts.create(
            user=user, display_name=display_name, role=role, office=office, password=password
        )
        self._must_change(account.user)
        self.changes.record(
            by, StaffChange.ACCOUNT_CREATED, account.user, f"{account.role.value} {account.office}"
        )
        return password

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

    def reassign(self, by: str, user: str, *, role: Role, office: str) -> None:
        """Another role or office (the sessions end). An administrator keeps their own role."""
        account = self._existing(user)
        if account.user == by and role is not account.role:
            raise AccountError("role", "you cannot change your own role")
        self.accounts.reassign(account.user, role=role, office=office)
        changed = self._existing(user)
        if changed.role is not account.role:
            detail = f"{account.role.value} -> {changed.role.value}"
            self.changes.record(by, StaffChange.ROLE_CHANGED, account.user, detail)
        if changed.office != account.office:
            detail = f"{account.office} -> {changed.office}"
            self.changes.record(by, StaffChange.OFFICE_CHANGED, account.user, detail)

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
        self, by: str, *, user: str, role: Role, office: str, days: int
    ) -> tuple[AccessToken, str]:
        """A token and its secret, shown once."""
        if not 1 <= days <= 366:
            raise AccountError("days", "must be 1 to 366 days")
        self._check_token_holder(user, office)
        expires = datetime.now(UTC) + timedelta(days=days)
        token, secret = self.tokens.issue(user=user, role=role, office=office, expires_at=expires)
        detail = f"{user} {role.value} {office} {days}d"
        self.changes.record(by, StaffChange.TOKEN_ISSUED, token.token_id, detail)
        return token, secret

    def revoke_token(self, by: str, token_id: str) -> bool:
        revoked = self.tokens.revoke(token_id)
        if revoked:
            self.changes.record(by, StaffChange.TOKEN_REVOKED, token_id)
        return revoked

    def record_rebuild(self, by: str, read_model: str) -> None:
        self.changes.record(by, StaffChange.READ_MODEL_REBUILT, read_model)

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

    @staticmethod
    def _check_token_holder(user: str, office: str) -> None:
        try:
            parse_user_name(user, "user")
            parse_division(office, "office")
        except InvalidValue as error:
            raise AccountError(error.field, error.message) from None
