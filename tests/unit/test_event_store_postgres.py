"""The event store's PostgreSQL wiring: each call tried once, every wait bounded.

Nothing here connects: the factory's pool is opened on first use.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eventsourcing import postgres
from eventsourcing.persistence import InfrastructureFactory

from infrastructure.database_timeouts import for_background, for_commands, for_requests
from infrastructure.event_store_postgres import (
    AggregateRecorder,
    ApplicationRecorder,
    Factory,
    ProcessRecorder,
    TrackingRecorder,
    retried_methods,
)
from infrastructure.persistence import event_store_env
from tests.conftest import settings_for

URL = "postgresql://someone@db.invalid:5432/laborbridge"


@pytest.fixture
def factory() -> Iterator[Factory]:
    settings = settings_for(URL, database_timeout_seconds=1.5)
    env = event_store_env(settings, for_requests(settings))
    made = InfrastructureFactory.construct({**env, "CIPHER_TOPIC": "", "CIPHER_KEY": ""})
    assert isinstance(made, Factory)
    yield made
    made.close()


def test_the_library_retries_ten_times_and_our_recorders_try_once() -> None:
    assert "insert_events" in retried_methods(postgres.PostgresProcessRecorder)
    for recorder in (AggregateRecorder, ApplicationRecorder, TrackingRecorder, ProcessRecorder):
        assert retried_methods(recorder) == []


def test_a_request_waits_the_bound_for_a_connection_a_lock_and_a_statement(
    factory: Factory,
) -> None:
    pool = factory.datastore.pool
    assert pool.timeout == 1.5
    assert pool.reconnect_timeout == 1.5  # not five minutes of growing pauses
    assert pool.kwargs is not None and not callable(pool.kwargs)
    assert pool.kwargs["connect_timeout"] == 2  # libpq counts whole seconds, at least 2
    assert "-c statement_timeout=1500" in pool.kwargs["options"]
    assert "-c lock_timeout=1500" in pool.kwargs["options"]


def test_background_work_may_run_longer_statements_and_shell_commands_have_no_limit() -> None:
    settings = settings_for(URL)
    background, commands = for_background(settings), for_commands(settings)
    assert background.checkout == settings.database_timeout_seconds  # notices an outage as fast
    assert background.statement is not None and background.statement > 2
    assert commands.checkout == settings.postgres_connect_timeout
    assert commands.session_options() == []
