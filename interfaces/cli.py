"""The `laborbridge` command: serve the API and manage access tokens."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from pydantic import ValidationError

from application.exceptions import DamagedRecord
from domain.actor import STAFF_ROLES, Role
from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from infrastructure.encryption import KeyRingError
from infrastructure.key_check import EncryptionRefused
from infrastructure.logging import configure_logging
from infrastructure.persistence import DatabaseUnavailable, check_encryption
from infrastructure.policy_process import PolicyProcessGaveUp
from infrastructure.schema import create_tables
from infrastructure.settings import DEFAULT_DATABASE_URL, Settings, settings_from_environment
from infrastructure.sql import open_database
from infrastructure.staff_accounts import AccountError
from infrastructure.staff_changes import StaffChange, StaffChanges, command_line_user
from infrastructure.token_lifetime import (
    DEFAULT_LIFETIME,
    LifetimeInvalid,
    describe,
    parse_lifetime,
)
from infrastructure.tokens import TokenStore
from interfaces.cli_audit import add_commands as add_audit_commands
from interfaces.cli_database import check_database_is_there
from interfaces.cli_errors import CommandError
from interfaces.cli_import import add_commands as add_import_commands
from interfaces.cli_keys import add_commands as add_key_commands
from interfaces.cli_offices import add_commands as add_office_commands
from interfaces.cli_operator import operator_name
from interfaces.cli_projections import add_commands as add_projection_commands
from interfaces.cli_secrets import add_commands as add_secret_commands
from interfaces.cli_subsidies import add_commands as add_subsidy_commands
from interfaces.cli_users import SCOPE_HELP, administration, refusal, scope_option
from interfaces.cli_users import add_commands as add_user_commands

__all__ = ["CommandError", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        standalone = getattr(args, "standalone", None)
        if standalone is not None:  # needs no settings nor database (keys generate)
            return int(standalone(args))
        settings = _settings()
        # Every command logs alike: structlog lines on stderr, results on stdout.
        configure_logging(settings.log_format, settings.log_level)
        check_database_is_there(
            settings.database,
            settings.postgres_connect_timeout,
            may_make_directory=getattr(args, "makes_data_directory", False),
        )
        if getattr(args, "checks_keys", True):
            check_encryption(settings)
        handler: Callable[[argparse.Namespace, Settings], int] = args.handler
        return handler(args, settings)
    except (
        CommandError,
        DatabaseUnavailable,
        EncryptionRefused,
        KeyRingError,
        DamagedRecord,  # names the record and position; `audit verify` finds them all
        PolicyProcessGaveUp,  # names the position; `projections status` shows it too
    ) as error:
        print(f"laborbridge: {error}", file=sys.stderr)
        return 2


def _settings() -> Settings:
    try:
        return settings_from_environment()
    except NotADirectoryError as error:
        raise CommandError(str(error)) from None
    except ValidationError as error:
        problems = "; ".join(
            f"LABORBRIDGE_{'_'.join(str(p) for p in e['loc']).upper() or 'SETTINGS'}: {e['msg']}"
            for e in error.errors()
        )
        raise CommandError(f"invalid settings: {problems}") from None


def _token_store(settings: Settings) -> TokenStore:
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    create_tables(db)
    return TokenStore(db)


def serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from interfaces.http.app import create_app

    tokens = _token_store(settings)
    print(
        f"LaborBridge on http://{args.host}:{args.port} (API docs at /docs),"
        f" database {settings.database}",
        file=sys.stderr,
    )
    if tokens.count_active() == 0:
        print(_first_token_hint(settings, _registered_offices(settings)), file=sys.stderr)
    tokens.db.close()
    uvicorn.run(
        create_app(settings), host=args.host, port=args.port, access_log=False, log_level="warning"
    )
    return 0


# What a fresh database is given first: the sending county's office (巫山县).
FIRST_OFFICE = ("500237", "巫山县就业和人才中心", "sending_county")


def _registered_offices(settings: Settings) -> list[str]:
    from infrastructure.persistence import build_journey

    journey = build_journey(settings)
    try:
        return [office.code for office in journey.offices()]
    finally:
        journey.close()


def _first_token_hint(settings: Settings, offices: list[str]) -> str:
    """Commands that create a token in this server's database when pasted in
    any directory — after the first office, when the register of offices is
    empty (a token names an office of it): the program by its absolute path, the
    database named unless both the URL and the home are the defaults (which
    every command resolves alike)."""
    code, office_name, kind = FIRST_OFFICE
    office = code if not offices or code in offices else offices[0]
    commands = [] if offices else [_office_create(code, office_name, kind)]
    commands.append(
        ["token", "create", "--user", "YOUR_NAME", "--role", "caseworker", "--office", office]
    )
    program = _program()
    url = settings.database
    if settings.database_url != DEFAULT_DATABASE_URL or settings.home is not None:
        program = f"LABORBRIDGE_DATABASE_URL={shlex.quote(str(url))} {program}"
    others = sorted(
        name
        for name in os.environ
        if name.startswith("LABORBRIDGE_") and name not in _NOT_REPEATED_IN_THE_HINT
    )
    given = f" (with this server's {', '.join(others)})" if others else ""
    password = (
        " (and the database password in that URL)" if url.is_postgres and url.password else ""
    )
    what = "Create a first one" if offices else "Add the first office, then a first token,"
    none = "" if offices else ", and the register of offices is empty"
    pasted = "".join(f"\n  {program} {shlex.join(c)}" for c in commands)
    return f"No access tokens yet{none}. {what} in another terminal{given}{password}:" + pasted


def _office_create(code: str, name: str, kind: str) -> list[str]:
    return ["office", "create", "--code", code, "--name", name, "--kind", kind]


_NOT_REPEATED_IN_THE_HINT = {
    "LABORBRIDGE_DATABASE_URL",
    "LABORBRIDGE_HOME",
    "LABORBRIDGE_LOG_FORMAT",
    "LABORBRIDGE_LOG_LEVEL",
}


def _program() -> str:
    """How the user called us, by absolute path, so the hint can be pasted anywhere."""
    called = sys.argv[0] if sys.argv and sys.argv[0].endswith("laborbridge") else ""
    return shlex.quote(os.path.abspath(called)) if os.sep in called else "laborbridge"


def token_create(args: argparse.Namespace, settings: Settings) -> int:
    """A token for an office of the register (`office create` adds one)."""
    user = operator_name(args.user)
    try:
        office = parse_division(args.office, "--office")
        lifetime = parse_lifetime(args.expires_in)
    except (InvalidValue, LifetimeInvalid) as error:
        raise CommandError(str(error)) from None
    scope = scope_option(args.scope)
    with administration(settings) as staff:
        try:
            token, secret = staff.issue_token_for(
                command_line_user(),
                user=user,
                role=Role(args.role),
                office=office,
                lifetime=lifetime,
                scope=scope,
            )
        except AccountError as error:
            raise refusal(error) from None
    reach = f", scope {token.scope}" if token.scope else ""
    print(
        f"Created token {token.token_id} for {token.user} ({token.role.value}, office"
        f" {token.office}{reach}), valid for {describe(lifetime)}, until"
        f" {_when(token.expires_at)} UTC. It is shown only now; keep it secret:"
    )
    print(secret)
    return 0


def token_list(_: argparse.Namespace, settings: Settings) -> int:
    now = datetime.now(UTC)
    print(
        f"{'TOKEN ID':<18} {'USER':<20} {'ROLE':<11} {'OFFICE':<7} {'SCOPE':<20}"
        f" {'CREATED (UTC)':<17} {'EXPIRES (UTC)':<17} STATE"
    )
    for t in _token_store(settings).all():
        if t.revoked_at is not None:
            state = f"revoked {_when(t.revoked_at)}"
        else:
            state = "expired" if t.is_expired_at(now) else "active"
        print(
            f"{t.token_id:<18} {t.user:<20} {t.role.value:<11} {t.office:<7}"
            f" {t.scope or '-'!s:<20} {_when(t.created_at):<17}"
            f" {_when(t.expires_at):<17} {state}"
        )
    return 0


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "-"


def token_revoke(args: argparse.Namespace, settings: Settings) -> int:
    store = _token_store(settings)
    if not store.revoke(args.token_id):
        raise CommandError(f"no active token with id {args.token_id}")
    StaffChanges(store.db).record(command_line_user(), StaffChange.TOKEN_REVOKED, args.token_id)
    print(f"Revoked {args.token_id}.")
    return 0


def demo(args: argparse.Namespace, settings: Settings) -> int:
    import time

    from infrastructure.persistence import build_journey
    from infrastructure.policy_process import SubsidyPolicyProcess
    from infrastructure.sql import open_database
    from interfaces.demo.programme import load_demo

    if args.workers < 1 or args.workers > 100_000:
        raise CommandError("--workers must be between 1 and 100000")
    journey = build_journey(settings)
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    started = time.perf_counter()
    try:
        # The policy process runs here too, so the year ends with subsidies decided
        # (a running server's own process finds nothing left to do).
        policy = SubsidyPolicyProcess(journey, db)
        summary = load_demo(
            journey, workers=args.workers, seed=args.seed, evaluate_all=policy.catch_up
        )
        position = journey.recorder.max_notification_id() or 0
    finally:
        journey.close()
        db.close()
    seconds = time.perf_counter() - started
    print(
        f"Loaded a programme year (seed {args.seed}): {summary.workers} workers"
        f" in {seconds:.1f} s; the event log is at position {position}."
    )
    if summary.skipped_existing:
        print(
            f"{summary.skipped_existing} workers of this seed were registered already"
            " and were left as they are."
        )
    for what, count in sorted(summary.counts.items()):
        print(f"  {what:<32} {count:>6}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="laborbridge",
        description="LaborBridge case tracking. Settings come from LABORBRIDGE_* variables.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("serve", help="serve the HTTP API")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.set_defaults(handler=serve, makes_data_directory=True)

    add_projection_commands(commands)
    add_audit_commands(commands)
    add_subsidy_commands(commands)
    add_import_commands(commands)
    add_key_commands(commands)
    add_secret_commands(commands)
    sample = commands.add_parser(
        "demo", help="load a realistic programme year through the application's commands"
    )
    sample.add_argument("--workers", type=int, default=200)
    sample.add_argument("--seed", type=int, default=2025, help="same seed, same data")
    sample.set_defaults(handler=demo)

    token = commands.add_parser("token", help="manage access tokens").add_subparsers(
        required=True, metavar="ACTION"
    )
    create = token.add_parser("create", help="issue a token (printed alone on the last line)")
    create.add_argument("--user", required=True)
    create.add_argument("--role", required=True, choices=[r.value for r in STAFF_ROLES])
    create.add_argument(
        "--office", required=True, help="an office of the register, e.g. 500237 or 370600"
    )
    create.add_argument("--scope", help=SCOPE_HELP)
    create.add_argument(
        "--expires-in",
        default=DEFAULT_LIFETIME,
        metavar="LIFETIME",
        help=f"days or hours, like 30d or 12h; at most 730d (default {DEFAULT_LIFETIME})",
    )
    create.set_defaults(handler=token_create)
    token.add_parser("list", help="list tokens (never their secrets)").set_defaults(
        handler=token_list
    )
    revoke = token.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("token_id")
    revoke.set_defaults(handler=token_revoke)
    add_user_commands(commands)
    add_office_commands(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
