"""`laborbridge user …`: the staff accounts people sign in to the pages with.

A password is never an argument (it would stay in the shell's history and be
seen in `ps`): at a terminal it is asked twice, else it is one line of stdin.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from domain.actor import STAFF_ROLES, Role
from domain.scope import Scope
from infrastructure.persistence import build_journey
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.staff_accounts import (
    AccountError,
    StaffAccount,
    StaffAccounts,
    check_password,
    staff_user_name,
)
from infrastructure.staff_administration import NOT_IN_REGISTER, StaffAdministration, scope_given
from infrastructure.staff_changes import StaffChange, StaffChanges, command_line_user
from infrastructure.tokens import TokenStore
from interfaces.cli_errors import CommandError

MAX_LIMIT = 10_000
# How an account's field is called on this command line.
_OPTION = {
    "user": "--user",
    "display_name": "--display-name",
    "role": "--role",
    "office": "--office",
    "scope": "--scope",
    "password": "the password",
}
SCOPE_HELP = (
    "wider than the office, auditors and mediators only: province:37, pair:500237-370600 or all"
)


@contextmanager
def _accounts(settings: Settings) -> Iterator[StaffAccounts]:
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        create_tables(db)
        yield StaffAccounts(db)
    finally:
        db.close()


@contextmanager
def administration(settings: Settings) -> Iterator[StaffAdministration]:
    """Accounts and tokens as the administrator's pages make them: each names an
    office of the register of offices, read from the event store."""
    journey = build_journey(settings)
    try:
        with _accounts(settings) as accounts:
            yield StaffAdministration(
                accounts,
                TokenStore(accounts.db),
                StaffChanges(accounts.db),
                lambda code: journey.office(code) is not None,
            )
    finally:
        journey.close()


def refusal(error: AccountError) -> CommandError:
    """One line naming the option; an unknown office says where offices come from."""
    message = f"{_OPTION.get(error.field, error.field)} {error.message}"
    if error.message == NOT_IN_REGISTER:
        message += " (`laborbridge office list` shows it; `laborbridge office create` adds one)"
    return CommandError(message)


def scope_option(raw: str | None) -> Scope | None:
    try:
        return scope_given(raw)
    except AccountError as error:
        raise refusal(error) from None


def _user_name(raw: str) -> str:
    try:
        return staff_user_name(raw)
    except AccountError as error:
        raise refusal(error) from None


def _existing(accounts: StaffAccounts, raw: str) -> StaffAccount:
    account = accounts.get(_user_name(raw))
    if account is None:
        raise CommandError(f"no user {_user_name(raw)}")
    return account


def _new_password(user: str) -> str:
    """Asked twice at a terminal; else the first line of stdin (its end of line dropped)."""
    if sys.stdin.isatty():
        password = getpass.getpass(f"New password for {user}: ")
        if getpass.getpass("The same again: ") != password:
            raise CommandError("the two passwords differ; nothing was changed")
    else:
        line = sys.stdin.readline()
        if not line:
            raise CommandError("no password on stdin: give it as one line, or run at a terminal")
        password = line.removesuffix("\n").removesuffix("\r")
    try:
        check_password(password)
    except AccountError as error:
        raise refusal(error) from None
    return password


def create(args: argparse.Namespace, settings: Settings) -> int:
    user = _user_name(args.user)
    scope = scope_option(args.scope)
    with administration(settings) as staff:
        try:  # before the password is asked for
            staff.assignment(Role(args.role), args.office, scope)
        except AccountError as error:
            raise refusal(error) from None
        if staff.accounts.get(user) is not None:
            raise CommandError(f"--user {user} exists already")
        password = _new_password(user)
        try:
            account = staff.enrol(
                command_line_user(),
                user=user,
                display_name=args.display_name,
                role=Role(args.role),
                office=args.office,
                password=password,
                scope=scope,
            )
        except AccountError as error:
            raise refusal(error) from None
    print(f"Created user {account.user} ({_assignment(account)}).")
    return 0


def reassign(args: argparse.Namespace, settings: Settings) -> int:
    """Another role, office or scope; the account's sessions end."""
    scope = scope_option(args.scope)
    with administration(settings) as staff:
        user = _existing(staff.accounts, args.user).user
        try:
            staff.reassign(
                command_line_user(), user, role=Role(args.role), office=args.office, scope=scope
            )
        except AccountError as error:
            raise refusal(error) from None
        account = _existing(staff.accounts, user)
    print(f"User {account.user} is now {_assignment(account)}; its sessions are closed.")
    return 0


def _assignment(account: StaffAccount) -> str:
    scope = f", scope {account.scope}" if account.scope else ""
    return f"{account.role.value}, office {account.office}{scope}"


def list_users(_: argparse.Namespace, settings: Settings) -> int:
    with _accounts(settings) as accounts:
        everyone = accounts.all()
    now = datetime.now(UTC)
    print(
        f"{'USER':<20} {cell('DISPLAY NAME', 20)} {'ROLE':<11} {'OFFICE':<7}"
        f" {'SCOPE':<20} {'STATE':<32} CREATED (UTC)"
    )
    for a in everyone:
        if a.disabled_at is not None:
            state = "disabled"
        elif a.is_locked_at(now):
            state = f"locked until {_when(a.locked_until)} UTC"
        else:
            state = "active"
        print(
            f"{a.user:<20} {cell(a.display_name, 20)} {a.role.value:<11} {a.office:<7}"
            f" {a.scope or '-'!s:<20} {state:<32} {_when(a.created_at)}"
        )
    return 0


def disable(args: argparse.Namespace, settings: Settings) -> int:
    with _accounts(settings) as accounts:
        user = _existing(accounts, args.user).user
        if not accounts.disable(user):
            raise CommandError(f"user {user} is disabled already")
        _recorded(accounts, StaffChange.ACCOUNT_DISABLED, user)
    print(f"Disabled user {user}; its sessions are closed.")
    return 0


def enable(args: argparse.Namespace, settings: Settings) -> int:
    with _accounts(settings) as accounts:
        user = _existing(accounts, args.user).user
        if not accounts.enable(user):
            raise CommandError(f"user {user} is not disabled")
        _recorded(accounts, StaffChange.ACCOUNT_ENABLED, user)
    print(f"Enabled user {user}.")
    return 0


def reset_password(args: argparse.Namespace, settings: Settings) -> int:
    with _accounts(settings) as accounts:
        user = _existing(accounts, args.user).user
        accounts.reset_password(user, _new_password(user))
        _recorded(accounts, StaffChange.PASSWORD_RESET, user)
    print(f"Set a new password for {user}; it is unlocked and its sessions are closed.")
    return 0


def sign_ins(args: argparse.Namespace, settings: Settings) -> int:
    if not 1 <= args.limit <= MAX_LIMIT:
        raise CommandError(f"--limit must be between 1 and {MAX_LIMIT}")
    user = _user_name(args.user) if args.user is not None else None
    with _accounts(settings) as accounts:
        record = accounts.sign_ins(limit=args.limit, user=user)
    print(f"{'AT (UTC)':<19} {'USER':<20} {'OUTCOME':<14} SOURCE")
    for attempt in record:
        at = attempt.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{at:<19} {attempt.user:<20} {attempt.outcome:<14} {attempt.source}")
    return 0


def _recorded(accounts: StaffAccounts, action: StaffChange, user: str, detail: str = "") -> None:
    """For auditors, as the pages record theirs: here `by` is the server's user."""
    StaffChanges(accounts.db).record(command_line_user(), action, user, detail)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "-"


def cell(text: str, width: int) -> str:
    """Padded to `width` columns of a terminal, where 李 takes two."""
    return text + " " * max(width - columns(text), 0)


def columns(text: str) -> int:
    """How many columns of a terminal the text takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def add_commands(commands: Any) -> None:
    user = commands.add_parser(
        "user", help="staff accounts for signing in to the pages"
    ).add_subparsers(required=True, metavar="ACTION")
    made = user.add_parser(
        "create", help="create an account; the password is asked for (or read from stdin)"
    )
    made.add_argument("--user", required=True, help="the sign-in name, e.g. li.ming")
    made.add_argument("--role", required=True, choices=[r.value for r in STAFF_ROLES])
    made.add_argument(
        "--office", required=True, help="an office of the register, e.g. 500237 or 370600"
    )
    made.add_argument("--display-name", required=True, help="the name pages show, e.g. 李明")
    made.add_argument("--scope", help=SCOPE_HELP)
    made.set_defaults(handler=create)
    moved = user.add_parser(
        "reassign", help="another role, office or scope (its sessions are closed)"
    )
    moved.add_argument("--user", required=True)
    moved.add_argument("--role", required=True, choices=[r.value for r in STAFF_ROLES])
    moved.add_argument("--office", required=True, help="an office of the register, e.g. 370600")
    moved.add_argument("--scope", help=SCOPE_HELP + "; left out: the office alone")
    moved.set_defaults(handler=reassign)
    user.add_parser("list", help="list the accounts and their state").set_defaults(
        handler=list_users
    )
    for action, handler, text in (
        ("disable", disable, "refuse an account's sign-ins and close its sessions"),
        ("enable", enable, "let a disabled account sign in again"),
        ("reset-password", reset_password, "set a new password (asked for); unlocks"),
    ):
        parser = user.add_parser(action, help=text)
        parser.add_argument("--user", required=True)
        parser.set_defaults(handler=handler)
    record = user.add_parser("sign-ins", help="the sign-in record, newest first")
    record.add_argument("--user", help="only this name")
    record.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    record.set_defaults(handler=sign_ins)
