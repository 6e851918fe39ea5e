"""Read-side throughput on PostgreSQL: catching the read models up over the event log.

Fills a database of its own with at least 100,000 events (workers registered in
batches, plus a programme year of trainings, transfers, placements and disputes for
a share of them through `load_demo`), then measures, in the same run:

  (a) the projector (`ProjectorService(settings).projector.catch_up`) rebuilding every
      registered read model from position 0 to the head of the log: events/s =
      events in the log / seconds, each event applied to every read model;
  (b) the same at other page sizes, and for each read model on its own;
  (c) the projector with a projection that writes nothing: reading, decrypting,
      decoding and moving the tracking rows, without applying anything;
  (d) a raw psycopg baseline, without decryption: read `laborbridge_events` in pages
      by notification id (keyset), insert one row per event (its id, topic and the
      length of its still-encrypted state) with executemany and move a tracking row,
      one transaction per page: what the database side costs with no Python work on
      the events;
  (d2) beside it, the decrypt-only floor: the same pages read through the library's
      recorder, each event decrypted and decoded by the reader's mapper, as the
      projector does, and nothing projected or tracked: what any projector pays
      before it applies an event;
  (e) memory during a catch-up: the process's RSS and tracemalloc current/peak at 10,
      25, 50, 75 and 100 % of the log (tracemalloc slows Python down, so that catch-up
      is a separate, untimed-for-throughput run);
  (f) query latency at 100,000 workers: `search_workers` (name prefix, last four of the
      ID number, township) and `worker_timeline`, next to raw SELECTs.

Every catch-up writes into fresh tables of its own (a table prefix per run), so no run
pays for another's dead rows. The database is created at the start and dropped at the
end, even on error or SIGTERM. It prints figures only; nothing here asserts on timings.

    .venv/bin/python bench/projection.py            # >= 100,000 events, a few minutes
    .venv/bin/python bench/projection.py --quick    # about 20,000 events
    .venv/bin/python bench/projection.py --profile timeline   # + a cProfile of a catch-up
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import random
import signal
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar
from uuid import UUID

import psycopg
from psycopg import sql

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from application.clock import today_in_shanghai  # noqa: E402
from application.commands import RegisterWorker  # noqa: E402
from application.journey import Journey  # noqa: E402
from bench.profiling import profile_text  # noqa: E402
from bench.registrations import IdNumbers, register_command  # noqa: E402
from bench.scratch_database import (  # noqa: E402
    create_database,
    drop_database,
    exit_on_sigterm,
    url_for_database,
)
from domain.actor import Role  # noqa: E402
from domain.scope import Scope  # noqa: E402
from infrastructure.persistence import build_journey  # noqa: E402
from infrastructure.projector_service import ProjectorService, open_reader  # noqa: E402
from infrastructure.readmodels.access import ReadModels  # noqa: E402
from infrastructure.readmodels.base import Notified, Projection, Store, Table  # noqa: E402
from infrastructure.readmodels.registry import all_projections  # noqa: E402
from infrastructure.readmodels.verify import drop_tables  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402
from infrastructure.sql import Cursor, SqlDatabase, open_database  # noqa: E402
from interfaces.demo.data import GIVEN, SURNAMES, WUSHAN_TOWNSHIPS  # noqa: E402
from interfaces.demo.programme import load_demo  # noqa: E402

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SECRET_KEY = "bench-secret-key-0123456789abcdef"  # a throwaway database
EVENTS_TABLE = "laborbridge_events"
WORKER_REGISTERED = "domain.worker:Worker.Registered"
RAW_TABLE = "raw_projection"
RAW_TRACKING = "raw_tracking"
TARGET = 10_000  # events/s the issue asks of a catch-up
MARKS = (10, 25, 50, 75, 100)  # % of the log at which memory is sampled
MIB = 1024 * 1024
# Queries are timed as an auditor of the whole programme reads them: every worker.
EVERYTHING = Scope.everything()


# -- input ---------------------------------------------------------------------------------


def roster(ids: IdNumbers, rng: random.Random, count: int, on: date) -> list[RegisterWorker]:
    """Registrations with the demo's names and townships, so searches find a realistic
    share: a surname matches about 1 in 24 workers, a full name about 1 in 670."""
    return [
        register_command(
            id_number=ids.next(),
            name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            hukou_township=rng.choice(WUSHAN_TOWNSHIPS),
            poverty_status=rng.choices(
                ["lifted_out_of_poverty", "monitored_at_risk", "general"], [55, 12, 33]
            )[0],
            occurred_on=on,
        )
        for _ in range(count)
    ]


@dataclass
class Filled:
    events: int
    head: int
    bulk_ids: list[UUID]  # workers registered in batches: one event each
    demo_ids: list[UUID]  # workers of the programme year: about ten events each
    last4: list[str]  # a sample of registered ID numbers' last four characters
    summary: str


def fill(journey: Journey, url: str, args: argparse.Namespace) -> Filled:
    rng = random.Random(args.seed)  # invented data, not secrets
    started = time.perf_counter()
    demo = load_demo(journey, workers=args.demo_workers, seed=args.seed)
    demo_seconds = time.perf_counter() - started
    demo_head = position(journey)

    ids, on = IdNumbers(), today_in_shanghai()
    bulk = args.workers - args.demo_workers
    bulk_ids: list[UUID] = []
    last4: list[str] = []
    started = time.perf_counter()
    for start in range(0, bulk, args.fill_batch):
        commands = roster(ids, rng, min(args.fill_batch, bulk - start), on)
        last4.extend(c.id_number[-4:] for c in rng.sample(commands, min(5, len(commands))))
        bulk_ids.extend(r.aggregate_id for r in journey.register_workers(commands))
    bulk_seconds = time.perf_counter() - started

    with psycopg.connect(url, autocommit=True) as conn:
        events = scalar(
            conn, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(EVENTS_TABLE))
        )
        demo_ids = [
            row[0]
            for row in conn.execute(
                sql.SQL(
                    "SELECT originator_id FROM {} WHERE topic = %s AND notification_id <= %s"
                ).format(sql.Identifier(EVENTS_TABLE)),
                (WORKER_REGISTERED, demo_head),
            )
        ]
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(EVENTS_TABLE)))
    summary = (
        f"filled the log with {events:,} events (not measured):\n"
        f"  load_demo: {demo.workers:,} workers' programme year, {demo_head:,} events,"
        f" one command per transaction, {demo_seconds:.1f} s ({demo_head / demo_seconds:,.0f}/s)\n"
        f"  register_workers: {bulk:,} workers in batches of {args.fill_batch},"
        f" {bulk_seconds:.1f} s ({bulk / max(bulk_seconds, 1e-9):,.0f}/s)"
    )
    return Filled(events, position(journey), bulk_ids, demo_ids, last4, summary)


# -- database lifecycle ----------------------------------------------------------------------


def position(journey: Journey) -> int:
    return journey.recorder.max_notification_id() or 0


def scalar(conn: psycopg.Connection[Any], query: sql.Composable | str, params: Any = ()) -> Any:
    row = conn.execute(query, params).fetchone()
    return row[0] if row else None


# -- memory ------------------------------------------------------------------------------------


def rss_kib() -> int:
    """The process's resident set size (VmRSS), in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


@dataclass(frozen=True)
class Sample:
    percent: int
    position: int
    seconds: float
    cpu: float  # this process's CPU seconds since the start
    rss_kib: int
    traced: tuple[int, int] | None  # tracemalloc (current, peak) bytes


class Sampler:
    """The catch-up's progress callback: a sample at 10, 25, 50, 75 and 100 % of the head."""

    def __init__(self, head: int, trace: bool) -> None:
        self.head = head
        self.trace = trace
        self.marks = list(MARKS)
        self.samples: list[Sample] = []
        self.started = self.cpu = 0.0

    def start(self) -> None:
        self.started, self.cpu = time.perf_counter(), time.process_time()
        self._take(0, 0)

    def __call__(self, reached: int, head: int) -> None:
        while self.marks and reached * 100 >= self.marks[0] * self.head:
            self._take(self.marks.pop(0), reached)

    def _take(self, percent: int, reached: int) -> None:
        traced = tracemalloc.get_traced_memory() if self.trace else None
        seconds, cpu = time.perf_counter() - self.started, time.process_time() - self.cpu
        self.samples.append(Sample(percent, reached, seconds, cpu, rss_kib(), traced))


# -- the projector -------------------------------------------------------------------------------


class NullProjection(Projection):
    """Writes nothing: what is left is reading, decrypting, decoding and moving the
    tracking row."""

    name: ClassVar[str] = "null"
    tables: ClassVar[tuple[Table, ...]] = ()

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        pass


@dataclass
class CatchUp:
    label: str
    page_size: int
    events: int
    applications: int
    seconds: float
    cpu: float  # this process's CPU seconds (user + system): the Python side only
    wal: int = 0  # bytes of WAL written meanwhile, server-wide
    size: int = 0  # bytes of the tables written, indexes included
    samples: list[Sample] = field(default_factory=list)
    profile: str = ""

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else float("inf")


class Runs:
    """Hands out a fresh table prefix per catch-up: each rebuilds into empty tables."""

    def __init__(self) -> None:
        self.count = 0

    def prefix(self) -> str:
        self.count += 1
        return f"bench{self.count}_"


def catch_up(
    settings: Settings,
    label: str,
    projections: list[Projection],
    prefix: str,
    *,
    page_size: int,
    events: int,
    trace: bool = False,
    profile: bool = False,
    keep: bool = False,
) -> CatchUp:
    """One catch-up from position 0 to the head into fresh tables under `prefix`."""
    settings = settings.model_copy(update={"projector_page_size": page_size})
    service = ProjectorService(settings, projections=projections, prefix=prefix)
    profiler = cProfile.Profile() if profile else None
    tables = [f"{prefix}{t.name}" for p in projections for t in p.tables] + [f"{prefix}tracking"]
    try:
        sampler = Sampler(service.projector.head(), trace)
        wal = wal_position(settings.database_url)
        gc.collect()
        if trace:
            tracemalloc.start()
        try:
            sampler.start()
            started, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            applied = service.projector.catch_up(sampler)
            if profiler is not None:
                profiler.disable()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        finally:
            if trace:
                tracemalloc.stop()
        wal = wal_position(settings.database_url) - wal
        size = total_size(settings.database_url, tables)
        if not keep:
            drop_tables(service.db, projections, prefix)
    finally:
        service.close()
    run = CatchUp(
        label, page_size, applied // max(len(projections), 1), applied, seconds, cpu, wal, size
    )
    run.samples = sampler.samples
    if run.events != events:
        print(
            f"note: {label} applied {run.events:,} events, the log holds {events:,}",
            file=sys.stderr,
        )
    if profiler is not None:
        run.profile = profile_text(profiler, top=25)
    return run


def wal_position(url: str) -> int:
    """The server's WAL insert position in bytes (server-wide: other databases count too)."""
    with psycopg.connect(url, autocommit=True) as conn:
        return int(scalar(conn, "SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn"))


def total_size(url: str, tables: Sequence[str]) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return sum(
            int(scalar(conn, "SELECT pg_total_relation_size(%s::regclass)", (table,)) or 0)
            for table in tables
        )


# -- the raw psycopg baseline -----------------------------------------------------------------


def raw_catch_up(url: str, page_size: int, events: int) -> CatchUp:
    """Keyset pages of the events table into a plain table, one transaction per page
    with its tracking update: the least any projector can do with the same pages."""
    select = sql.SQL(
        "SELECT notification_id, originator_id, topic, state FROM {}"
        " WHERE notification_id > %s ORDER BY notification_id LIMIT %s"
    ).format(sql.Identifier(EVENTS_TABLE))
    insert = sql.SQL(
        "INSERT INTO {} (position, originator_id, topic, state_length) VALUES (%s, %s, %s, %s)"
    ).format(sql.Identifier(RAW_TABLE))
    advance = sql.SQL("UPDATE {} SET position = %s WHERE name = 'raw' AND position = %s").format(
        sql.Identifier(RAW_TRACKING)
    )
    with (
        psycopg.connect(url, autocommit=True) as reader,
        psycopg.connect(url, autocommit=True) as writer,
    ):
        # The same durability as the projector's read-model writes (rebuildable data).
        writer.execute("SET synchronous_commit = off")
        writer.execute(
            sql.SQL(
                "CREATE TABLE {} (position BIGINT PRIMARY KEY, originator_id TEXT NOT NULL,"
                " topic TEXT NOT NULL, state_length INTEGER NOT NULL)"
            ).format(sql.Identifier(RAW_TABLE))
        )
        writer.execute(
            sql.SQL("CREATE TABLE {} (name TEXT PRIMARY KEY, position BIGINT NOT NULL)").format(
                sql.Identifier(RAW_TRACKING)
            )
        )
        writer.execute(
            sql.SQL("INSERT INTO {} VALUES ('raw', 0)").format(sql.Identifier(RAW_TRACKING))
        )
        head = scalar(
            reader,
            sql.SQL("SELECT max(notification_id) FROM {}").format(sql.Identifier(EVENTS_TABLE)),
        )
        sampler = Sampler(int(head or 0), trace=False)
        wal = wal_position(url)
        gc.collect()
        sampler.start()
        started, cpu = time.perf_counter(), time.process_time()
        reached = count = 0
        with reader.cursor() as read, writer.cursor() as write:
            while rows := read.execute(select, (reached, page_size)).fetchall():
                with writer.transaction():
                    write.executemany(
                        insert, [(n, str(o), topic, len(state)) for n, o, topic, state in rows]
                    )
                    write.execute(advance, (rows[-1][0], reached))
                    if write.rowcount != 1:
                        raise RuntimeError("raw tracking row moved under us")
                reached = rows[-1][0]
                count += len(rows)
                sampler(reached, reached)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        wal = wal_position(url) - wal
        size = total_size(url, [RAW_TABLE, RAW_TRACKING])
        writer.execute(
            sql.SQL("DROP TABLE {}, {}").format(
                sql.Identifier(RAW_TABLE), sql.Identifier(RAW_TRACKING)
            )
        )
    if count != events:
        print(
            f"note: raw baseline read {count:,} events, the log holds {events:,}", file=sys.stderr
        )
    label = f"raw psycopg, no decryption, page {page_size}"
    return CatchUp(label, page_size, count, count, seconds, cpu, wal, size, sampler.samples)


def decrypt_only(settings: Settings, page_size: int, events: int) -> CatchUp:
    """The floor under any projector: the log read in pages through the reader the
    projector uses, each event decrypted and decoded, nothing applied or tracked.
    One thread, no read-ahead (the projector overlaps reading with applying)."""
    reader = open_reader(settings)
    try:
        recorder, mapper = reader.recorder, reader.mapper
        head = int(recorder.max_notification_id() or 0)
        sampler = Sampler(head, trace=False)
        gc.collect()
        sampler.start()
        started, cpu = time.perf_counter(), time.process_time()
        reached = count = 0
        while page := recorder.select_notifications(start=reached + 1, limit=page_size, stop=head):
            for notification in page:
                mapper.to_domain_event(notification)
            reached = int(page[-1].id)
            count += len(page)
            sampler(reached, reached)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        reader.close()
    if count != events:
        print(
            f"note: decrypt-only read {count:,} events, the log holds {events:,}", file=sys.stderr
        )
    label = f"decrypt-only floor (read + decrypt + decode), page {page_size}"
    return CatchUp(label, page_size, count, count, seconds, cpu, 0, 0, sampler.samples)


def warm_events_table(url: str) -> None:
    """Read the whole log once, so no measured run is the first to touch it on disk."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("SELECT count(*), sum(length(state)) FROM {}").format(
                sql.Identifier(EVENTS_TABLE)
            )
        ).fetchone()


# -- query latency ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Latency:
    query: str
    calls: int
    rows: float  # mean rows returned
    p50: float  # milliseconds
    p95: float
    worst: float
    plan: str = ""

    @classmethod
    def of(cls, query: str, timings: list[float], rows: list[int], plan: str = "") -> Latency:
        ordered = sorted(timings)
        at = lambda q: ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000  # noqa: E731
        return cls(
            query, len(ordered), statistics.fmean(rows), at(0.5), at(0.95), ordered[-1] * 1000, plan
        )


def measure(
    query: str, inputs: Sequence[Any], call: Callable[[Any], int], warmup: int, plan: str = ""
) -> Latency:
    for value in inputs[:warmup]:
        call(value)
    timings: list[float] = []
    rows: list[int] = []
    for value in inputs:
        started = time.perf_counter()
        found = call(value)
        timings.append(time.perf_counter() - started)
        rows.append(found)
    return Latency.of(query, timings, rows, plan)


class CapturingDatabase:
    """Hands a query function's SQL to EXPLAIN: records the last statement it ran."""

    is_postgres = True

    def __init__(self, db: SqlDatabase) -> None:
        self.db = db
        self.statements: list[tuple[str, tuple[Any, ...]]] = []

    def transaction(self, **options: Any) -> Any:
        outer = self

        class _Cursor:
            def __init__(self, cursor: Cursor) -> None:
                self.cursor = cursor

            def execute(self, statement: str, params: Sequence[Any] = ()) -> int:
                outer.statements.append((statement, tuple(params)))
                return self.cursor.execute(statement, params)

            def __getattr__(self, name: str) -> Any:
                return getattr(self.cursor, name)

        class _Transaction:
            def __enter__(self) -> _Cursor:
                self.context = outer.db.transaction(**options)
                return _Cursor(self.context.__enter__())

            def __exit__(self, *exc: Any) -> Any:
                return self.context.__exit__(*exc)

        return _Transaction()

    def ping(self) -> None:
        self.db.ping()

    def close(self) -> None:
        pass


def plan_of(conn: psycopg.Connection[Any], statement: str, params: Sequence[Any]) -> str:
    """The plan's nodes, outermost first, e.g. `Limit > Index Scan(bench1_workers_ix0)`."""
    row = conn.execute(f"EXPLAIN (FORMAT JSON) {statement}", tuple(params)).fetchone()
    nodes: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        index = node.get("Index Name")
        nodes.append(f"{node['Node Type']}({index})" if index else node["Node Type"])
        for child in node.get("Plans", []):
            walk(child)

    if row:
        walk(row[0][0]["Plan"])
    return " > ".join(nodes)


def plan_of_call(
    conn: psycopg.Connection[Any], read_models: ReadModels, call: Callable[[ReadModels], object]
) -> str:
    capturing = CapturingDatabase(read_models.db)
    call(ReadModels(capturing, prefix=read_models.prefix))
    if not capturing.statements:
        return ""
    statement, params = capturing.statements[-1]
    return plan_of(conn, statement, params)


def bench_queries(
    settings: Settings, url: str, prefix: str, filled: Filled, args: argparse.Namespace
) -> tuple[list[Latency], list[str]]:
    """Latencies over the tables of one finished catch-up (those under `prefix`)."""
    rng = random.Random(args.seed + 1)  # invented data, not secrets
    n, warmup = args.calls, min(10, args.calls)
    notes: list[str] = []
    results: list[Latency] = []
    names = {p.name for p in all_projections()}
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    read_models = ReadModels(db, prefix=prefix)
    absent = next(s for s in ("欧阳", "司马", "诸葛", "上官") if s[0] not in SURNAMES)
    surnames = [rng.choice(SURNAMES) for _ in range(n)]
    full_names = [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(n)]
    townships = [rng.choice(WUSHAN_TOWNSHIPS) for _ in range(n)]
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            tables = [f"{prefix}{t.name}" for p in all_projections() for t in p.tables]
            for table in tables:  # as autovacuum would, shortly after a rebuild
                conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))

            # -- search_workers (case_files) --
            search: Callable[..., Any] | None = None
            if "case_files" not in names:
                notes.append("search_workers: skipped, the case_files read model is not registered")
            else:
                try:
                    from infrastructure.readmodels.case_file_queries import search_workers

                    search = search_workers
                except ImportError as error:
                    notes.append(f"search_workers: skipped, cannot import it yet ({error})")
            if search is not None:
                found = search

                def searching(**fixed: Any) -> Callable[[Any], int]:
                    def call(value: dict[str, Any]) -> int:
                        return len(found(read_models, scope=EVERYTHING, **fixed, **value).items)

                    return call

                cases: list[tuple[str, list[dict[str, Any]]]] = [
                    ("search_workers q=surname (1 in 24)", [{"q": s} for s in surnames]),
                    ("search_workers q=full name (1 in 670)", [{"q": s} for s in full_names]),
                    (f"search_workers q={absent} (no match)", [{"q": absent}] * n),
                    (
                        "search_workers q=last 4 of ID",
                        [{"q": rng.choice(filled.last4)} for _ in range(n)],
                    ),
                    ("search_workers township=", [{"township": t} for t in townships]),
                    (
                        "search_workers township= q=surname",
                        [{"township": t, "q": s} for t, s in zip(townships, surnames, strict=True)],
                    ),
                ]
                for label, inputs in cases:
                    plan = plan_of_call(
                        conn, read_models, lambda rm, v=inputs[0]: found(rm, scope=EVERYTHING, **v)
                    )
                    results.append(measure(label, inputs, searching(), warmup, plan))

            if "case_files" in names:
                workers = sql.Identifier(f"{prefix}workers")
                like = sql.SQL(
                    "SELECT worker_id, name, township FROM {} WHERE name LIKE %s LIMIT 50"
                ).format(workers)
                for label, values in (
                    ("raw SELECT name LIKE 'surname%' LIMIT 50", [s + "%" for s in surnames]),
                    (f"raw SELECT name LIKE '{absent}%' LIMIT 50", [absent + "%"] * n),
                ):
                    plan = plan_of(conn, like.as_string(conn), (values[0],))
                    results.append(
                        measure(
                            label,
                            values,
                            lambda v, q=like: len(conn.execute(q, (v,)).fetchall()),
                            warmup,
                            plan,
                        )
                    )

            # -- worker_timeline (timeline) --
            timeline: Callable[..., Any] | None = None
            if "timeline" not in names:
                notes.append("worker_timeline: skipped, the timeline read model is not registered")
            else:
                try:
                    from infrastructure.readmodels.timeline_queries import worker_timeline

                    timeline = worker_timeline
                except ImportError as error:
                    notes.append(f"worker_timeline: skipped, cannot import it yet ({error})")
            bulk = [rng.choice(filled.bulk_ids) for _ in range(n)]
            demo = [rng.choice(filled.demo_ids) for _ in range(n)] if filled.demo_ids else []
            if timeline is not None:
                history = timeline

                def read_timeline(worker_id: UUID) -> int:
                    page = history(read_models, worker_id, Role.CASEWORKER, scope=EVERYTHING)
                    return len(page.entries) if page is not None else 0

                for label, ids in (
                    ("worker_timeline, batch-registered worker", bulk),
                    ("worker_timeline, demo worker (journey)", demo),
                ):
                    if ids:
                        plan = plan_of_call(
                            conn,
                            read_models,
                            lambda rm, w=ids[0]: history(rm, w, Role.CASEWORKER, scope=EVERYTHING),
                        )
                        results.append(measure(label, ids, read_timeline, warmup, plan))
            if "timeline" in names:
                by_worker = sql.SQL(
                    "SELECT position, event_type, summary_en FROM {} WHERE worker_id = %s"
                    " AND position > 0 ORDER BY position LIMIT 101"
                ).format(sql.Identifier(f"{prefix}events"))
                plan = plan_of(
                    conn, by_worker.as_string(conn), (str(demo[0] if demo else bulk[0]),)
                )
                results.append(
                    measure(
                        "raw SELECT timeline rows by worker_id",
                        [str(w) for w in demo or bulk],
                        lambda v: len(conn.execute(by_worker, (v,)).fetchall()),
                        warmup,
                        plan,
                    )
                )
            workers_count = (
                scalar(
                    conn,
                    sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(f"{prefix}workers")),
                )
                if "case_files" in names
                else None
            )
            if workers_count is not None:
                notes.insert(0, f"{workers_count:,} workers in the case files")
    finally:
        db.close()
    return results, notes


# -- report -----------------------------------------------------------------------------------


def describe(url: str, projections: list[Projection]) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        server = scalar(conn, "SHOW server_version")
        sync = scalar(conn, "SHOW synchronous_commit")
        buffers = scalar(conn, "SHOW shared_buffers")
        collate = scalar(
            conn, "SELECT datcollate FROM pg_database WHERE datname = current_database()"
        )
    models = ", ".join(
        f"{p.name} ({len(p.tables)} tables, {sum(1 + len(t.indexes) for t in p.tables)} indexes)"
        for p in projections
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"PostgreSQL {server} (synchronous_commit={sync}, shared_buffers={buffers},"
        f" collation {collate}), eventsourcing {version('eventsourcing')},"
        f" psycopg {psycopg.__version__}, Python {platform.python_version()},"
        f" {os.cpu_count()} CPUs, load average {load}"
        f"\nread models: {models or 'none registered'}"
    )


def throughput_table(runs: list[CatchUp], raw: CatchUp) -> str:
    width = max(len(r.label) for r in [*runs, raw])
    header = (
        f"{'catch-up (position 0 to head)':<{width}}  {'events':>8}  {'seconds':>7}"
        f"  {'events/s':>8}  {'vs raw':>6}  {'>=10k/s':>7}  {'py CPU s':>8}  {'µs/event':>8}"
        f"  {'WAL MB':>6}  {'disk MB':>7}"
    )
    lines = [header, "-" * len(header)]
    for r in [raw, *runs]:
        ratio = r.rate / raw.rate if raw.rate else float("nan")
        lines.append(
            f"{r.label:<{width}}  {r.events:>8,}  {r.seconds:>7.2f}  {r.rate:>8,.0f}"
            f"  {ratio:>6.2f}  {'yes' if r.rate >= TARGET else 'NO':>7}"
            f"  {r.cpu:>8.2f}  {r.cpu / max(r.events, 1) * 1e6:>8.0f}"
            f"  {r.wal / MIB:>6.0f}  {r.size / MIB:>7.1f}"
        )
    return "\n".join(lines)


def stretches_table(runs: list[CatchUp]) -> str:
    """Events/s and this process's CPU µs/event over each stretch of the log: a catch-up
    that slows down as its tables grow shows it here."""
    width = max(len(r.label) for r in runs)
    marks = [0, *MARKS]
    names = [f"{a}-{b}%" for a, b in pairwise(marks)]
    header = f"{'events/s (py µs/event)':<{width}}" + "".join(f"  {n:>13}" for n in names)
    lines = [header, "-" * len(header)]
    for run in runs:
        cells = []
        for before, after in pairwise(run.samples):
            events, seconds = after.position - before.position, after.seconds - before.seconds
            if events <= 0 or seconds <= 0:
                cells.append(f"{'':>13}")
                continue
            micros = (after.cpu - before.cpu) / events * 1e6
            cells.append(f"{f'{events / seconds:,.0f} ({micros:.0f})':>13}")
        lines.append(f"{run.label:<{width}}" + "".join(f"  {c}" for c in cells))
    return "\n".join(lines)


def memory_table(run: CatchUp) -> str:
    traced = any(s.traced for s in run.samples)
    header = (
        f"  {'at':>4}  {'position':>9}  {'seconds':>7}  {'events/s':>8}"
        f"  {'RSS MiB':>7}  {'ΔRSS':>6}"
    )
    if traced:
        header += f"  {'traced MiB':>10}  {'peak MiB':>8}"
    lines = [f"{run.label}:", header]
    base = run.samples[0].rss_kib if run.samples else 0
    previous: Sample | None = None
    for s in run.samples:
        rate = ""
        if previous is not None and s.seconds > previous.seconds:
            rate = f"{(s.position - previous.position) / (s.seconds - previous.seconds):,.0f}"
        line = (
            f"  {s.percent:>3}%  {s.position:>9,}  {s.seconds:>7.2f}  {rate:>8}"
            f"  {s.rss_kib / 1024:>7.1f}  {(s.rss_kib - base) / 1024:>+6.1f}"
        )
        if s.traced:
            line += f"  {s.traced[0] / MIB:>10.1f}  {s.traced[1] / MIB:>8.1f}"
        lines.append(line)
        previous = s
    return "\n".join(lines)


def latency_table(results: list[Latency]) -> str:
    width = max(len(r.query) for r in results)
    header = (
        f"{'query':<{width}}  {'calls':>5}  {'rows':>5}  {'p50 ms':>7}  {'p95 ms':>7}"
        f"  {'max ms':>7}  plan"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.query:<{width}}  {r.calls:>5}  {r.rows:>5.1f}  {r.p50:>7.2f}  {r.p95:>7.2f}"
            f"  {r.worst:>7.2f}  {r.plan}"
        )
    return "\n".join(lines)


# -- main -------------------------------------------------------------------------------------


def page_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of page sizes") from None
    if any(not 1 <= s <= 50_000 for s in sizes):
        raise argparse.ArgumentTypeError("page sizes must be between 1 and 50,000")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    names = [p.name for p in all_projections()]
    parser = argparse.ArgumentParser(
        description="Read-model catch-up on PostgreSQL vs raw psycopg; memory; query latency."
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("LABORBRIDGE_BENCH_ADMIN_URL", DEFAULT_ADMIN_URL),
        help="a database URL allowed to CREATE/DROP DATABASE"
        " (env LABORBRIDGE_BENCH_ADMIN_URL; default %(default)s)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=100_000,
        help="workers in all, demo ones included (%(default)s)",
    )
    parser.add_argument(
        "--demo-workers",
        type=int,
        default=1000,
        help="of them, workers with a programme year through load_demo, about 11 events"
        " each, one command per transaction (%(default)s)",
    )
    parser.add_argument(
        "--fill-batch", type=int, default=1000, help="registrations per batch (%(default)s)"
    )
    parser.add_argument(
        "--page-size", type=int, default=1000, help="projector page size (%(default)s)"
    )
    parser.add_argument(
        "--sweep",
        type=page_sizes,
        default=[500, 2000],
        help="other page sizes to catch up with, comma-separated, '' for none (500,2000)",
    )
    parser.add_argument(
        "--no-per-projection",
        dest="per_projection",
        action="store_false",
        help="skip the catch-up of each read model on its own",
    )
    parser.add_argument(
        "--no-tracemalloc",
        dest="tracemalloc",
        action="store_false",
        help="skip the extra catch-up under tracemalloc (RSS is sampled anyway)",
    )
    parser.add_argument(
        "--profile",
        choices=[*names, "all"],
        action="append",
        default=[],
        help="also run one catch-up of this read model (or all) under cProfile and print its"
        " top entries; may be given more than once",
    )
    parser.add_argument("--calls", type=int, default=200, help="calls per query (%(default)s)")
    parser.add_argument("--seed", type=int, default=2025, help="data seed (%(default)s)")
    parser.add_argument(
        "--quick", action="store_true", help="about 20,000 events (18,000 workers, 250 demo)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.workers, args.demo_workers = 18_000, 250
    for name in ("workers", "fill_batch", "page_size", "calls"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if not 0 <= args.demo_workers <= args.workers:
        parser.error("--demo-workers must be between 0 and --workers")
    if not 1 <= args.page_size <= 50_000:
        parser.error("--page-size must be between 1 and 50,000")
    args.sweep = [s for s in args.sweep if s != args.page_size]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    name = f"laborbridge_bench_{os.getpid()}"
    url = url_for_database(args.admin_url, name)
    create_database(args.admin_url, name)
    try:
        settings = Settings(
            database_url=url, secret_key=SECRET_KEY, env="test", run_projector=False
        )
        projections = all_projections()
        print(f"database {name}\n{describe(url, projections)}\n", flush=True)
        journey = build_journey(settings)
        try:
            filled = fill(journey, url, args)
        finally:
            journey.close()
        print(filled.summary, flush=True)
        if filled.events < 100_000 and not args.quick:
            print(f"note: only {filled.events:,} events, fewer than the 100,000 asked for")
        events = filled.events
        warm_events_table(url)
        runs = Runs()
        gc.collect()

        raw = raw_catch_up(url, args.page_size, events)
        print(f"\n{raw.label}: {raw.rate:,.0f} events/s", flush=True)
        floor = decrypt_only(settings, args.page_size, events)
        print(f"{floor.label}: {floor.rate:,.0f} events/s", flush=True)

        def one(
            label: str, models: list[Projection], size: int, prefix: str = "", **options: Any
        ) -> CatchUp:
            prefix = prefix or runs.prefix()
            run = catch_up(
                settings, label, models, prefix, page_size=size, events=events, **options
            )
            print(f"{label}: {run.rate:,.0f} events/s", flush=True)
            return run

        everything = "+".join(p.name for p in projections) or "none"
        kept = runs.prefix()  # the main run's tables stay for the queries
        main_run = one(
            f"projector, {everything}, page {args.page_size}",
            projections,
            args.page_size,
            kept,
            keep=True,
        )
        sweeps = [
            one(f"projector, {everything}, page {s}", all_projections(), s) for s in args.sweep
        ]
        null = one(
            f"projector, null projection, page {args.page_size}", [NullProjection()], args.page_size
        )
        alone: list[CatchUp] = []
        if args.per_projection and len(projections) > 1:
            for projection in all_projections():
                alone.append(
                    one(
                        f"projector, {projection.name} alone, page {args.page_size}",
                        [projection],
                        args.page_size,
                    )
                )
        traced = None
        if args.tracemalloc:
            traced = one(
                f"projector, {everything}, page {args.page_size}, under tracemalloc",
                all_projections(),
                args.page_size,
                trace=True,
            )
        profiled = [
            one(
                f"projector, {target}, page {args.page_size}, under cProfile",
                [p for p in all_projections() if target in ("all", p.name)],
                args.page_size,
                profile=True,
            )
            for target in args.profile
        ]

        latencies, notes = bench_queries(settings, url, kept, filled, args)

        print(f"\n{filled.summary}\n")
        print(throughput_table([floor, main_run, *sweeps, *alone, null], raw))
        print(
            f"\nevents/s = {events:,} events in the log / seconds from position 0 to the head;"
            " with several read models each event is applied to every one of them."
            "\nvs raw = events/s / raw psycopg events/s (same page size, same run); the raw"
            " baseline decrypts nothing, the decrypt-only floor decrypts and decodes every"
            " event and applies none."
            "\npy CPU s = this process's CPU time (user+system) during the catch-up, without"
            " the PostgreSQL server's; µs/event = py CPU s / events."
            "\nWAL MB = WAL the server wrote meanwhile (server-wide: other databases' too);"
            " disk MB = the tables written, indexes included."
        )
        print("\nthroughput along the log (stretches between the memory samples):")
        print(stretches_table([raw, floor, main_run, *sweeps, *alone, null]))
        print("\nmemory as the log is caught up (RSS from /proc/self/status):")
        print(memory_table(main_run))
        if traced is not None:
            print(memory_table(traced))
        print(f"\nquery latency ({args.calls} calls each, after ANALYZE; reader role caseworker):")
        for note in notes:
            print(f"  {note}")
        if latencies:
            print(latency_table(latencies))
        for run in profiled:
            print(f"\n{run.label}: {run.rate:,.0f} events/s (profiling overhead included)")
            print(run.profile)
        print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        drop_database(args.admin_url, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
