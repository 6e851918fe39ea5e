"""The subsidy policy process on PostgreSQL: catching it up over a programme year's log.

Loads a programme year of `--workers` workers into a database of its own with
`load_demo` (no subsidy evaluated while loading), then measures, in the same run:

  (a) `SubsidyPolicyProcess(journey, db).catch_up()` from position 0 to the head:
      events/s = events in the log at the start / seconds; workers evaluated (one
      evaluation per worker a page touches); subsidies recorded (Subsidy.Assessed
      events afterwards);
  (b) the same again after resetting the process (its row in `laborbridge_tracking`
      deleted, `rm_subsidy_facts` truncated): every worker is evaluated again and
      nothing new should be recorded; a loud WARNING line says otherwise;
  (c1) a baseline: reading the same log in pages of the same size with
      `journey.recorder.select_notifications` and decoding only the relevant events;
  (c2) a baseline: the pure rules, `evaluate(history, DEFAULT_POLICIES)` over every
      worker's final history (built once, untimed, with `history_from` from (c1)'s
      decoded events).

(a) and (b) run with light counters around the process's steps (one perf_counter pair
per call, negligible next to a query): how many facts queries, reads of a record's
events, `repository.get` of candidate subsidies and saves per evaluated worker, and
the wall time spent in each. `--profile` runs (a) and (b) under cProfile and prints
the top entries (their timings then include the profiler's overhead: take the figures
from a run without it).

The database is created at the start and dropped at the end, even on error or
SIGTERM. It prints figures only; nothing here asserts on timings.

    .venv/bin/python bench/policy.py            # 3,000 workers, about 33,000 events
    .venv/bin/python bench/policy.py --quick    # 500 workers
    .venv/bin/python bench/policy.py --profile  # + a cProfile of (a) and (b)
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import signal
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from psycopg import sql

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import application.subsidy_commands as subsidy_commands  # noqa: E402
import infrastructure.policy_process as policy_process  # noqa: E402
from application.journey import Journey  # noqa: E402
from application.subsidy_facts import (  # noqa: E402
    HISTORY_KINDS,
    RELEVANT_EVENTS,
    history_from,
    index_events,
    topic_event_type,
)
from bench.profiling import profile_text  # noqa: E402
from bench.scratch_database import (  # noqa: E402
    create_database,
    drop_database,
    exit_on_sigterm,
    url_for_database,
)
from domain.subsidy_history import WorkerHistory  # noqa: E402
from domain.subsidy_policy import DEFAULT_POLICIES  # noqa: E402
from domain.subsidy_rules import evaluate  # noqa: E402
from infrastructure.logging import configure_logging  # noqa: E402
from infrastructure.persistence import event_store_env  # noqa: E402
from infrastructure.policy_process import (  # noqa: E402
    FACTS,
    POLICY_PROCESS,
    SubsidyPolicyProcess,
)
from infrastructure.readmodels.access import LIVE_PREFIX  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402
from infrastructure.sql import SqlDatabase, open_database  # noqa: E402
from interfaces.demo.programme import load_demo  # noqa: E402

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SECRET_KEY = "bench-secret-key-0123456789abcdef"  # a throwaway database
EVENTS_TABLE = "laborbridge_events"
TRACKING_TABLE = "laborbridge_tracking"
FACTS_TABLE = f"{LIVE_PREFIX}{FACTS.name}"
SUBSIDY_TOPICS = "domain.subsidy:Subsidy.%"
ASSESSED_TOPIC = "domain.subsidy:Subsidy.Assessed"


# -- counting the process's steps --------------------------------------------------------


@dataclass
class Step:
    calls: int = 0
    seconds: float = 0.0


@dataclass
class Counts:
    steps: dict[str, Step] = field(default_factory=lambda: defaultdict(Step))
    workers: set[UUID] = field(default_factory=set)

    def step(self, name: str) -> Step:
        return self.steps[name]


# (what is counted, the object, its attribute). The first group are the process's
# steps, whose times add up (they do not nest); the second are queries inside them.
STEPS = (
    "read a page (select_notifications)",
    "decode + index a page (facts INSERT)",
    "facts query (page_facts, per page)",
    "read a record's events (events.get)",
    "history_from",
    "rules (evaluate)",
    "load a candidate subsidy (repository.get)",
    "save changes + position (events.put)",
)
QUERIES = ("select_events", "insert_events")


@contextmanager
def counting(journey: Journey, process: SubsidyPolicyProcess) -> Iterator[Counts]:
    """Wraps the steps of an evaluation, by instance (or module) attribute, for the
    duration: each call is counted and timed. Everything is put back afterwards."""
    counts = Counts()
    recorder: Any = journey.recorder
    targets: list[tuple[object, str, str]] = [
        (recorder, "select_notifications", STEPS[0]),
        (process, "_index", STEPS[1]),
        # The process reads the facts of a page's workers in one query
        # (`_evaluate` calls the module's `page_facts`, looked up at call time).
        (policy_process, "page_facts", STEPS[2]),
        (journey.events, "get", STEPS[3]),
        (subsidy_commands, "history_from", STEPS[4]),
        (subsidy_commands, "evaluate", STEPS[5]),
        (journey.subsidies, "_existing_subsidy", STEPS[6]),
        (journey, "record_subsidy_changes", STEPS[7]),
        (recorder, "select_events", QUERIES[0]),
        (recorder, "insert_events", QUERIES[1]),
    ]
    inside_get = [False]  # repository.get reads through events.get: count that once

    def wrap(original: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if name == STEPS[3] and inside_get[0]:
                return original(*args, **kwargs)
            step = counts.steps[name]
            step.calls += 1
            if name == STEPS[6]:
                inside_get[0] = True
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                step.seconds += time.perf_counter() - started
                if name == STEPS[6]:
                    inside_get[0] = False

        return timed

    saved: list[tuple[object, str, object]] = []
    sentinel = object()
    for target, attribute, name in targets:
        saved.append((target, attribute, vars(target).get(attribute, sentinel)))
        setattr(target, attribute, wrap(getattr(target, attribute), name))
    try:
        yield counts
    finally:
        for target, attribute, before in reversed(saved):
            if before is sentinel:
                delattr(target, attribute)
            else:
                setattr(target, attribute, before)


class CountedProcess(SubsidyPolicyProcess):
    """The process as it is, noting which workers each page has it evaluate."""

    counts: Counts | None = None

    def _evaluate(self, workers: list[UUID], as_of: int) -> list[Any]:
        if self.counts is not None:
            self.counts.step("evaluations").calls += len(workers)
            self.counts.workers.update(workers)
        return super()._evaluate(workers, as_of)


# -- the process -------------------------------------------------------------------------


@dataclass
class Run:
    label: str
    events: int  # in the log when the run started
    processed: int  # what catch_up returned
    seconds: float
    evaluations: int
    workers: int
    subsidy_events: int  # Subsidy.* events the run recorded
    assessed: int  # Subsidy.Assessed events in the log afterwards
    head_before: int
    head_after: int
    counts: Counts
    profile: str = ""

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else float("inf")


def catch_up(
    label: str, journey: Journey, db: SqlDatabase, url: str, page_size: int, *, profile: bool
) -> Run:
    process = CountedProcess(journey, db, page_size=page_size)
    head = position(journey)
    subsidies_before = count_topic(url, SUBSIDY_TOPICS)
    profiler = cProfile.Profile() if profile else None
    gc.collect()
    with counting(journey, process) as counts:
        process.counts = counts
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        processed = process.catch_up()
        if profiler is not None:
            profiler.disable()
        seconds = time.perf_counter() - started
    after = position(journey)
    if process.position() != after:
        print(f"note: {label} stopped at {process.position():,}, the head is at {after:,}")
    return Run(
        label=label,
        events=head,
        processed=processed,
        seconds=seconds,
        evaluations=counts.step("evaluations").calls,
        workers=len(counts.workers),
        subsidy_events=count_topic(url, SUBSIDY_TOPICS) - subsidies_before,
        assessed=count_topic(url, ASSESSED_TOPIC),
        head_before=head,
        head_after=after,
        counts=counts,
        profile=profile_text(profiler, top=30) if profiler is not None else "",
    )


def reset_process(url: str) -> None:
    """Forget how far the process had read and what it had indexed; the library's
    '__migration__' marker row stays (without it the table is taken for a legacy one)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "DELETE FROM {} WHERE application_name = %s AND application_name <> '__migration__'"
            ).format(sql.Identifier(TRACKING_TABLE)),
            (POLICY_PROCESS,),
        )
        conn.execute(sql.SQL("TRUNCATE {}").format(sql.Identifier(FACTS_TABLE)))


# -- baselines ------------------------------------------------------------------------------


@dataclass
class Baseline:
    label: str
    items: int
    seconds: float
    unit: str

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else float("inf")


def read_and_decode(
    journey: Journey, head: int, page_size: int
) -> tuple[Baseline, list[tuple[int, Any]]]:
    """(c1) The log up to `head` in pages of `page_size`, the relevant events decoded."""
    decoded: list[tuple[int, Any]] = []
    recorder, mapper = journey.recorder, journey.mapper
    gc.collect()
    started = time.perf_counter()
    reached = 0
    while reached < head:
        page = recorder.select_notifications(start=reached + 1, limit=page_size, stop=head)
        if not page:
            break
        decoded.extend(
            (int(n.id), mapper.to_domain_event(n))
            for n in page
            if topic_event_type(n.topic) in RELEVANT_EVENTS
        )
        reached = int(page[-1].id)
    seconds = time.perf_counter() - started
    label = f"(c1) select_notifications + decode relevant, page {page_size}"
    return Baseline(label, reached, seconds, "events"), decoded


def histories(decoded: list[tuple[int, Any]]) -> list[WorkerHistory]:
    """Each worker's final history from the decoded log, once."""
    by_worker: dict[UUID, list[Any]] = defaultdict(list)
    events = {(UUID(str(e.originator_id)), e.originator_version): e for _, e in decoded}
    for row in index_events(decoded, {}):
        if row.kind in HISTORY_KINDS:
            by_worker[row.worker_id].append(events[(row.aggregate_id, row.version)])
    return [history_from(worker_id, found) for worker_id, found in sorted(by_worker.items())]


def rules(found: list[WorkerHistory]) -> tuple[Baseline, int]:
    """(c2) The pure rules over every worker's history."""
    gc.collect()
    entitlements = 0
    started = time.perf_counter()
    for history in found:
        entitlements += len(evaluate(history, DEFAULT_POLICIES))
    seconds = time.perf_counter() - started
    label = "(c2) evaluate(history, DEFAULT_POLICIES), each worker once"
    return Baseline(label, len(found), seconds, "evaluations"), entitlements


# -- database helpers -----------------------------------------------------------------------


def position(journey: Journey) -> int:
    return journey.recorder.max_notification_id() or 0


def scalar(
    conn: psycopg.Connection[Any], query: sql.SQL | sql.Composed | str, params: Any = ()
) -> Any:
    row = conn.execute(query, params).fetchone()
    return row[0] if row else None


def count_topic(url: str, pattern: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return int(
            scalar(
                conn,
                sql.SQL("SELECT count(*) FROM {} WHERE topic LIKE %s").format(
                    sql.Identifier(EVENTS_TABLE)
                ),
                (pattern,),
            )
        )


def vacuum_analyze(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(EVENTS_TABLE)))


def describe(url: str) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        server = scalar(conn, "SHOW server_version")
        sync = scalar(conn, "SHOW synchronous_commit")
        buffers = scalar(conn, "SHOW shared_buffers")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"PostgreSQL {server} (synchronous_commit={sync}, shared_buffers={buffers}),"
        f" eventsourcing {version('eventsourcing')}, psycopg {psycopg.__version__},"
        f" Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}"
    )


# -- output -----------------------------------------------------------------------------------


def summary_table(runs: list[Run], baselines: list[Baseline]) -> str:
    labels = [r.label for r in runs] + [b.label for b in baselines]
    width = max(len(label) for label in labels)
    header = (
        f"{'':<{width}}  {'items':>11}  {'seconds':>7}  {'events/s':>8}  {'evals/s':>7}"
        f"  {'ms/eval':>7}  {'new subsidy events':>18}"
    )
    lines = [header, "-" * len(header)]
    for r in runs:
        per_second = r.evaluations / r.seconds if r.seconds else float("inf")
        lines.append(
            f"{r.label:<{width}}  {f'{r.events:,} ev':>11}  {r.seconds:>7.2f}  {r.rate:>8,.0f}"
            f"  {per_second:>7,.0f}  {r.seconds / max(r.evaluations, 1) * 1e3:>7.2f}"
            f"  {r.subsidy_events:>18,}"
        )
    for b in baselines:
        events = b.rate if b.unit == "events" else None
        evals = b.rate if b.unit == "evaluations" else None
        items = f"{b.items:,} {'ev' if b.unit == 'events' else 'wk'}"
        per_eval = b.seconds / max(b.items, 1) * 1e3 if evals is not None else None
        lines.append(
            f"{b.label:<{width}}  {items:>11}  {b.seconds:>7.2f}"
            f"  {f'{events:,.0f}' if events is not None else '':>8}"
            f"  {f'{evals:,.0f}' if evals is not None else '':>7}"
            f"  {f'{per_eval:.3f}' if per_eval is not None else '':>7}  {'':>18}"
        )
    return "\n".join(lines)


def uncounted(run: Run) -> list[str]:
    """Steps whose counter saw no call: the code moved under the counter, which then
    measures nothing (as happened when `worker_facts` became `page_facts`)."""
    return [name for name in (*STEPS, *QUERIES) if run.counts.steps.get(name, Step()).calls == 0]


def steps_table(run: Run) -> str:
    header = (
        f"  {'step':<42}  {'calls':>7}  {'per eval':>8}  {'seconds':>7}  {'share':>6}"
        f"  {'ms/call':>7}"
    )
    lines = [f"{run.label}: where the time goes", header]
    accounted = 0.0
    for name in STEPS:
        step = run.counts.steps.get(name, Step())
        accounted += step.seconds
        lines.append(
            f"  {name:<42}  {step.calls:>7,}  {step.calls / max(run.evaluations, 1):>8.2f}"
            f"  {step.seconds:>7.2f}  {step.seconds / run.seconds:>6.1%}"
            f"  {step.seconds / max(step.calls, 1) * 1e3:>7.3f}"
        )
    rest = run.seconds - accounted
    lines.append(
        f"  {'the rest (assess/compare, loop, commit waits)':<42}  {'':>7}  {'':>8}"
        f"  {rest:>7.2f}  {rest / run.seconds:>6.1%}"
    )
    queries = ", ".join(
        f"{name} {run.counts.steps.get(name, Step()).calls:,}"
        f" ({run.counts.steps.get(name, Step()).calls / max(run.evaluations, 1):.2f}/eval)"
        for name in QUERIES
    )
    lines.append(f"  recorder calls: {queries}")
    for name in uncounted(run):
        lines.append(f"  WARNING!!! no call counted for {name!r}: fix bench/policy.py's counters")
    return "\n".join(lines)


# -- main ---------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="The subsidy policy process's catch-up on PostgreSQL vs baselines."
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("LABORBRIDGE_BENCH_ADMIN_URL", DEFAULT_ADMIN_URL),
        help="a database URL allowed to CREATE/DROP DATABASE"
        " (env LABORBRIDGE_BENCH_ADMIN_URL; default %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=3000, help="workers in the programme year (%(default)s)"
    )
    parser.add_argument(
        "--page-size", type=int, default=500, help="the process's page size (%(default)s)"
    )
    parser.add_argument("--seed", type=int, default=2025, help="data seed (%(default)s)")
    parser.add_argument("--quick", action="store_true", help="500 workers")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run (a) and (b) under cProfile and print the top entries (slows them down)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.workers = 500
    if not 1 <= args.workers <= 100_000:
        parser.error("--workers must be between 1 and 100,000")
    if not 1 <= args.page_size <= 50_000:
        parser.error("--page-size must be between 1 and 50,000")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    configure_logging("json", "warning")  # the process logs a line per page at info
    name = f"laborbridge_bench_{os.getpid()}"
    url = url_for_database(args.admin_url, name)
    create_database(args.admin_url, name)
    try:
        values: dict[str, Any] = {"secret_key": SECRET_KEY, "env": "test"}
        settings = Settings(database_url=url, run_projector=False, **values)
        print(f"database {name}\n{describe(url)}\n", flush=True)
        journey = Journey(env=event_store_env(settings), identity_key=settings.identity_key)
        db = open_database(settings.database)
        try:
            started = time.perf_counter()
            demo = load_demo(journey, workers=args.workers, seed=args.seed)
            load_seconds = time.perf_counter() - started
            head = position(journey)
            vacuum_analyze(url)
            loaded = (
                f"load_demo: {demo.workers:,} workers' programme year (seed {args.seed}, no"
                f" subsidies evaluated), {head:,} events in {load_seconds:.1f} s"
                f" ({head / load_seconds:,.0f} events/s, one command per transaction)"
            )
            print(loaded, flush=True)

            first = catch_up(
                "(a) catch_up from 0, no subsidies yet",
                journey,
                db,
                url,
                args.page_size,
                profile=args.profile,
            )
            print(
                f"(a) {first.rate:,.0f} events/s; {first.evaluations:,} evaluations of"
                f" {first.workers:,} workers; {first.assessed:,} subsidies recorded"
                f" ({first.subsidy_events:,} Subsidy events)",
                flush=True,
            )

            reset_process(url)
            second = catch_up(
                "(b) catch_up again from 0 (reset)",
                journey,
                db,
                url,
                args.page_size,
                profile=args.profile,
            )
            if second.head_after == second.head_before and second.subsidy_events == 0:
                verdict = (
                    f"(b) recorded nothing: head {second.head_before:,} before and after,"
                    " no new Subsidy events"
                )
            else:
                verdict = (
                    f"WARNING!!! (b) re-evaluation recorded something: head"
                    f" {second.head_before:,} -> {second.head_after:,},"
                    f" {second.subsidy_events:,} new Subsidy events"
                )
            print(f"(b) {second.rate:,.0f} events/s; {verdict}", flush=True)

            raw, decoded = read_and_decode(journey, head, args.page_size)
            print(f"{raw.label}: {raw.rate:,.0f} events/s", flush=True)
            started = time.perf_counter()
            found = histories(decoded)
            build_seconds = time.perf_counter() - started
            pure, entitlements = rules(found)
            print(f"{pure.label}: {pure.rate:,.0f} evaluations/s", flush=True)

        finally:
            db.close()
            journey.close()

        print(f"\n{loaded}\n")
        if args.profile:
            print("(a) and (b) ran under cProfile: their timings include its overhead.\n")
        print(summary_table([first, second], [raw, pure]))
        ratio = first.rate / raw.rate if raw.rate else float("nan")
        per_eval = first.seconds / max(first.evaluations, 1)
        slower = per_eval / (pure.seconds / max(pure.items, 1)) if pure.seconds else float("nan")
        print(
            f"\nevents/s = events in the log when the run started / seconds; evals/s ="
            " evaluations (a worker evaluated for a page that touched them) / seconds."
            f"\n(a) / (c1) = {ratio:.3f} ({first.rate:,.0f} vs {raw.rate:,.0f} events/s);"
            f" (a) time per evaluation / (c2) time per evaluation = {slower:,.0f}"
            f"\n(a) read {first.processed:,} events: the {first.events:,} at the start and the"
            f" {first.processed - first.events:,} it appended itself (its pages of Subsidy"
            " events evaluate nobody)"
            f"\n(a): {first.evaluations:,} evaluations of {first.workers:,} workers"
            f" ({first.evaluations / max(first.workers, 1):.2f} per worker), page size"
            f" {args.page_size}; {first.assessed:,} subsidies recorded,"
            f" {first.subsidy_events:,} Subsidy events in all"
            f"\n(b): {second.evaluations:,} evaluations of {second.workers:,} workers;"
            f" {verdict}"
            f"\n(c2): {pure.items:,} worker histories built in {build_seconds:.2f} s (untimed"
            f" above), {entitlements:,} entitlements found"
        )
        for run in (first, second):
            print()
            print(steps_table(run))
        for run in (first, second):
            if run.profile:
                print(f"\n{run.label}, under cProfile:")
                print(run.profile)
        print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        drop_database(args.admin_url, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
