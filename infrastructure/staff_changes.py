"""The record of changes to staff accounts and API tokens, for auditors.

Who did what to which account or token, and when — from the administrator's
pages (`by` is the administrator's user name) or the command line (`cli:` and
the operating-system user). The detail says what changed (old → new role or
office), never a password, a hash or a token's secret. Like the sign-in
record, it is a fact about the service beside the event log, not a read model.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from infrastructure.sql import Cursor, SqlDatabase


class StaffChange(StrEnum):
    ACCOUNT_CREATED = "account_created"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"  # by the person, replacing a first password
    ACCOUNT_DISABLED = "account_disabled"
    ACCOUNT_ENABLED = "account_enabled"
    ROLE_CHANGED = "role_changed"
    OFFICE_CHANGED = "office_changed"
    TOKEN_ISSUED = "token_issued"
    TOKEN_REVOKED = "token_revoked"
    READ_MODEL_REBUILT = "read_model_rebuilt"
    OFFICE_ADDED = "office_added"  # to the register of offices (机构名录)
    PARTNERS_LINKED = "partners_linked"


@dataclass(frozen=True)
class StaffChangeEntry:
    at: datetime
    by: str
    action: StaffChange
    subject: str  # the account's user name, the token's id or the read model's name
    detail: str  # what changed, never a secret


def record_change(
    cursor: Cursor, by: str, action: StaffChange, subject: str, detail: str = ""
) -> None:
    """In the caller's transaction: the change and its record commit together."""
    cursor.execute(
        "INSERT INTO staff_changes (at, by_user, action, subject, detail)"
        " VALUES (%s, %s, %s, %s, %s)",
        (datetime.now(UTC).isoformat(timespec="microseconds"), by, action.value, subject, detail),
    )


def command_line_user() -> str:
    """Who ran a command on the server: `cli:` and the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"cli:uid {os.getuid()}"


class StaffChanges:
    def __init__(self, db: SqlDatabase) -> None:
        self.db = db

    def record(self, by: str, action: StaffChange, subject: str, detail: str = "") -> None:
        with self.db.transaction() as cursor:
            record_change(cursor, by, action, subject, detail)

    def recent(
        self, *, limit: int = 100, subject: str | None = None, action: str | None = None
    ) -> list[StaffChangeEntry]:
        """Newest first."""
        where, params = [], []
        if subject:
            where.append("subject = %s")
            params.append(subject)
        if action:
            where.append("action = %s")
            params.append(action)
        with self.db.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT at, by_user, action, subject, detail FROM staff_changes"  # noqa: S608 - no input in SQL
                f" WHERE {' AND '.join(where) or '1 = 1'} ORDER BY at DESC LIMIT %s",
                [*params, limit],
            )
            rows = cursor.fetchall()
        return [
            StaffChangeEntry(
                datetime.fromisoformat(str(at)), str(by), StaffChange(str(a)), str(s), str(d or "")
            )
            for at, by, a, s, d in rows
        ]
