"""PostgreSQL: the event store's writers wait for the table lock as long as the
session's lock_timeout, and a lock timeout is not retried."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest

from application.journey import Journey
from infrastructure.database_errors import is_database_unavailable
from infrastructure.database_timeouts import for_requests
from infrastructure.persistence import event_store_env
from tests.conftest import TEST_SECRET, settings_for
from tests.support.factories import register_command


@pytest.fixture
def journey(clean_postgres: str) -> Iterator[Journey]:
    settings = settings_for(clean_postgres, database_timeout_seconds=1)
    app = Journey(
        env=event_store_env(settings, for_requests(settings)), identity_key=TEST_SECRET.encode()
    )
    yield app
    app.close()


@pytest.mark.postgres
def test_the_table_lock_sets_no_lock_timeout_of_its_own(journey: Journey) -> None:
    statements = [s.as_string() for s in journey.recorder.lock_table_statements]  # type: ignore[attr-defined]
    assert statements == ['LOCK TABLE "public"."laborbridge_events" IN EXCLUSIVE MODE']


@pytest.mark.postgres
def test_a_save_behind_another_writers_table_lock_fails_once_as_unavailable(
    journey: Journey, clean_postgres: str
) -> None:
    journey.register_worker(register_command())
    outcome: list[BaseException] = []

    def save() -> None:
        try:
            journey.register_worker(register_command())
        except Exception as error:
            outcome.append(error)

    with psycopg.connect(clean_postgres) as writer:
        writer.execute("LOCK TABLE laborbridge_events IN EXCLUSIVE MODE")  # what writers take
        saving = threading.Thread(target=save, daemon=True)
        saving.start()
        # One try of 1 s; the library's ten tries would take over ten.
        saving.join(timeout=8)
        writer.rollback()
    assert not saving.is_alive(), "the save kept waiting for the lock"
    assert len(outcome) == 1 and is_database_unavailable(outcome[0])
