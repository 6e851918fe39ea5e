"""Running the projector: in a thread of the API process, or as its own process."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import psycopg
import structlog

from application.journey import Journey
from infrastructure.database_timeouts import DatabaseTimeouts, for_background, for_commands
from infrastructure.event_binding import bind_journey
from infrastructure.persistence import event_store_env
from infrastructure.policy_process import SubsidyPolicyProcess
from infrastructure.projector import NotifyWaiter, Projector, Waiter, run_until_stopped
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.readmodels.base import Projection
from infrastructure.readmodels.registry import all_projections
from infrastructure.settings import Settings
from infrastructure.sql import SqlDatabase, open_database

log = structlog.get_logger()


def open_reader(settings: Settings, timeouts: DatabaseTimeouts | None = None) -> Journey:
    """The projector's own view of the event store, with its own connections."""
    # One connection reads pages ahead, one serves the projector and the policy
    # process (which also writes: subsidies and its position in the log).
    small = settings.model_copy(update={"postgres_pool_size": 3, "postgres_max_overflow": 0})
    reader = Journey(
        env=event_store_env(small, timeouts),
        identity_key=settings.identity_key,
        policies=settings.policies,
    )
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        bind_journey(reader, db)  # which stored events may be unbound (LBE1)
    except BaseException:
        reader.close()
        raise
    finally:
        db.close()
    return reader


class ProjectorService:
    """Owns a projector and everything it holds open."""

    def __init__(
        self,
        settings: Settings,
        *,
        projections: Sequence[Projection] | None = None,
        prefix: str = LIVE_PREFIX,
        until: int | None = None,
        db: SqlDatabase | None = None,
        with_policy: bool | None = None,
        timeouts: DatabaseTimeouts | None = None,
    ) -> None:
        """`with_policy`: also run the subsidy policy process (by default when
        keeping the live read models, never when rebuilding into scratch tables).
        `timeouts`: a shell command's by default; `for_background` to run live."""
        self.settings = settings
        self.timeouts = timeouts or for_commands(settings)
        self.reader = open_reader(settings, self.timeouts)
        self._own_db = db is None
        # Read models are rebuilt from the log, and a page's rows and its tracking
        # position commit together: a crash can lose the last pages only whole,
        # and they are applied again. So the projector need not wait for fsync.
        self.db = db or open_database(settings.database, self.timeouts, synchronous_commit=False)
        self.projector = Projector(
            reader=self.reader,
            db=self.db,
            projections=list(projections) if projections is not None else all_projections(),
            prefix=prefix,
            page_size=settings.projector_page_size,
            until=until,
        )
        if with_policy is None:
            with_policy = projections is None and prefix == LIVE_PREFIX and until is None
        self.policy = SubsidyPolicyProcess(self.reader, self.db) if with_policy else None

    def steps(self) -> list[Callable[[], int]]:
        steps = [self.projector.run_once]
        if self.policy is not None:
            steps.append(self.policy.run_once)
        return steps

    def catch_up(self) -> int:
        """Bring the read models and the policy process to the head of the log."""
        total = 0
        while done := sum(step() for step in self.steps()):
            total += done
        return total

    def waiter(self, stop: threading.Event) -> Waiter:
        url = self.settings.database
        if not url.is_postgres:
            return Waiter(stop)  # SQLite has no NOTIFY: poll

        def connect() -> psycopg.Connection[tuple[object, ...]]:
            return psycopg.connect(
                host=url.host,
                port=url.port,
                dbname=url.dbname,
                user=url.user,
                password=url.password,
                connect_timeout=self.timeouts.connect_seconds,
                autocommit=True,
            )

        channel = str(getattr(self.reader.recorder, "channel_name", "laborbridge_events"))
        return NotifyWaiter(stop, connect, channel)

    def run(self, stop: threading.Event) -> None:
        waiter = self.waiter(stop)
        log.info(
            "projector_started",
            projections=[p.name for p in self.projector.projections],
            policy_process=self.policy is not None,
        )
        try:
            run_until_stopped(self.steps(), stop, waiter, self.settings.projector_poll_seconds)
        finally:
            waiter.close()
            log.info("projector_stopped")

    def close(self) -> None:
        self.projector.close()
        self.reader.close()
        if self._own_db:
            self.db.close()


class ProjectorThread:
    """The projector inside the API process (`make run`), stopped with it."""

    def __init__(self, settings: Settings) -> None:
        self.service = ProjectorService(settings, timeouts=for_background(settings))
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=self.service.run, args=(self.stop,), name="projector", daemon=True
        )

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        self.service.close()
