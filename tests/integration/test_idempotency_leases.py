"""Idempotency reservations are leases: a server that died mid-request strands no
key, and a command that committed before the death is answered, not run again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from application import commands as c
from application.idempotency import IdempotentRequest, idempotent_request
from application.journey import Journey
from infrastructure.commit_markers import CommitMarkers
from infrastructure.idempotency import Claim, IdempotencyStore, StoredResponse, request_digest
from infrastructure.persistence import build_journey
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import database_url_for, settings_for
from tests.support.factories import CASEWORKER, register_command

KEY = ("tok_caller", "retry-0001")
FINGERPRINT = "f" * 64


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return settings_for(database_url_for(request.param, request, tmp_path))


@pytest.fixture
def db(settings: Settings, journey: Journey) -> Iterator[SqlDatabase]:
    """Our tables beside the event store's (the journey creates those)."""
    database = open_database(settings.database)
    create_tables(database)
    yield database
    database.close()


@pytest.fixture
def journey(settings: Settings) -> Iterator[Journey]:
    app = build_journey(settings)
    yield app
    app.close()


def _server(db: SqlDatabase, settings: Settings, lease: float = 10) -> IdempotencyStore:
    """The idempotency store of one server process."""
    return IdempotencyStore(
        db, settings.key_ring, CommitMarkers(settings.database), lease=timedelta(seconds=lease)
    )


def test_a_running_request_keeps_its_key(db: SqlDatabase, settings: Settings) -> None:
    running = _server(db, settings)
    assert running.reserve(*KEY, FINGERPRINT).claim is Claim.NEW

    retry = _server(db, settings).reserve(*KEY, FINGERPRINT)

    assert retry.claim is Claim.IN_PROGRESS
    assert 1 <= retry.retry_after <= 10


def test_a_key_whose_server_died_is_taken_over_once_its_lease_ran_out(
    db: SqlDatabase, settings: Settings
) -> None:
    died = _server(db, settings, lease=0)
    assert died.reserve(*KEY, FINGERPRINT).claim is Claim.NEW

    first, second = _server(db, settings), _server(db, settings)
    taken = first.reserve(*KEY, FINGERPRINT)
    again = second.reserve(*KEY, FINGERPRINT)

    assert taken.claim is Claim.NEW
    assert taken.committed is None  # nothing was recorded: the command runs, once
    assert again.claim is Claim.IN_PROGRESS  # only one retry takes it over


def test_renewing_keeps_a_long_request_from_being_taken_over(
    db: SqlDatabase, settings: Settings
) -> None:
    running = _server(db, settings, lease=0)
    running.reserve(*KEY, FINGERPRINT)
    running.lease = timedelta(seconds=30)

    running.renew(*KEY)

    assert _server(db, settings).reserve(*KEY, FINGERPRINT).claim is Claim.IN_PROGRESS


def test_a_command_that_committed_before_its_server_died_is_answered_not_run_again(
    db: SqlDatabase, settings: Settings, journey: Journey
) -> None:
    died = _server(db, settings, lease=0)
    died.reserve(*KEY, FINGERPRINT)
    with idempotent_request(IdempotentRequest(request_digest(*KEY))):
        recorded = journey.register_worker(register_command())
    # ... and the server died before it could keep the answer.

    taken = _server(db, settings).reserve(*KEY, FINGERPRINT)

    assert taken.claim is Claim.NEW
    assert taken.committed == recorded
    with idempotent_request(IdempotentRequest(request_digest(*KEY), taken.committed)):
        again = journey.register_worker(register_command())
    assert again == recorded
    assert len(list(journey.events.get(recorded.aggregate_id))) == 1


def test_a_change_that_committed_before_its_server_died_is_not_applied_twice(
    db: SqlDatabase, settings: Settings, journey: Journey
) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    service = c.RecordSupportService(
        actor=CASEWORKER, worker_id=worker_id, kind="holiday_visit", description=None, amount=None
    )
    _server(db, settings, lease=0).reserve(*KEY, FINGERPRINT)
    with idempotent_request(IdempotentRequest(request_digest(*KEY))):
        recorded = journey.record_support_service(service)

    taken = _server(db, settings).reserve(*KEY, FINGERPRINT)
    with idempotent_request(IdempotentRequest(request_digest(*KEY), taken.committed)):
        again = journey.record_support_service(service)

    assert again == recorded
    assert len(list(journey.events.get(worker_id))) == 2


def test_a_kept_answer_forgets_the_commit_marker(
    db: SqlDatabase, settings: Settings, journey: Journey
) -> None:
    server = _server(db, settings)
    server.reserve(*KEY, FINGERPRINT)
    with idempotent_request(IdempotentRequest(request_digest(*KEY))):
        journey.register_worker(register_command())

    server.complete(*KEY, StoredResponse(201, {"etag": '"1"'}, "{}"))

    markers = CommitMarkers(settings.database)
    with db.transaction(write=False) as cursor:
        assert markers.committed(cursor, request_digest(*KEY)) is None
    replay = _server(db, settings).reserve(*KEY, FINGERPRINT)
    assert replay.claim is Claim.REPLAY
    assert replay.response == StoredResponse(201, {"etag": '"1"'}, "{}")


def test_a_failed_request_whose_command_committed_is_handed_to_the_retry(
    db: SqlDatabase, settings: Settings, journey: Journey
) -> None:
    """Its answer was a 5xx (not kept), but the command is in the log: the retry
    answers what it recorded at once, instead of running it again."""
    server = _server(db, settings)
    server.reserve(*KEY, FINGERPRINT)
    with idempotent_request(IdempotentRequest(request_digest(*KEY))):
        recorded = journey.register_worker(register_command())

    server.release(*KEY)

    taken = _server(db, settings).reserve(*KEY, FINGERPRINT)
    assert taken.claim is Claim.NEW
    assert taken.committed == recorded


def test_a_failed_request_that_committed_nothing_is_forgotten(
    db: SqlDatabase, settings: Settings
) -> None:
    server = _server(db, settings)
    server.reserve(*KEY, FINGERPRINT)

    server.release(*KEY)

    assert server.reserve(*KEY, "another request" + "0" * 49).claim is Claim.NEW


def test_reservations_kept_before_leases_existed_are_taken_over(
    settings: Settings, journey: Journey
) -> None:
    """An upgraded database: its table had no lease, and a request of the old
    server that never finished must not keep its key for 24 hours."""
    db = open_database(settings.database)
    with db.transaction() as cursor:
        cursor.execute("DROP TABLE IF EXISTS idempotency_records")
        cursor.execute(
            "CREATE TABLE idempotency_records (namespace TEXT NOT NULL,"
            " idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
            " created_at TEXT NOT NULL, status INTEGER, headers TEXT, body TEXT,"
            " PRIMARY KEY (namespace, idempotency_key))"
        )
        cursor.execute(
            "INSERT INTO idempotency_records VALUES (%s, %s, %s, %s, NULL, NULL, NULL)",
            (*KEY, FINGERPRINT, "2026-12-01T00:00:00+00:00"),
        )
    create_tables(db)
    try:
        assert _server(db, settings).reserve(*KEY, FINGERPRINT).claim is Claim.NEW
    finally:
        db.close()
