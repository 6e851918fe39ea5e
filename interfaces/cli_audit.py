"""`laborbridge audit …`: for auditors — replay, verify, checkpoint, export."""

from __future__ import annotations

from typing import Any

from interfaces import cli_audit_export, cli_audit_integrity, cli_audit_replay


def add_commands(commands: Any) -> None:
    audit = commands.add_parser("audit", help="for auditors: replay, verify, checkpoint, export")
    actions = audit.add_subparsers(required=True, metavar="ACTION")
    cli_audit_replay.add(actions)
    cli_audit_integrity.add(actions)
    cli_audit_export.add(actions)
