"""Append throughput on PostgreSQL: worker registrations per second.

Measures the application's write path, built the way production builds it
(`build_journey(Settings(...))`): each save validates the command, derives the
worker id (HMAC), builds the aggregate, serialises its event and, in one
transaction, takes `LOCK TABLE laborbridge_events IN EXCLUSIVE MODE`, sends a
NOTIFY and inserts. It compares that with raw psycopg INSERTs of the very same
stored-event rows into `raw_events`, a copy of the events table (same columns,
same indexes), in the same run:

  (a) application, one registration per transaction   vs raw, one INSERT per transaction
  (b) application, batches (`register_workers`)         vs raw executemany / COPY batches
  (d) application, N client threads, one per transaction, vs raw with N threads:
      the table lock serialises the application's writers, raw INSERTs overlap.
  (e) application without the database (validate, build, serialise), for reference.

It creates its own database and drops it at the end, even on error.
It prints figures only; nothing here asserts on timings.

    .venv/bin/python bench/append.py            # defaults, well under two minutes
    .venv/bin/python bench/append.py --quick    # a few seconds
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg import sql

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from application.clock import today_in_shanghai  # noqa: E402
from application.commands import RegisterWorker  # noqa: E402
from application.journey import Journey  # noqa: E402
from bench.registrations import IdNumbers, register_command  # noqa: E402
from bench.scratch_database import (  # noqa: E402
    create_database,
    drop_database,
    exit_on_sigterm,
    url_for_database,
)
from infrastructure.persistence import build_journey  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402

DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SECRET_KEY = "bench-secret-key-0123456789abcdef"  # a throwaway database
EVENTS_TABLE = "laborbridge_events"
RAW_TABLE = "raw_events"
RAW_COPY_TABLE = "raw_events_copy"
COLUMNS = ("originator_id", "originator_version", "topic", "state")

Row = tuple[Any, ...]
T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    scenario: str
    rows: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


@dataclass(frozen=True)
class Span:
    """Notification ids (first, last] written by one application scenario."""

    after: int
    last: int


# -- input ---------------------------------------------------------------------------------


def commands(ids: IdNumbers, count: int, occurred_on: date) -> list[RegisterWorker]:
    return [register_command(id_number=ids.next(), occurred_on=occurred_on) for _ in range(count)]


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def split(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """`parts` nearly equal contiguous slices."""
    size, extra = divmod(len(items), parts)
    slices, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        slices.append(items[start:end])
        start = end
    return slices


# -- database lifecycle ----------------------------------------------------------------------


# -- timing helpers ---------------------------------------------------------------------------


def timed(scenario: str, rows: int, work: Callable[[], object]) -> Result:
    started = time.perf_counter()
    work()
    return Result(scenario, rows, time.perf_counter() - started)


def in_threads(workers: Sequence[Callable[[threading.Barrier], None]]) -> float:
    """Run each worker in its own thread, released together; the wall time of all."""
    barrier = threading.Barrier(len(workers) + 1)
    errors: list[BaseException] = []

    def guarded(work: Callable[[threading.Barrier], None]) -> None:
        try:
            work(barrier)
        except BaseException as error:
            errors.append(error)
            barrier.abort()

    # Daemon threads: an interrupted run must not wait for them before dropping its database.
    threads = [threading.Thread(target=guarded, args=(w,), daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return elapsed


def position(journey: Journey) -> int:
    return journey.recorder.max_notification_id() or 0


# -- the application --------------------------------------------------------------------------


@dataclass
class AppRun:
    results: list[Result]
    warmup: tuple[Span, Span]
    single: Span
    batched: Span
    threaded: Span


def bench_application(journey: Journey, args: argparse.Namespace) -> AppRun:
    ids = IdNumbers()
    occurred_on = today_in_shanghai()
    results: list[Result] = []

    # Warm-up: first use of the pool's connections, prepared statements, type lookups.
    start = position(journey)
    for command in commands(ids, args.warmup, occurred_on):
        journey.register_worker(command)
    warm_single = Span(start, position(journey))
    start = warm_single.last
    journey.register_workers(commands(ids, args.warmup, occurred_on))
    warm_batch = Span(start, position(journey))

    # (a) one registration per transaction.
    single = commands(ids, args.single, occurred_on)
    start = position(journey)

    def register_one_by_one() -> None:
        for command in single:
            journey.register_worker(command)

    results.append(timed("(a) app: 1 registration / transaction", len(single), register_one_by_one))
    single_span = Span(start, position(journey))

    # (b) batches, one transaction each.
    batched = commands(ids, args.batched, occurred_on)
    start = position(journey)

    def register_in_batches() -> None:
        for batch in chunks(batched, args.batch_size):
            journey.register_workers(batch)

    results.append(
        timed(
            f"(b) app: register_workers, {args.batch_size} / transaction",
            len(batched),
            register_in_batches,
        )
    )
    batched_span = Span(start, position(journey))

    # (d) several client threads, one registration per transaction each.
    threaded = commands(ids, args.threaded, occurred_on)
    start = position(journey)

    def app_worker(part: Sequence[RegisterWorker]) -> Callable[[threading.Barrier], None]:
        def work(barrier: threading.Barrier) -> None:
            barrier.wait()
            for command in part:
                journey.register_worker(command)

        return work

    seconds = in_threads([app_worker(part) for part in split(threaded, args.threads)])
    results.append(
        Result(f"(d) app: {args.threads} threads, 1 / transaction", len(threaded), seconds)
    )
    threaded_span = Span(start, position(journey))

    # (e) the same work as (b) without the database: where the application's time goes.
    def build_and_serialise() -> None:
        for command in batched:
            worker = journey.workers.new_worker(command)
            for event in worker.collect_events():
                journey.mapper.to_stored_event(event)

    results.append(
        timed("(e) app, no database: validate+build+serialise", len(batched), build_and_serialise)
    )
    return AppRun(results, (warm_single, warm_batch), single_span, batched_span, threaded_span)


# -- the raw psycopg baseline -----------------------------------------------------------------


def create_raw_tables(conn: psycopg.Connection[Any]) -> None:
    """Copies of the events table: same columns, indexes, storage options, own sequences.

    `LIKE ... INCLUDING ALL` would copy the column default `nextval(<the library's
    sequence>)`; each copy gets a sequence of its own instead.
    """
    row = conn.execute(
        "SELECT reloptions FROM pg_class WHERE oid = %s::regclass", (EVENTS_TABLE,)
    ).fetchone()
    reloptions: list[str] = (row[0] if row else None) or []
    for table in (RAW_TABLE, RAW_COPY_TABLE):
        sequence = sql.Identifier(f"{table}_notification_id_seq")
        conn.execute(
            sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL)").format(
                sql.Identifier(table), sql.Identifier(EVENTS_TABLE)
            )
        )
        conn.execute(sql.SQL("CREATE SEQUENCE {}").format(sequence))
        conn.execute(
            sql.SQL("ALTER TABLE {} ALTER COLUMN notification_id SET DEFAULT nextval({})").format(
                sql.Identifier(table), sql.Literal(f"{table}_notification_id_seq")
            )
        )
        if reloptions:
            options = sql.SQL(", ").join(sql.SQL(option) for option in reloptions)
            conn.execute(sql.SQL("ALTER TABLE {} SET ({})").format(sql.Identifier(table), options))


def stored_rows(conn: psycopg.Connection[Any], span: Span) -> list[Row]:
    """The rows the application wrote, in log order."""
    rows = conn.execute(
        sql.SQL(
            "SELECT originator_id, originator_version, topic, state FROM {}"
            " WHERE notification_id > %s AND notification_id <= %s ORDER BY notification_id"
        ).format(sql.Identifier(EVENTS_TABLE)),
        (span.after, span.last),
    ).fetchall()
    return [tuple(r) for r in rows]


def insert_statement(table: str) -> sql.Composed:
    return sql.SQL("INSERT INTO {} ({}) VALUES (%s, %s, %s, %s)").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)
    )


def raw_one_by_one(url: str, table: str, rows: Sequence[Row]) -> None:
    """One INSERT per transaction (autocommit: each statement commits)."""
    statement = insert_statement(table)
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cur:
        for row in rows:
            cur.execute(statement, row, prepare=True)


def raw_executemany(conn: psycopg.Connection[Any], rows: Sequence[Row], size: int) -> None:
    """executemany (pipelined) of one batch, committed, per batch."""
    statement = insert_statement(RAW_TABLE)
    with conn.cursor() as cur:
        for batch in chunks(rows, size):
            with conn.transaction():
                cur.executemany(statement, batch)


def raw_copy(conn: psycopg.Connection[Any], rows: Sequence[Row], size: int) -> None:
    """Binary COPY of one batch, committed, per batch."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(RAW_COPY_TABLE), sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)
    )
    with conn.cursor() as cur:
        for batch in chunks(rows, size):
            with conn.transaction(), cur.copy(statement) as copy:
                copy.set_types(["uuid", "int8", "text", "bytea"])
                for row in batch:
                    copy.write_row(row)


def bench_raw(url: str, app: AppRun, args: argparse.Namespace) -> list[Result]:
    results: list[Result] = []
    with psycopg.connect(url, autocommit=True) as conn:
        create_raw_tables(conn)
        warm_single, warm_batch = (stored_rows(conn, span) for span in app.warmup)
        single = stored_rows(conn, app.single)
        batched = stored_rows(conn, app.batched)
        threaded = stored_rows(conn, app.threaded)

        # Warm-up with the application's warm-up rows.
        raw_one_by_one(url, RAW_TABLE, warm_single)
        raw_executemany(conn, warm_batch, args.batch_size)
        raw_copy(conn, warm_single, args.batch_size)

        results.append(
            timed(
                "(c) raw: 1 INSERT / transaction",
                len(single),
                lambda: raw_one_by_one(url, RAW_TABLE, single),
            )
        )
        results.append(
            timed(
                f"(c) raw: executemany, {args.batch_size} / transaction",
                len(batched),
                lambda: raw_executemany(conn, batched, args.batch_size),
            )
        )
        results.append(
            timed(
                f"(c) raw: binary COPY, {args.batch_size} / transaction",
                len(batched),
                lambda: raw_copy(conn, batched, args.batch_size),
            )
        )

    statement = insert_statement(RAW_TABLE)

    def raw_worker(part: Sequence[Row]) -> Callable[[threading.Barrier], None]:
        def work(barrier: threading.Barrier) -> None:
            with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cur:
                barrier.wait()
                for row in part:
                    cur.execute(statement, row, prepare=True)

        return work

    seconds = in_threads([raw_worker(part) for part in split(threaded, args.threads)])
    results.append(
        Result(f"(d) raw: {args.threads} threads, 1 INSERT / transaction", len(threaded), seconds)
    )
    return results


# -- report -----------------------------------------------------------------------------------


def load() -> str:
    """The machine's load average (1, 5, 15 min): on a shared machine, the context."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def describe(url: str, settings: Settings, args: argparse.Namespace) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        server = conn.execute("SHOW server_version").fetchone()
        sync = conn.execute("SHOW synchronous_commit").fetchone()
    return (
        f"PostgreSQL {server[0] if server else '?'} (synchronous_commit={sync[0] if sync else '?'})"
        f", eventsourcing {version('eventsourcing')}, psycopg {psycopg.__version__}"
        f", Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load()}"
        f"\npool {settings.postgres_pool_size}+{settings.postgres_max_overflow} connections,"
        f" warm-up {args.warmup} singles + 1 batch of {args.warmup} per path (not counted)"
    )


def report(results: list[Result], args: argparse.Namespace) -> str:
    by_label = {r.scenario: r for r in results}
    width = max(len(r.scenario) for r in results)
    lines = [f"{'scenario':<{width}}  {'rows':>7}  {'seconds':>8}  {'rows/s':>8}"]
    lines.append("-" * len(lines[0]))
    order = [
        "(a) app: 1 registration / transaction",
        "(c) raw: 1 INSERT / transaction",
        f"(b) app: register_workers, {args.batch_size} / transaction",
        f"(c) raw: executemany, {args.batch_size} / transaction",
        f"(c) raw: binary COPY, {args.batch_size} / transaction",
        f"(d) app: {args.threads} threads, 1 / transaction",
        f"(d) raw: {args.threads} threads, 1 INSERT / transaction",
        "(e) app, no database: validate+build+serialise",
    ]
    for label in order:
        r = by_label[label]
        lines.append(f"{label:<{width}}  {r.rows:>7}  {r.seconds:>8.2f}  {r.rate:>8.0f}")

    def ratio(app: str, raw: str) -> str:
        value = by_label[app].rate / by_label[raw].rate
        return f"{value:.2f}"

    lines += [
        "",
        "application / raw (rows/s):",
        f"  one per transaction        {ratio(order[0], order[1])}",
        f"  batched vs executemany     {ratio(order[2], order[3])}",
        f"  batched vs binary COPY     {ratio(order[2], order[4])}",
        f"  {args.threads} threads, one per txn    {ratio(order[5], order[6])}",
        "",
        f"{args.threads} threads / 1 thread (rows/s):",
        f"  application                {ratio(order[5], order[0])}"
        "   (LOCK TABLE ... IN EXCLUSIVE MODE serialises writers)",
        f"  raw                        {ratio(order[6], order[1])}",
    ]
    return "\n".join(lines)


# -- main -------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Worker registrations per second on PostgreSQL, application vs raw psycopg."
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("LABORBRIDGE_BENCH_ADMIN_URL", DEFAULT_ADMIN_URL),
        help="a database URL allowed to CREATE/DROP DATABASE"
        " (env LABORBRIDGE_BENCH_ADMIN_URL; default %(default)s)",
    )
    parser.add_argument(
        "--single", type=int, default=2000, help="rows, one per transaction (%(default)s)"
    )
    parser.add_argument("--batched", type=int, default=20000, help="rows, batched (%(default)s)")
    parser.add_argument("--batch-size", type=int, default=500, help="rows per batch (%(default)s)")
    parser.add_argument("--threads", type=int, default=8, help="client threads (%(default)s)")
    parser.add_argument(
        "--threaded", type=int, default=2000, help="rows over all threads (%(default)s)"
    )
    parser.add_argument(
        "--warmup", type=int, default=20, help="uncounted rows per path (%(default)s)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="small counts (300 / 3000 / 400) for a smoke run"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.single, args.batched, args.threaded = 300, 3000, 400
    for name in ("single", "batched", "batch_size", "threads", "threaded", "warmup"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.threaded < args.threads:
        parser.error("--threaded must be at least --threads")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    name = f"laborbridge_bench_{os.getpid()}"
    url = url_for_database(args.admin_url, name)
    create_database(args.admin_url, name)
    try:
        settings = Settings(database_url=url, secret_key=SECRET_KEY, env="test")
        if settings.postgres_pool_size + settings.postgres_max_overflow < args.threads:
            print(
                "note: fewer pool connections than threads; threads will queue for the pool",
                file=sys.stderr,
            )
        print(f"database {name}\n{describe(url, settings, args)}\n", flush=True)
        journey = build_journey(settings)
        try:
            app = bench_application(journey, args)
        finally:
            journey.close()
        raw = bench_raw(url, app, args)
        print(report(app.results + raw, args))
        print(f"\nload average at the end: {load()}")
    finally:
        drop_database(args.admin_url, name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
