"""`laborbridge projector` and `laborbridge projections status|rebuild|verify`."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from typing import Any

from infrastructure.database_timeouts import for_background
from infrastructure.projector_service import ProjectorService
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.readmodels.base import Projection
from infrastructure.readmodels.registry import all_projections, projection_named
from infrastructure.readmodels.tracking import Tracked, reset
from infrastructure.readmodels.verify import SCRATCH_PREFIX, compare, drop_tables
from infrastructure.settings import Settings
from interfaces.progress import progress_bar


def run_projector(_: argparse.Namespace, settings: Settings) -> int:
    """Run the projector in the foreground until SIGTERM or Ctrl-C."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    service = ProjectorService(settings, timeouts=for_background(settings))
    try:
        service.run(stop)
    finally:
        service.close()
    return 0


def status(_: argparse.Namespace, settings: Settings) -> int:
    """Print each read model's and the policy process's position and state;
    exit 1 if a read model is stopped or the policy process gave up (a monitoring
    script or an operator's `&&` must not take either for healthy)."""
    service = ProjectorService(settings)
    gave_up = None
    try:
        head = service.projector.head()
        print(f"log head: position {head}")
        print(f"{'READ MODEL':<14} {'POSITION':>10} {'LAG':>10}  STATE")
        tracked = service.projector.tracking()
        for name, t in tracked.items():
            state = f"STOPPED at {t.error_position}: {t.error}" if t.error else "ok"
            print(f"{name:<14} {t.position:>10} {max(head - t.position, 0):>10}  {state}")
        if service.policy is not None:
            position = service.policy.position()
            gave_up = service.policy.gave_up()
            state = f"GAVE UP at {gave_up.position}: {gave_up.error}" if gave_up else "ok"
            lag = max(head - position, 0)
            print(f"\n{'PROCESS':<14} {'POSITION':>10} {'LAG':>10}  STATE")
            print(f"{service.policy.name:<14} {position:>10} {lag:>10}  {state}")
    finally:
        service.close()
    stopped = sorted(name for name, t in tracked.items() if t.error)
    if stopped:
        print(f"laborbridge: stopped read models: {', '.join(stopped)}", file=sys.stderr)
    if gave_up is not None:
        print(
            f"laborbridge: the subsidy policy process gave up at position {gave_up.position}",
            file=sys.stderr,
        )
    return 1 if stopped or gave_up is not None else 0


def rebuild(args: argparse.Namespace, settings: Settings) -> int:
    try:
        projections = [projection_named(args.name)] if args.name else all_projections()
    except KeyError as error:
        print(f"laborbridge: {error.args[0]}", file=sys.stderr)
        return 2
    service = ProjectorService(settings, projections=projections)
    try:
        with service.db.transaction() as cursor:
            for projection in projections:
                reset(cursor, LIVE_PREFIX, projection, postgres=service.db.is_postgres)
        head = service.projector.head()
        started = time.perf_counter()
        applied = service.projector.catch_up(progress_bar(head))
        seconds = time.perf_counter() - started
        events = applied // max(len(projections), 1)
        print(
            f"\nrebuilt {', '.join(p.name for p in projections)}: {events} events in"
            f" {seconds:.1f} s ({events / max(seconds, 1e-9):,.0f} events/s)"
        )
        short = _short_of(service.projector.tracking(), projections, head)
    finally:
        service.close()
    for line in short:
        print(f"laborbridge: {line}", file=sys.stderr)
    return 1 if short else 0


def _short_of(tracked: dict[str, Tracked], projections: list[Projection], head: int) -> list[str]:
    """One line for each rebuilt read model that stopped before `head`."""
    lines = []
    for projection in projections:
        t = tracked[projection.name]
        if t.error:
            lines.append(
                f"{projection.name} stopped at position {t.error_position} of {head}: {t.error}"
            )
        elif t.position < head:
            lines.append(f"{projection.name} reached position {t.position} of {head} only")
    return lines


def verify(_: argparse.Namespace, settings: Settings) -> int:
    """Rebuild every read model into scratch tables up to the live position and
    compare; print each difference and exit 1 if there is one."""
    projections = all_projections()
    live = ProjectorService(settings, projections=projections)
    different = False
    try:
        tracked = live.projector.tracking()
        drop_tables(live.db, projections, SCRATCH_PREFIX)
        for projection in projections:
            at = tracked[projection.name].position
            scratch = ProjectorService(
                settings, projections=[projection], prefix=SCRATCH_PREFIX, until=at, db=live.db
            )
            try:
                scratch.projector.catch_up()
            finally:
                scratch.close()
            differences = compare(live.db, projection, LIVE_PREFIX, SCRATCH_PREFIX)
            if live.projector.tracking()[projection.name].position != at:
                print(
                    f"{projection.name}: the live read model moved on while verifying;"
                    " run verify again when the projector is idle"
                )
                different = True
                continue
            for d in differences:
                different = True
                print(
                    f"{projection.name}.{d.table}: {len(d.only_live)} rows only in the live"
                    f" table, {len(d.only_rebuilt)} only in the rebuild (first ones below)"
                )
                for row in d.only_live[:5]:
                    print(f"  live    {row}")
                for row in d.only_rebuilt[:5]:
                    print(f"  rebuilt {row}")
            if not differences:
                print(f"{projection.name}: equal to a rebuild at position {at}")
        drop_tables(live.db, projections, SCRATCH_PREFIX)
    finally:
        live.close()
    return 1 if different else 0


def add_commands(commands: Any) -> None:
    projector = commands.add_parser("projector", help="run the projector in the foreground")
    projector.set_defaults(handler=run_projector)
    projections = commands.add_parser("projections", help="read models: status, rebuild, verify")
    actions = projections.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("status", help="position and lag of each read model").set_defaults(
        handler=status
    )
    again = actions.add_parser("rebuild", help="drop and rebuild read models from the log")
    again.add_argument("name", nargs="?", help="one read model (default: all)")
    again.set_defaults(handler=rebuild)
    actions.add_parser(
        "verify", help="rebuild into scratch tables and compare with the live ones"
    ).set_defaults(handler=verify)
