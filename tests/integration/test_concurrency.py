"""PostgreSQL: many clients writing the same worker at once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from application import commands as c
from application.exceptions import ConcurrentUpdate, VersionMismatch
from application.journey import Journey
from infrastructure.commit_markers import CommitMarkers
from infrastructure.idempotency import Claim, IdempotencyStore
from infrastructure.persistence import build_journey, event_store_env
from infrastructure.schema import create_tables
from infrastructure.sql import open_database
from tests.conftest import TEST_SECRET, settings_for
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import EVERYONE

CLIENTS = 8


@pytest.fixture
def journey(clean_postgres: str) -> Iterator[Journey]:
    settings = settings_for(clean_postgres).model_copy(
        update={"postgres_pool_size": CLIENTS, "postgres_max_overflow": 0}
    )
    app = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    yield app
    app.close()


def _race(action: Callable[[int], object]) -> list[object]:
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[object] = [None] * CLIENTS

    def client(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = action(i)
        except (ConcurrentUpdate, VersionMismatch) as refused:
            outcomes[i] = refused

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_racing_commands_each_land_once_or_are_refused(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id

    for _round in range(5):
        outcomes = _race(
            lambda i: journey.record_skills(
                c.RecordSkills(actor=CASEWORKER, worker_id=worker_id, skills=[f"skill-{i}"])
            )
        )
        assert all(o is not None for o in outcomes)

    events = journey.worker_events(worker_id, EVERYONE)
    assert [e.version for e in events] == list(range(1, len(events) + 1))
    landed = len(events) - 1
    assert landed >= 5  # at least one per round
    assert journey.worker_details(worker_id, EVERYONE).version == len(events)


def test_with_if_match_exactly_one_of_the_racers_lands(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id

    outcomes = _race(
        lambda i: journey.change_contact(
            c.ChangeContact(
                actor=CASEWORKER, worker_id=worker_id, mobile=f"1390000{i:04d}", expected_version=1
            )
        )
    )

    kinds = Counter(type(o).__name__ for o in outcomes)
    assert kinds["Recorded"] == 1
    assert kinds["Recorded"] + kinds["ConcurrentUpdate"] + kinds["VersionMismatch"] == CLIENTS
    events = journey.worker_events(worker_id, EVERYONE)
    assert [e.version for e in events] == [1, 2]


def test_racing_registrations_of_one_person_create_one_worker(journey: Journey) -> None:
    command = register_command()

    def register(_: int) -> object:
        try:
            return journey.register_worker(command)
        except Exception as error:  # DuplicateRegistration for all but one
            return error

    outcomes = _race(register)

    kinds = Counter(type(o).__name__ for o in outcomes)
    assert kinds == {"Recorded": 1, "DuplicateRegistration": CLIENTS - 1}


def test_one_idempotency_key_is_claimed_by_one_request(clean_postgres: str) -> None:
    settings = settings_for(clean_postgres)
    build_journey(settings).close()  # the event store's tables, commit markers among them
    db = open_database(settings.database)
    create_tables(db)
    store = IdempotencyStore(db, settings.key_ring, CommitMarkers(settings.database))
    try:
        claims = _race(lambda i: store.reserve("caller", "key-1", "same-request").claim)
    finally:
        db.close()
    assert Counter(claims) == {Claim.NEW: 1, Claim.IN_PROGRESS: CLIENTS - 1}
