"""PostgreSQL: the projector survives losing its connections, and wakes on NOTIFY."""

from __future__ import annotations

import threading
import time

import psycopg

from application.journey import Journey
from infrastructure.persistence import event_store_env
from infrastructure.projector_service import ProjectorService
from tests.conftest import TEST_SECRET, settings_for
from tests.support.factories import register_command


def _wait_until(condition: object, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_projector_reconnects_after_its_connections_are_killed(clean_postgres: str) -> None:
    # A long poll interval: only NOTIFY can wake it quickly.
    settings = settings_for(clean_postgres, projector_poll_seconds=30)
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    service = ProjectorService(settings)
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=(stop,), daemon=True)
    runner.start()
    try:

        def caught_up() -> bool:
            head = journey.recorder.max_notification_id() or 0
            return bool(min(t.position for t in service.projector.tracking().values()) >= head)

        journey.register_worker(register_command())
        _wait_until(caught_up, 5)  # woken by NOTIFY, well before the 30 s poll

        with psycopg.connect(clean_postgres, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND application_name <> 'keep'"
            ).fetchone()
        assert killed is not None and killed[0] >= 1
        written = 0
        for _ in range(20):
            try:
                journey.register_worker(register_command())
                written += 1
            except Exception:  # our own pool lost its connections too: retry
                time.sleep(0.2)
            if written == 3:
                break
        assert written == 3
        _wait_until(caught_up, 30)
        assert runner.is_alive()
    finally:
        stop.set()
        runner.join(timeout=10)
        service.close()
        journey.close()
