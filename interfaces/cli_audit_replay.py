"""`laborbridge audit replay`: a worker's history and state at a past moment."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any
from uuid import UUID

from application.clock import moment
from application.exceptions import RecordNotFound
from application.replay_basis import Basis
from domain.actor import Actor, Role
from domain.scope import Scope
from infrastructure.persistence import build_journey
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.audit_queries import record_positions, worker_records
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.staff_changes import command_line_user
from interfaces.cli_errors import CommandError
from interfaces.json_views import as_json


def replay(args: argparse.Namespace, settings: Settings) -> int:
    as_of = _moment(args.as_of)
    basis = Basis(args.basis)
    if basis is Basis.BUSINESS and as_of is None:
        raise CommandError("--basis business needs --as-of: the day whose facts to replay")
    journey = build_journey(settings)
    # Whoever holds the server's shell and settings reads every office's records.
    auditor = Actor(
        user=command_line_user(), role=Role.AUDITOR, office="", scope=Scope.everything()
    )
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        read_models = ReadModels(db)
        if args.worker is not None:
            worker_id = _uuid(args.worker, "--worker")
            records = worker_records(read_models, worker_id, scope=auditor.reach)
            replayed = journey.worker_as_of(
                worker_id,
                records.record_ids,
                as_of=as_of,
                version=args.version,
                reader=auditor,
                positions=records.positions,
                basis=basis,
            )
            out: Any = as_json(replayed)
        else:
            record_id = _uuid(args.record, "--record")
            out = as_json(
                journey.record_as_of(
                    record_id,
                    as_of=as_of,
                    version=args.version,
                    reader=auditor,
                    positions=record_positions(read_models, record_id),
                    basis=basis,
                )
            )
    except RecordNotFound as error:
        raise CommandError(str(error)) from None
    finally:
        journey.close()
        db.close()
    _print(out)
    return 0


def _print(data: dict[str, Any]) -> None:
    events = data.pop("events")
    if data.get("basis") == Basis.BUSINESS:
        known = f"the facts dated on or before {data.get('business_date')}, as known now"
    else:
        known = f"as the office knew it at {data.get('as_of') or 'now'}"
    print(f"History ({len(events)} events, {known}):")
    for e in events:
        actor = e["actor"] or {}
        print(
            f"  {e['recorded_at']}  #{e['position'] or '?':<7} {e['record_kind']:<9}"
            f" v{e['version']:<3} {e['type']:<32} {e['occurred_on'] or '':<10}"
            f" {actor.get('user', '')}@{actor.get('office', '')}"
        )
    print("\nState:")
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _moment(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        return moment(datetime.fromisoformat(raw))
    except ValueError:
        raise CommandError("--as-of must be an ISO 8601 date or date-time") from None


def _uuid(raw: str, option: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise CommandError(f"{option} must be a record id (UUID)") from None


def add(actions: Any) -> None:
    """Adds `replay` to `laborbridge audit`."""
    parser = actions.add_parser(
        "replay", help="print a worker's (or any record's) history and state at a past moment"
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--worker", help="worker id: the worker and their whole journey")
    which.add_argument("--record", help="any record id (training, transfer, …)")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--as-of", help="ISO 8601 moment (recorded time; no offset = Asia/Shanghai)")
    when.add_argument("--version", type=int, help="the record's (or worker's) version")
    parser.add_argument(
        "--basis",
        choices=[b.value for b in Basis],
        default=Basis.RECORDED.value,
        help="recorded (default): as known at --as-of; business: the facts dated on or"
        " before --as-of's day, as known now (entered late or imported included)",
    )
    parser.set_defaults(handler=replay)
