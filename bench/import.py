"""Ledger import throughput on PostgreSQL: rows per second, against COPY (issue 15, point 4).

Generates an .xlsx ledger of `--rows` rows (bench/ledger_sample: every row a
person, a transfer that arrived, a placement and six confirmed months; not
timed), then, in the same run, on the same PostgreSQL:

  baselines (bench/ledger_copy), one COPY in one transaction into a plain table
      (a) the same rows, already in memory as text: COPY alone
      (b) the same file read by the import's reader (`read_ledger`) + COPY
  the import (`LedgerImport`, on a journey built as production builds it,
  encryption at rest on, Wushan and Yantai in the register of offices)
      a dry run, then the commit, then the same file again (records nothing)
  memory: the commit of N/10 and of N rows, each in a fresh process and
      database (peak RSS as the child's VmHWM, RSS after each tenth of the rows;
      tracemalloc's peak with --tracemalloc, in runs of their own: it is slow)
  --profile: one more commit of N/10 rows (at least 5,000) under cProfile

It creates its databases and drops them at the end, even on error or SIGTERM.
It prints figures only; nothing here asserts on timings.

    .venv/bin/python bench/import.py                 # 100,000 rows: ~25 minutes on 2 cores
    .venv/bin/python bench/import.py --quick         # 5,000 rows: ~2 minutes
    .venv/bin/python bench/import.py --quick --profile --tracemalloc
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from pydantic import SecretStr

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from application import commands as c  # noqa: E402
from application.journey import Journey  # noqa: E402
from application.ledger_import import BATCH_ROWS, ImportCounts, LedgerImport  # noqa: E402
from application.ledger_rows import RowProblem  # noqa: E402
from bench.import_report import Figures, Imported, MemoryRun, Timing, describe, report  # noqa: E402
from bench.ledger_copy import (  # noqa: E402
    copy_from_file,
    copy_from_memory,
    create_plain_table,
    read_only,
    text_rows,
)
from bench.ledger_sample import sample_rows, write_ledger  # noqa: E402
from bench.process_memory import RssByTenth, memory_status  # noqa: E402
from bench.profiling import profile_text  # noqa: E402
from bench.scratch_database import (  # noqa: E402
    create_database,
    drop_database,
    exit_on_sigterm,
    url_for_database,
)
from domain.actor import Actor, Role  # noqa: E402
from infrastructure.persistence import build_journey  # noqa: E402
from infrastructure.settings import Environment, Settings  # noqa: E402
from interfaces.ledger_runs import LedgerFile, file_sha256  # noqa: E402

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SECRET_KEY = "bench-secret-key-0123456789abcdef"  # throwaway databases
SEED = 2024
IMPORTER = Actor(user="li.ming", role=Role.CASEWORKER, office="500237")
ADMIN = Actor(user="admin.one", role=Role.ADMIN, office="500237")
WARM_UP_ROWS = 1000  # COPYed into a table of their own first, not counted
PROFILE_MIN_ROWS = 5000


# -- databases and journeys ---------------------------------------------------------------


@dataclass
class Databases:
    """The run's databases, each dropped at the end (or as soon as it has served)."""

    admin_url: str
    prefix: str
    names: list[str] = field(default_factory=list)

    def create(self, label: str) -> str:
        name = f"{self.prefix}_{label}"
        create_database(self.admin_url, name)
        self.names.append(name)
        return url_for_database(self.admin_url, name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        drop_database(self.admin_url, name)
        self.names.remove(name)

    def drop_all(self) -> None:
        for name in list(self.names):
            drop_database(self.admin_url, name)
            self.names.remove(name)


def settings_for(url: str) -> Settings:
    return Settings(database_url=url, secret_key=SecretStr(SECRET_KEY), env=Environment.TEST)


def fresh_journey(url: str) -> Journey:
    """The journey as production builds it, with 巫山县 sending to 烟台市."""
    journey = build_journey(settings_for(url))
    offices = [
        ("500237", "巫山县就业和人才中心", "sending_county", []),
        ("370600", "烟台市鲁渝劳务协作办公室", "receiving_city", ["500237"]),
    ]
    for code, name, kind, partners in offices:
        journey.add_office(
            c.AddOffice(actor=ADMIN, code=code, name=name, kind=kind, partners=partners)
        )
    return journey


# -- timing ------------------------------------------------------------------------------------


def timed(label: str, work: Callable[[], int]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    rows = work()
    return Timing(label, rows, time.perf_counter() - wall, time.process_time() - cpu)


def import_ledger(
    journey: Journey,
    ledger: LedgerFile,
    label: str,
    *,
    commit: bool,
    profiler: cProfile.Profile | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Imported:
    problems: list[RowProblem] = []
    run = LedgerImport(
        store=journey,
        importer=IMPORTER,
        commit=commit,
        problems=problems.append,
        translate=str,
        progress=progress,
    )
    counts: list[ImportCounts] = []

    def work() -> int:
        if profiler is not None:
            profiler.enable()
        try:
            counts.append(run.run(ledger))
        finally:
            if profiler is not None:
                profiler.disable()
        return counts[0].rows

    return Imported(timed(label, work), counts[0], problems)


# -- the scenarios -----------------------------------------------------------------------------


def bench_baselines(url: str, path: Path, rows: int) -> list[Timing]:
    in_memory = text_rows(sample_rows(rows, SEED))  # the same rows as the file's, as text
    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("warm_up", "from_memory", "from_file"):
            create_plain_table(conn, table)
        copy_from_memory(conn, "warm_up", in_memory[:WARM_UP_ROWS])
        return [
            timed(
                "(a) COPY, rows in memory", lambda: copy_from_memory(conn, "from_memory", in_memory)
            ),
            timed("(b) read_ledger + COPY", lambda: copy_from_file(conn, "from_file", path)),
            timed("read_ledger alone (reference)", lambda: read_only(path)),
        ]


def bench_import(url: str, ledger: LedgerFile) -> list[Imported]:
    journey = fresh_journey(url)
    try:
        return [
            import_ledger(journey, ledger, "dry run (before the commit)", commit=False),
            import_ledger(journey, ledger, "commit, fresh journey", commit=True),
            import_ledger(journey, ledger, "the same file again", commit=True),
        ]
    finally:
        journey.close()


def bench_memory(databases: Databases, path: Path, rows: int, *, traced: bool) -> MemoryRun:
    """The commit of `path` in a process of its own, on a database of its own."""
    url = databases.create(f"memory_{rows}{'_traced' if traced else ''}")
    try:
        command = [sys.executable, __file__, "--memory-child", str(path), "--child-url", url]
        if traced:
            command.append("--tracemalloc")
        # subprocess.run kills the child on any exception here, SIGTERM's SystemExit too.
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return MemoryRun(rows=rows, traced=traced, **found)
    finally:
        databases.drop(url)


def bench_profile(databases: Databases, path: Path, top: int, out: Path | None) -> str:
    url = databases.create("profile")
    journey = fresh_journey(url)
    profiler = cProfile.Profile()
    try:
        ledger = LedgerFile(path, file_sha256(path))
        imported = import_ledger(journey, ledger, "profiled", commit=True, profiler=profiler)
    finally:
        journey.close()
        databases.drop(url)
    if out is not None:
        profiler.dump_stats(out)  # for pstats: callers, callees
    t = imported.timing
    return (
        f"cProfile of LedgerImport.run, commit of {t.rows:,} rows on a fresh journey"
        f" ({t.seconds:.1f} s under the profiler)\n{profile_text(profiler, top)}"
    )


# -- the memory child -------------------------------------------------------------------------


def memory_child(path: Path, url: str, *, traced: bool) -> int:
    journey = fresh_journey(url)
    by_tenth = RssByTenth()
    try:
        ledger = LedgerFile(path, file_sha256(path))
        before = memory_status()
        if traced:
            tracemalloc.start()
        imported = import_ledger(journey, ledger, "commit", commit=True, progress=by_tenth)
        traced_peak = tracemalloc.get_traced_memory()[1] if traced else None
        after = memory_status()
    finally:
        journey.close()
    found = {
        "recorded": imported.counts.recorded,
        "seconds": imported.timing.seconds,
        "rss_before_kib": before["VmRSS"],
        "rss_peak_kib": after["VmHWM"],
        "rss_by_tenth_kib": by_tenth.samples,
        "ru_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "tracemalloc_peak_bytes": traced_peak,
    }
    print(json.dumps(found))
    return 0


# -- main -------------------------------------------------------------------------------------


def generate(folder: Path, rows: int) -> tuple[Path, Path, float]:
    started = time.perf_counter()
    full, tenth = folder / f"ledger-{rows}.xlsx", folder / f"ledger-{rows // 10}.xlsx"
    write_ledger(full, rows, SEED)
    write_ledger(tenth, rows // 10, SEED)  # the first tenth of the same rows
    return full, tenth, time.perf_counter() - started


def run(args: argparse.Namespace, folder: Path, databases: Databases) -> None:
    print(f"generating {args.rows:,} + {args.rows // 10:,} rows (not timed) ...", flush=True)
    full, tenth, generation = generate(folder, args.rows)
    url = databases.create("main")
    print(describe(url, settings_for(url), BATCH_ROWS) + "\n", flush=True)
    figures = Figures(rows=args.rows, file_bytes=full.stat().st_size, generation=generation)
    figures.baselines = bench_baselines(url, full, args.rows)
    print("baselines done", flush=True)
    figures.imports = bench_import(url, LedgerFile(full, file_sha256(full)))
    print("imports done", flush=True)
    for traced in (False, True) if args.tracemalloc else (False,):
        for path, rows in ((tenth, args.rows // 10), (full, args.rows)):
            figures.memory.append(bench_memory(databases, path, rows, traced=traced))
    print(report(figures))
    if args.profile:
        # A tenth of the ledger, but enough rows that first-use costs do not dominate.
        profiled = tenth if args.rows // 10 >= PROFILE_MIN_ROWS else full
        print(
            "\n" + bench_profile(databases, profiled, args.profile_top, args.profile_out),
            flush=True,
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Ledger import rows per second on PostgreSQL, against COPY of the same rows."
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("LABORBRIDGE_BENCH_ADMIN_URL", DEFAULT_ADMIN_URL),
        help="a database URL allowed to CREATE/DROP DATABASE"
        " (env LABORBRIDGE_BENCH_ADMIN_URL; default %(default)s)",
    )
    parser.add_argument("--rows", type=int, default=100_000, help="ledger rows (%(default)s)")
    parser.add_argument("--quick", action="store_true", help="5,000 rows, for a smoke run")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one commit of N/10 rows (of N if N/10 < 5,000) with cProfile",
    )
    parser.add_argument(
        "--profile-top", type=int, default=15, help="entries of each profile table (%(default)s)"
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also run the memory imports under tracemalloc, in processes of their own",
    )
    parser.add_argument(
        "--profile-out", type=Path, help="also write the profile's stats to this file (pstats)"
    )
    parser.add_argument("--memory-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.rows = 5_000
    if args.rows < 10:
        parser.error("--rows must be at least 10 (the memory runs import a tenth)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.memory_child is not None:
        return memory_child(args.memory_child, args.child_url, traced=args.tracemalloc)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    databases = Databases(args.admin_url, f"laborbridge_bench_import_{os.getpid()}")
    with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
        try:
            run(args, Path(folder), databases)
        finally:
            databases.drop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
