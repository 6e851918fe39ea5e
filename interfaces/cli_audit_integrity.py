"""`laborbridge audit verify [--checkpoint FILE]` and `laborbridge audit checkpoint`.

Exit status: 0 the log is intact (and extends the checkpoint), 1 it is not (or
the checkpoint is not genuine), 2 the command could not run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infrastructure.bound_mapper import BoundMapper
from infrastructure.checkpoints import (
    Checkpoint,
    CheckpointInvalid,
    make_checkpoint,
    public_key_hex,
    read_checkpoint,
)
from infrastructure.integrity_audit import IntegrityReport, events_table, verify_integrity
from infrastructure.integrity_verifications import record_verification
from infrastructure.payload_audit import PayloadAudit
from infrastructure.projector_service import open_reader
from infrastructure.settings import Settings
from infrastructure.signing_keys import DEVELOPMENT_KEY_WARNING, is_development_key
from infrastructure.sql import open_database
from interfaces.progress import progress_bar


def verify_command(args: argparse.Namespace, settings: Settings) -> int:
    checkpoint = None
    if args.checkpoint is not None:
        try:
            text = Path(args.checkpoint).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"laborbridge: cannot read {args.checkpoint}: {error}", file=sys.stderr)
            return 2
        try:
            checkpoint = read_checkpoint(text, settings.signing_seed)
        except CheckpointInvalid as error:
            print(f"CHECKPOINT NOT GENUINE: {error}")
            return 1
        _warn_of_the_development_key(settings)
    report = _run(settings, checkpoint)
    _print(report)
    return 0 if report.intact else 1


def checkpoint_command(args: argparse.Namespace, settings: Settings) -> int:
    report = _run(settings, None)
    head = report.audit.head
    if not report.intact or head is None:
        _print(report)
        reason = "the log does not match the chain"
        if head is None:
            reason = "the chain is still empty"
        elif report.audit.divergence is None and report.audit.damage is not None:
            reason = "the log holds a damaged payload"
        print(f"no checkpoint made: {reason}", file=sys.stderr)
        return 1
    made = make_checkpoint(settings.signing_seed, head.position, head.chain_hash, _now())
    warning = DEVELOPMENT_KEY_WARNING if is_development_key(settings.signing_seed) else None
    text = made.to_json(warning=warning)
    if args.output is not None:
        Path(args.output).write_text(text, encoding="utf-8")
    print(text, end="")
    print(
        f"checkpoint of the log up to position {made.position}"
        f"{f', written to {args.output}' if args.output else ''}.\n"
        f"Public key {made.public_key}: keep it apart from the database, with the"
        " checkpoint (on paper, by mail, with the finance office).",
        file=sys.stderr,
    )
    _warn_of_the_development_key(settings)
    return 0


def _warn_of_the_development_key(settings: Settings) -> None:
    if is_development_key(settings.signing_seed):
        print(f"WARNING: this checkpoint is {DEVELOPMENT_KEY_WARNING}.", file=sys.stderr)


def public_key_command(_: argparse.Namespace, settings: Settings) -> int:
    print(public_key_hex(settings.signing_seed))
    return 0


def _run(settings: Settings, checkpoint: Checkpoint | None) -> IntegrityReport:
    reader = open_reader(settings)  # creates the event store's tables if absent
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        mapper = reader.mapper
        unbound_before = mapper.unbound_before if isinstance(mapper, BoundMapper) else 0
        report = verify_integrity(
            db,
            events_table(reader),
            checkpoint=checkpoint,
            progress=progress_bar(0),
            page_size=settings.projector_page_size,
            payloads=PayloadAudit(settings.key_ring, unbound_before),
        )
        record_verification(db, report.verification(_now()))
        return report
    finally:
        reader.close()
        db.close()


def _print(report: IntegrityReport) -> None:
    audit, bad = report.audit, report.audit.divergence
    print(f"\nlog head: position {report.log_head}")
    head_hash = report.chain_head.chain_hash if report.chain_head else "-"
    print(f"chain head: position {audit.covered_to}, hash {head_hash}")
    if report.chain_stopped:
        print(f"note: the integrity read model {report.chain_stopped}")
    if audit.intact:
        print(f"INTACT: {audit.checked} events match the chain")
    if bad is not None:
        print(f"NOT INTACT: first difference at position {bad.position} ({bad.kind}): {bad.detail}")
    if audit.damage is not None:
        damage = audit.damage
        print(f"NOT INTACT: position {damage.position} ({damage.kind}): {damage.detail}")
    if report.payloads is not None:
        found = report.payloads
        print(
            f"payloads: {found.bound} bound to their event, {found.unbound} in the old"
            f" unbound form (LBE1: chained, not bound), {found.damaged} damaged"
        )
    if audit.uncovered:
        print(f"{audit.uncovered} events after the chain's head are not chained yet")
    if report.checkpoint is not None:
        cp = report.checkpoint
        verdict = report.checkpoint_problem or "the log still extends it"
        ok = "CHECKPOINT OK" if report.checkpoint_problem is None else "CHECKPOINT FAILED"
        print(f"{ok}: checkpoint of {cp.made_at} at position {cp.position}: {verdict}")


def _now() -> datetime:
    return datetime.now(UTC)


def add(actions: Any) -> None:
    """Adds this module's subcommands to `laborbridge audit`."""
    check = actions.add_parser(
        "verify", help="recompute the log's hash chain and report the first tampered position"
    )
    check.add_argument(
        "--checkpoint", metavar="FILE", help="also prove the log still extends this checkpoint"
    )
    check.set_defaults(handler=verify_command)
    make = actions.add_parser(
        "checkpoint", help="verify, then print a signed checkpoint of the chain's head"
    )
    make.add_argument("--output", metavar="FILE", help="also write the checkpoint to FILE")
    make.set_defaults(handler=checkpoint_command)
    actions.add_parser(
        "public-key", help="the public key that checks this installation's checkpoints"
    ).set_defaults(handler=public_key_command)
