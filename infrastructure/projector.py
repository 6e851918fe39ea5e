"""The projector: reads the event log in pages and keeps the read models up to date.

For each projection, a page is applied and its tracking position moved in one
transaction (compare-and-set on the old position), so every event is applied
exactly once, across crashes and even with two projectors running. An event a
projection cannot apply stops that projection, naming the log position; the
others go on. On PostgreSQL the projector wakes on the event store's NOTIFY and
polls as a fallback; it reconnects after losing the database; it owns its
connections and never borrows the API's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import structlog

from application.exceptions import DamagedRecord
from application.journey import Journey
from infrastructure.database_errors import is_database_unavailable
from infrastructure.readmodels.base import Notified, Projection, Store
from infrastructure.readmodels.tracking import (
    Tracked,
    advance,
    create_read_model_tables,
    read_tracking,
    record_failure,
)
from infrastructure.sql import SqlDatabase

log = structlog.get_logger()

Progress = Callable[[int, int], None]  # (position reached, head of the log)
# A page of decoded events, and the position and reason of an event that could
# not be decoded (the page stops before it).
Page = tuple[list[Notified], tuple[int, str] | None]


class Projector:
    def __init__(
        self,
        *,
        reader: Journey,
        db: SqlDatabase,
        projections: Sequence[Projection],
        prefix: str = "rm_",
        page_size: int = 1000,
        until: int | None = None,
    ) -> None:
        self.reader = reader
        self.until = until  # stop at this log position (verify compares at a fixed point)
        self._threads: ThreadPoolExecutor | None = None
        self._reader_thread: ThreadPoolExecutor | None = None
        self._ahead: tuple[int, Future[Page]] | None = None
        self.db = db
        self.projections = list(projections)
        self.prefix = prefix
        self.page_size = page_size
        create_read_model_tables(db, self.projections, prefix)

    # -- one page -----------------------------------------------------------------

    def tracking(self) -> dict[str, Tracked]:
        with self.db.transaction() as cursor:
            return read_tracking(cursor, self.prefix)

    def head(self) -> int:
        return int(self.reader.recorder.max_notification_id() or 0)

    def run_once(self) -> int:
        """Apply the next page to every projection that is behind; return how
        many (projection, event) applications were made."""
        tracked = self.tracking()
        active = [p for p in self.projections if tracked[p.name].error is None]
        if not active:
            return 0
        start = min(tracked[p.name].position for p in active)
        page, undecodable = self._page_after(start)
        work = []
        for projection in active:
            position = tracked[projection.name].position
            work.append((projection, position, [n for n in page if n.position > position]))
        applied = sum(self._apply_all([job for job in work if job[2]]))
        if undecodable is not None:
            last = page[-1].position if page else start
            for projection, position, mine in work:
                if (mine[-1].position if mine else position) == last:
                    self._fail(projection, *undecodable)
        return applied

    def _page_after(self, start: int) -> Page:
        """The page after `start`. While the read models apply one page, the next
        is read and decoded ahead (PostgreSQL), so the two overlap."""
        ahead, self._ahead = self._ahead, None
        page = ahead[1].result() if ahead is not None and ahead[0] == start else self._read(start)
        events, undecodable = page
        if self.db.is_postgres and len(events) == self.page_size and undecodable is None:
            if self._reader_thread is None:
                self._reader_thread = ThreadPoolExecutor(1, "log-reader")
            following = events[-1].position
            self._ahead = (following, self._reader_thread.submit(self._read, following))
        return page

    def _read(self, start: int) -> Page:
        notifications = self.reader.recorder.select_notifications(
            start=start + 1, limit=self.page_size, stop=self.until
        )
        return self._decode(notifications)

    def _apply_all(self, work: list[tuple[Projection, int, list[Notified]]]) -> list[int]:
        """On PostgreSQL the read models apply a page side by side, each in its
        own transaction: most of the time is spent waiting for the server."""
        if len(work) < 2 or not self.db.is_postgres:
            return [self._apply(*job) for job in work]
        if self._threads is None:
            self._threads = ThreadPoolExecutor(len(self.projections), "projection")
        return list(self._threads.map(lambda job: self._apply(*job), work))

    def close(self) -> None:
        for pool in (self._threads, self._reader_thread):
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        self._threads = self._reader_thread = None
        self._ahead = None

    def _decode(self, notifications: Sequence[Any]) -> Page:
        page: list[Notified] = []
        for n in notifications:
            try:
                page.append(Notified(n.id, self.reader.mapper.to_domain_event(n), n))
            except Exception as error:  # an event this code cannot read: stop before it
                return page, (n.id, f"cannot decode {n.topic}: {type(error).__name__}: {error}")
        return page, None

    def _apply(self, projection: Projection, position: int, page: list[Notified]) -> int:
        """Apply a page; if an event fails, apply the ones before it and stop the
        read model there. A database that is unavailable for now (a timeout, a
        lost connection) stops nothing: the error goes up and the page is
        applied again on the next try."""
        try:
            self._commit(projection, position, page)
            return len(page)
        except _Overtaken:
            return 0
        except Exception as error:  # find the event that fails, keep the ones before it
            if is_database_unavailable(error):
                raise
            log.warning(
                "projection_page_failed",
                projection=projection.name,
                from_position=page[0].position,
                to_position=page[-1].position,
            )
        for n in page:
            try:
                self._commit(projection, position, [n])
            except _Overtaken:
                return 0
            except Exception as error:
                if is_database_unavailable(error):
                    raise
                self._fail(projection, n.position, f"{type(error).__name__}: {error}")
                return 0
            position = n.position
        return len(page)

    def _commit(self, projection: Projection, position: int, page: list[Notified]) -> None:
        with self.db.transaction() as cursor:
            projection.apply(page, Store(cursor, self.prefix))
            if not advance(cursor, self.prefix, projection.name, position, page[-1].position):
                raise _Overtaken

    def _fail(self, projection: Projection, position: int, message: str) -> None:
        log.error(
            "projection_stopped", projection=projection.name, position=position, error=message
        )
        with self.db.transaction() as cursor:
            record_failure(cursor, self.prefix, projection.name, position, message)

    # -- loops ----------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Apply pages until every projection has reached the head of the log."""
        total = 0
        while applied := self.run_once():
            total += applied
            if progress is not None:
                tracked = self.tracking()
                progress(min(t.position for t in tracked.values()), self.head())
        return total

    def run_forever(self, stop: threading.Event, waiter: Waiter, poll_seconds: float) -> None:
        run_until_stopped([self.run_once], stop, waiter, poll_seconds)


# After an error (the database went away) the loop tries again after a pause
# growing to RETRY_MAX_SECONDS: the read models catch up about a second after
# the database is back, and an outage costs one attempt a second, no more.
RETRY_FIRST_SECONDS = 0.2
RETRY_MAX_SECONDS = 1.0
# While the database stays away, one log line this often, not one per attempt.
RETRY_LOG_EVERY_SECONDS = 30.0


def run_until_stopped(
    steps: Sequence[Callable[[], int]], stop: threading.Event, waiter: Waiter, poll_seconds: float
) -> None:
    """Run each step (a projector, the policy process) until none has work,
    then sleep until new events may be there. Each step returns how much it did."""
    outage = _Outage()
    while not stop.is_set():
        try:
            # Listen before looking: an event committed in between still wakes us.
            waiter.listen()
            done = sum(step() for step in steps)
            outage.over()
            if done:
                continue
            waiter.wait(poll_seconds)
        except Exception as error:  # the database went away: wait and try again
            pause = outage.failed(error)
            waiter.reset()
            stop.wait(pause)


class _Outage:
    """Counts failed attempts in a row, for the pause and the log."""

    def __init__(self) -> None:
        self.attempts = 0
        self.started = self.logged = 0.0

    def failed(self, error: Exception) -> float:
        now = time.monotonic()
        if self.attempts == 0:
            self.started = now
        pause = min(RETRY_FIRST_SECONDS * 2.0**self.attempts, RETRY_MAX_SECONDS)
        if self.attempts == 0 or now - self.logged >= RETRY_LOG_EVERY_SECONDS:
            self.logged = now
            log.warning(
                "projector_retrying",
                error_type=type(error).__name__,
                attempts=self.attempts + 1,
                failing_for_seconds=round(now - self.started, 1),
                retry_in_seconds=pause,
                # The policy process reads every event it needs: a damaged one stops it here.
                **_damage(error),
            )
        self.attempts += 1
        return pause

    def over(self) -> None:
        if self.attempts:
            log.info(
                "projector_recovered",
                attempts=self.attempts,
                failed_for_seconds=round(time.monotonic() - self.started, 1),
            )
            self.attempts = 0


def _damage(error: Exception) -> dict[str, object]:
    if not isinstance(error, DamagedRecord):
        return {}
    return {"record_id": str(error.record_id), "version": error.version, "position": error.position}


class Waiter:
    """Sleeps until new events may be there (polling)."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def listen(self) -> None:
        pass

    def wait(self, seconds: float) -> None:
        self.stop.wait(seconds)

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


class NotifyWaiter(Waiter):
    """Wakes on PostgreSQL NOTIFY from the event store, with polling as fallback."""

    def __init__(self, stop: threading.Event, connect: Callable[[], Any], channel: str) -> None:
        super().__init__(stop)
        self.connect = connect
        self.channel = channel
        self.connection: Any = None

    def listen(self) -> None:
        if self.connection is None:
            from psycopg import sql

            self.connection = self.connect()
            self.connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))

    def wait(self, seconds: float) -> None:
        self.listen()
        deadline = time.monotonic() + seconds
        while not self.stop.is_set() and time.monotonic() < deadline:
            # Short slices so a stop request is seen quickly.
            for _ in self.connection.notifies(timeout=min(0.2, seconds), stop_after=1):
                return

    def reset(self) -> None:
        self.close()

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            finally:
                self.connection = None


class _Overtaken(Exception):
    """Another projector applied this page first; ours was rolled back."""
