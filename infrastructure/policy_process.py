"""The subsidy policy process: reads the log and records the entitlements it gives rise to.

For each page of the log it
1. indexes the events that can change what a worker is owed (`subsidy_facts`:
   record, version, log position, worker) — idempotent, so a page read twice
   leaves the same rows;
2. evaluates every worker the page touched, on their facts up to the page's
   last position;
3. saves every new or changed subsidy **and its own position in the log in one
   transaction** of the event store (the library's process recorder). A crash
   before that commit leaves neither, and the page is read again; after it,
   both. So each page is processed exactly once, and each entitlement — whose
   id is derived from (worker, kind, basis) — can only ever be recorded once,
   even when an evaluation on demand races the process.

A page whose save loses the race to another write is read and evaluated again
(the rule for lost races, application/retries.py). When it loses every time,
the process gives up on that page for this turn and says so: an error log
line, a row in `process_stops` that `/ready` and `laborbridge projections
status` show, and PolicyProcessGaveUp — never a quiet "nothing to do", which
would look like the head of the log. It tries again on its next turn, and
clears the row once past the page.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

import structlog
from eventsourcing.persistence import Tracking

from application.exceptions import EvaluationRace
from application.journey import Journey
from application.retries import RACE_ATTEMPTS, retry_lost_races
from application.subsidy_commands import WorkerFacts, facts_from_rows
from application.subsidy_facts import (
    HISTORY_KINDS,
    RELEVANT_EVENTS,
    FactRow,
    index_events,
    topic_event_type,
)
from domain.subsidy import Subsidy
from infrastructure.process_stops import (
    ProcessStop,
    clear_stop,
    create_stops_table,
    read_stops,
    record_stop,
)
from infrastructure.readmodels.access import LIVE_PREFIX, ReadModelBehind
from infrastructure.readmodels.base import Row, Table
from infrastructure.sql import Cursor, SqlDatabase

log = structlog.get_logger()

POLICY_PROCESS = "subsidy_policy"  # its name in the event store's tracking table
FACTS: Table[Row] = Table(
    "subsidy_facts",
    "aggregate_id TEXT NOT NULL, version BIGINT NOT NULL, position BIGINT NOT NULL,"
    " worker_id TEXT NOT NULL, kind TEXT NOT NULL",
    key=("aggregate_id", "version"),
    indexes=("worker_id, position",),
)


class PolicyProcessBehind(ReadModelBehind):
    """The process has not yet read the log as far as the caller needs (503)."""

    def __init__(self, wanted: int, reached: int) -> None:
        super().__init__(wanted, reached, retry_after=1)
        self.args = (
            f"the subsidy policy process has read the log to position {reached}, not yet"
            f" {wanted}; retry shortly",
        )


class PolicyProcessGaveUp(Exception):
    """Every attempt to record one page of the log lost the race to another
    write: the process has not read past `position` (it tries again later)."""

    def __init__(self, stop: ProcessStop) -> None:
        super().__init__(
            f"the subsidy policy process gave up at log position {stop.position}: {stop.error}"
        )
        self.stop = stop


class SubsidyPolicyProcess:
    name = POLICY_PROCESS

    def __init__(
        self,
        journey: Journey,
        db: SqlDatabase,
        *,
        prefix: str = LIVE_PREFIX,
        page_size: int = 500,
    ) -> None:
        self.journey = journey
        self.db = db
        self.prefix = prefix
        self.page_size = page_size
        self.facts_table = f"{prefix}{FACTS.name}"
        create_facts_table(db, prefix)
        self._page_start = 0  # the first position of the page being read
        self._gave_up = self.gave_up() is not None

    def position(self) -> int:
        return process_position(self.journey)

    def gave_up(self) -> ProcessStop | None:
        """Where its last turn gave up (by any process running it), or None."""
        with self.db.transaction(write=False) as cursor:
            return read_stops(cursor, self.prefix).get(self.name)

    # -- one page -------------------------------------------------------------------

    def run_once(self) -> int:
        """Process the next page; return how many events it held (0: at the
        head). Raises PolicyProcessGaveUp when every attempt lost its race."""
        try:
            processed = retry_lost_races(
                self._next_page, lost=(EvaluationRace,), on_lost=self._raced
            )
        except EvaluationRace:
            raise self._give_up() from None
        if self._gave_up:
            self._resume()
        return processed

    def _next_page(self) -> int:
        start = self.position()
        self._page_start = start + 1
        notifications = self.journey.recorder.select_notifications(
            start=start + 1, limit=self.page_size
        )
        if not notifications:
            return 0
        last = int(notifications[-1].id)
        rows = self._index(notifications)
        touched = sorted({r.worker_id for r in rows if r.kind in HISTORY_KINDS})
        changed = self._evaluate(touched, last)
        self.journey.record_subsidy_changes(changed, Tracking(self.name, last))
        if changed:
            log.info("subsidies_evaluated", to_position=last, changed=len(changed))
        return len(notifications)

    def _raced(self, attempt: int, _: Exception) -> None:
        # Another evaluation saved first, or another process took this page:
        # nothing of ours was saved. Read the new state and go on.
        log.info("policy_page_raced", from_position=self._page_start, attempt=attempt)

    def _give_up(self) -> PolicyProcessGaveUp:
        stop = ProcessStop(
            self.name,
            self._page_start,
            f"lost the race to record this page {RACE_ATTEMPTS} times in a row"
            " (another write saved first each time); trying again",
        )
        log.error(
            "policy_process_gave_up",
            process=self.name,
            from_position=stop.position,
            attempts=RACE_ATTEMPTS,
        )
        with self.db.transaction() as cursor:
            record_stop(cursor, self.prefix, stop)
        self._gave_up = True
        return PolicyProcessGaveUp(stop)

    def _resume(self) -> None:
        with self.db.transaction() as cursor:
            clear_stop(cursor, self.prefix, self.name)
        self._gave_up = False
        log.info("policy_process_resumed", process=self.name, position=self.position())

    def catch_up(self) -> int:
        total = 0
        while processed := self.run_once():
            total += processed
        return total

    def _index(self, notifications: Sequence[Any]) -> list[FactRow]:
        relevant = [
            (int(n.id), self.journey.mapper.to_domain_event(n))
            for n in notifications
            if topic_event_type(n.topic) in RELEVANT_EVENTS
        ]
        if not relevant:
            return []
        with self.db.transaction() as cursor:
            known = self._workers_of(cursor, {str(e.originator_id) for _, e in relevant})
            rows = index_events(relevant, known)
            cursor.executemany(
                f"INSERT INTO {self.facts_table}"  # noqa: S608 - our table name
                " (aggregate_id, version, position, worker_id, kind) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (aggregate_id, version) DO NOTHING",
                [
                    (str(r.aggregate_id), r.version, r.position, str(r.worker_id), r.kind)
                    for r in rows
                ],
            )
        return rows

    def _workers_of(self, cursor: Cursor, record_ids: Iterable[str]) -> dict[UUID, UUID]:
        ids = sorted(record_ids)
        found: dict[UUID, UUID] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            cursor.execute(
                f"SELECT DISTINCT aggregate_id, worker_id FROM {self.facts_table}"  # noqa: S608
                f" WHERE aggregate_id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            found.update({UUID(a): UUID(w) for a, w in cursor.fetchall()})
        return found

    def _evaluate(self, workers: list[UUID], as_of: int) -> list[Subsidy]:
        changed: list[Subsidy] = []
        facts = page_facts(self.db, self.prefix, workers, as_of)
        for worker_id in workers:
            changed.extend(self.journey.subsidy_changes(facts[worker_id]))
        return changed


def create_facts_table(db: SqlDatabase, prefix: str = LIVE_PREFIX) -> None:
    """The process's own tables: the facts it indexed, and where it gave up."""
    with db.transaction() as cursor:
        if db.is_postgres:
            # The API and the projector starting at once must not race on CREATE
            # TABLE (the read models' lock: facts are the read side's too).
            cursor.execute("SELECT pg_advisory_xact_lock(7305202612)")
        for statement in FACTS.ddl(prefix, postgres=db.is_postgres):
            cursor.execute(statement)
        create_stops_table(cursor, prefix, postgres=db.is_postgres)


def worker_facts(db: SqlDatabase, prefix: str, worker_id: UUID, as_of: int) -> WorkerFacts:
    """What the process has indexed of one worker, up to `as_of`."""
    return page_facts(db, prefix, [worker_id], as_of)[worker_id]


def page_facts(
    db: SqlDatabase, prefix: str, workers: list[UUID], as_of: int
) -> dict[UUID, WorkerFacts]:
    """The indexed facts of several workers up to `as_of`, in one query per
    500 workers (a page touches many; one query each was a tenth of the time)."""
    rows: list[FactRow] = []
    ids = sorted(str(w) for w in workers)
    with db.transaction(write=False) as cursor:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            cursor.execute(
                f"SELECT aggregate_id, version, position, worker_id, kind"  # noqa: S608
                f" FROM {prefix}{FACTS.name} WHERE position <= %s"
                f" AND worker_id IN ({', '.join(['%s'] * len(chunk))})",
                [as_of, *chunk],
            )
            rows += [
                FactRow(UUID(a), int(v), int(p), UUID(w), k) for a, v, p, w, k in cursor.fetchall()
            ]
    by_worker: dict[UUID, list[FactRow]] = {w: [] for w in workers}
    for row in rows:
        by_worker[row.worker_id].append(row)
    return {w: facts_from_rows(w, by_worker[w], as_of) for w in workers}


def process_position(journey: Journey) -> int:
    """How far the process has read the log (saved with its last page)."""
    return journey.tracked_position(POLICY_PROCESS)


def facts_when_caught_up(
    journey: Journey,
    db: SqlDatabase,
    worker_id: UUID,
    *,
    wanted: int,
    wait_seconds: float,
    prefix: str = LIVE_PREFIX,
) -> WorkerFacts:
    """The worker's facts once the process has read the log to `wanted` (the
    head when the caller asked): an evaluation on demand sees every write
    before it, and reads exactly what the process had indexed then."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.02
    while (reached := process_position(journey)) < wanted:
        if time.monotonic() >= deadline:
            raise PolicyProcessBehind(wanted, reached)
        time.sleep(delay)
        delay = min(delay * 2, 0.2)
    return worker_facts(db, prefix, worker_id, reached)


def indexed_workers(db: SqlDatabase, prefix: str = LIVE_PREFIX) -> list[UUID]:
    """Every worker the process has indexed facts of."""
    with db.transaction(write=False) as cursor:
        cursor.execute(
            f"SELECT DISTINCT worker_id FROM {prefix}{FACTS.name} ORDER BY worker_id"  # noqa: S608
        )
        return [UUID(row[0]) for row in cursor.fetchall()]


def reevaluate(journey: Journey, db: SqlDatabase, worker_id: UUID, as_of: int) -> int:
    """Evaluate one worker again on the facts up to `as_of` (e.g. after a new
    policy version) and record what changed; how many subsidies changed. A
    lost race is evaluated again (application/retries.py); the last one raised."""

    def attempt() -> int:
        changed = journey.subsidy_changes(worker_facts(db, LIVE_PREFIX, worker_id, as_of))
        journey.record_subsidy_changes(changed)
        return len(changed)

    return retry_lost_races(attempt, lost=(EvaluationRace,))
