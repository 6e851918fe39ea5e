"""PostgreSQL: the projector wakes on NOTIFY, and listens again after losing its connections.

Polling is switched off (an infinite poll interval), and each write is made only
once the projector is asleep in its waiter: from then on, only a notification
can wake it. With the LISTEN taken out, both waits below time out.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

import psycopg

from application.journey import Journey
from infrastructure.persistence import event_store_env
from infrastructure.projector import Waiter, run_until_stopped
from infrastructure.projector_service import ProjectorService
from tests.conftest import TEST_SECRET, settings_for
from tests.support.factories import register_command

NEVER = math.inf  # no poll: the projector sleeps until notified


class WatchedWaiter(Waiter):
    """The service's own waiter, telling the test when the projector sleeps,
    how often a notification woke it and how often it lost its connection."""

    def __init__(self, inner: Waiter) -> None:
        super().__init__(inner.stop)
        self.inner = inner
        self.asleep = threading.Event()
        self.wakeups = 0
        self.resets = 0

    def listen(self) -> None:
        self.inner.listen()

    def wait(self, seconds: float) -> None:
        self.asleep.set()
        try:
            self.inner.wait(seconds)
        finally:
            self.asleep.clear()
        if not self.stop.is_set():
            self.wakeups += 1  # no poll and no stop: only a notification ends a wait

    def reset(self) -> None:
        self.resets += 1
        self.inner.reset()

    def close(self) -> None:
        self.inner.close()


def _wait_until(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _register(journey: Journey) -> None:
    """One registration; our own pool may have lost its connections: try again."""
    for _ in range(20):
        try:
            journey.register_worker(register_command())
            return
        except Exception:
            time.sleep(0.2)
    raise AssertionError("could not register a worker after the connections were killed")


def test_a_notify_wakes_the_projector_also_after_its_connections_are_killed(
    clean_postgres: str,
) -> None:
    settings = settings_for(clean_postgres)
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    service = ProjectorService(settings)
    stop = threading.Event()
    waiter = WatchedWaiter(service.waiter(stop))
    runner = threading.Thread(
        target=run_until_stopped, args=(service.steps(), stop, waiter, NEVER), daemon=True
    )
    runner.start()

    def caught_up() -> bool:
        head = journey.recorder.max_notification_id() or 0
        return bool(min(t.position for t in service.projector.tracking().values()) >= head)

    try:
        _wait_until(waiter.asleep.is_set)  # at the (empty) head, asleep
        journey.register_worker(register_command())
        _wait_until(caught_up)
        assert waiter.wakeups >= 1
        assert waiter.resets == 0  # woken by the notification, not by an error

        with psycopg.connect(clean_postgres, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
        assert killed is not None and killed[0] >= 1
        # It notices, connects again and goes back to sleep, listening anew.
        _wait_until(lambda: waiter.resets >= 1 and waiter.asleep.is_set())
        woken, resets = waiter.wakeups, waiter.resets

        for _ in range(3):
            _register(journey)
        _wait_until(caught_up)
        assert waiter.wakeups > woken
        assert waiter.resets == resets
        assert runner.is_alive()
    finally:
        stop.set()
        runner.join(timeout=10)
        waiter.close()
        service.close()
        journey.close()
