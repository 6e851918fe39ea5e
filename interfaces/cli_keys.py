"""`laborbridge keys generate|status`: the key ring that encrypts personal data."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from application.journey import Journey
from infrastructure.commit_markers import CommitMarkers
from infrastructure.encryption import generate_key_line
from infrastructure.idempotency import IdempotencyStore
from infrastructure.key_check import key_usage
from infrastructure.persistence import event_store_env, events_table
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database


def generate(args: argparse.Namespace) -> int:
    """Print a new `ID:BASE64KEY` entry; needs no settings and no database."""
    print(generate_key_line(args.id))
    print(
        "Put it first in LABORBRIDGE_ENCRYPTION_KEYS, keep the old keys after it,"
        " and restart every LaborBridge process.",
        file=sys.stderr,
    )
    return 0


def status(_: argparse.Namespace, settings: Settings) -> int:
    """Stored events (and idempotency records) per key id: a key may leave the
    ring only when nothing uses it. Runs even when start-up would be refused."""
    small = settings.model_copy(update={"postgres_pool_size": 1, "postgres_max_overflow": 0})
    journey = Journey(env=event_store_env(small), identity_key=settings.identity_key)
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        create_tables(db)
        usage = key_usage(settings.key_ring, db, events_table(journey))
        markers = CommitMarkers(settings.database)
        responses = IdempotencyStore(db, settings.key_ring, markers).records_per_key()
    finally:
        journey.close()
        db.close()
    print(f"{'KEY ID':<34} {'IN RING':<13} {'EVENTS':>10} {'IDEMPOTENCY':>12}")
    for u in usage:
        print(f"{u.key_id:<34} {u.in_ring:<13} {u.events:>10} {responses.pop(u.key_id, 0):>12}")
    for key_id, count in sorted(responses.items()):
        print(f"{key_id:<34} {'MISSING':<13} {0:>10} {count:>12}")
    return 0


def add_commands(commands: Any) -> None:
    keys = commands.add_parser(
        "keys", help="the key ring that encrypts personal data at rest"
    ).add_subparsers(required=True, metavar="ACTION")
    new = keys.add_parser("generate", help="print a new random key line ID:BASE64KEY")
    new.add_argument("--id", help="the key's id (default: k and today's date, e.g. k20260301)")
    new.set_defaults(standalone=generate)
    keys.add_parser(
        "status", help="stored events per key id (a key may be retired at 0)"
    ).set_defaults(handler=status, checks_keys=False)
