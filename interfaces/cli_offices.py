"""`laborbridge office …`: the register of offices (机构名录) from a terminal —
add an office, link two as partners, list them.

Staff accounts and tokens name an office of the register, so on a new database
the first office comes before the first token. The actor stamped on the
register's events is the server's user (`cli:` and the operating-system user)
as an administrator of the office concerned.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from domain.actor import Actor, Role
from domain.divisions import parse_division
from domain.exceptions import InvalidTransition, InvalidValue
from domain.offices import OfficeKind
from infrastructure.office_administration import OfficeAdministration
from infrastructure.persistence import build_journey
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.staff_changes import StaffChanges, command_line_user
from interfaces.cli_errors import CommandError
from interfaces.cli_users import cell, columns
from interfaces.i18n.catalogue import translate

# How a field of the register is called on this command line.
_OPTION = {
    "code": "--code",
    "name": "--name",
    "kind": "--kind",
    "partners": "--partner",
    "partner": "--partner",
}
NO_OFFICE = "000000"  # the actor's office when the code given is not one


@contextmanager
def _register(settings: Settings) -> Iterator[OfficeAdministration]:
    journey = build_journey(settings)
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        create_tables(db)
        yield OfficeAdministration(journey, StaffChanges(db))
    finally:
        db.close()
        journey.close()


def _administrator(code: str) -> Actor:
    try:
        office = parse_division(code, "code")
    except InvalidValue:
        office = NO_OFFICE
    return Actor(user=command_line_user(), role=Role.ADMIN, office=office)


def _refusal(error: InvalidValue | InvalidTransition) -> CommandError:
    if isinstance(error, InvalidTransition):
        return CommandError(
            "--code names an office of the register with another name, kind or partners"
            " (`laborbridge office list` shows it); nothing was changed"
        )
    return CommandError(f"{_OPTION.get(error.field, error.field)} {error.message}")


def create(args: argparse.Namespace, settings: Settings) -> int:
    with _register(settings) as register:
        try:
            added = register.add_office(
                _administrator(args.code),
                code=args.code,
                name=args.name,
                kind=args.kind,
                partners=args.partner,
            )
        except (InvalidValue, InvalidTransition) as error:
            raise _refusal(error) from None
        office = register.journey.office(parse_division(args.code, "code"))
    assert office is not None  # added or there already
    if not added:
        print(f"Office {office.code} is in the register already, as given; nothing was changed.")
        return 0
    partners = f", partner of {', '.join(office.partners)}" if office.partners else ""
    print(f"Added office {office.code} {office.name} ({office.kind}{partners}).")
    return 0


def partner(args: argparse.Namespace, settings: Settings) -> int:
    with _register(settings) as register:
        try:
            linked = register.link_partners(
                _administrator(args.code), code=args.code, partner=args.partner
            )
        except InvalidValue as error:
            raise _refusal(error) from None
    first, second = parse_division(args.code, "code"), parse_division(args.partner, "partner")
    if linked:
        print(f"Linked offices {first} and {second} as partners.")
    else:
        print(f"Offices {first} and {second} are partners already; nothing was changed.")
    return 0


def list_offices(_: argparse.Namespace, settings: Settings) -> int:
    with _register(settings) as register:
        offices = register.offices()
    if not offices:
        print("The register of offices is empty; add one with `laborbridge office create`.")
        return 0
    kinds = {o.code: _kind(o.kind) for o in offices}
    named = max(columns(o.name) for o in offices) + 2
    kind = max(columns(k) for k in kinds.values()) + 2
    print(f"{'CODE':<7} {cell('NAME', named)}{cell('KIND', kind)}PARTNERS")
    for o in offices:
        partners = ", ".join(o.partners) or "-"
        print(f"{o.code:<7} {cell(o.name, named)}{cell(kinds[o.code], kind)}{partners}")
    return 0


def _kind(kind: str) -> str:
    """In Chinese and English: 接收地区县 / Receiving district office."""
    key = f"office.kind.{kind}"
    return f"{translate('zh', key)} / {translate('en', key)}"


def add_commands(commands: Any) -> None:
    office = commands.add_parser(
        "office", help="the register of offices: staff accounts and tokens name one"
    ).add_subparsers(required=True, metavar="ACTION")
    made = office.add_parser("create", help="add an office to the register")
    made.add_argument("--code", required=True, help="its division code, e.g. 500237 or 370600")
    made.add_argument("--name", required=True, help="e.g. 巫山县就业和人才中心")
    made.add_argument("--kind", required=True, choices=[k.value for k in OfficeKind])
    made.add_argument(
        "--partner",
        action="append",
        default=[],
        metavar="CODE",
        help="an office of the register it cooperates with (repeat for more)",
    )
    made.set_defaults(handler=create)
    linked = office.add_parser("partner", help="record that two offices of the register cooperate")
    linked.add_argument("--code", required=True)
    linked.add_argument("--partner", required=True, metavar="CODE")
    linked.set_defaults(handler=partner)
    office.add_parser("list", help="the register: code, name, kind, partners").set_defaults(
        handler=list_offices
    )
