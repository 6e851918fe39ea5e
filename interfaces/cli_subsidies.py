"""`laborbridge subsidies policies | evaluate`: the policy book, and re-evaluation."""

from __future__ import annotations

import argparse
from typing import Any
from uuid import UUID

from domain.subsidy_policy import SubsidyPolicy
from infrastructure.persistence import build_journey
from infrastructure.policy_process import (
    SubsidyPolicyProcess,
    indexed_workers,
    process_position,
    reevaluate,
)
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from interfaces.cli_errors import CommandError
from interfaces.progress import progress_bar


def policies(_: argparse.Namespace, settings: Settings) -> int:
    source = settings.subsidy_policies_file or "built in (domain/subsidy_policy.py)"
    print(f"subsidy policies: {source}")
    for p in settings.policies.versions:
        print(_describe(p))
    return 0


def evaluate(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate workers again with the policy book now configured, on everything
    the policy process has read (it is caught up first)."""
    journey = build_journey(settings)
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        SubsidyPolicyProcess(journey, db).catch_up()
        as_of = process_position(journey)
        workers = [_uuid(args.worker)] if args.worker else indexed_workers(db)
        show = progress_bar(len(workers), unit="workers")
        changed = 0
        for n, worker_id in enumerate(workers, start=1):
            changed += reevaluate(journey, db, worker_id, as_of)
            show(n, len(workers))
    finally:
        journey.close()
        db.close()
    print(
        f"\nevaluated {len(workers)} workers at log position {as_of}: {changed} subsidies changed"
    )
    return 0


def _describe(p: SubsidyPolicy) -> str:
    statuses = ", ".join(sorted(s.value for s in p.stable_job_statuses))
    life = ", ".join(sorted(s.value for s in p.life_adaptation_statuses))
    return (
        f"  {p.version}  from {p.effective_from.isoformat()}: transport {p.transport_amount};"
        f" stable job {p.stable_job_amount_per_month}/month up to {p.stable_job_cap}"
        f" ({statuses}); life adaptation {p.life_adaptation_amount} ({life});"
        f" stable after {p.stable_months} months; partner province {p.partner_province}"
    )


def _uuid(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise CommandError("--worker must be a worker id (UUID)") from None


def add_commands(commands: Any) -> None:
    subsidies = commands.add_parser("subsidies", help="subsidy policies and re-evaluation")
    actions = subsidies.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("policies", help="the policy versions in force").set_defaults(
        handler=policies
    )
    again = actions.add_parser(
        "evaluate", help="evaluate workers again (e.g. after adding a policy version)"
    )
    again.add_argument("--worker", help="one worker id (default: every worker)")
    again.set_defaults(handler=evaluate)
