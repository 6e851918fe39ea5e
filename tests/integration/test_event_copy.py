"""PostgreSQL: a save of many events is one binary COPY under the table lock,
with the library's guarantees: every event or none, positions in save order,
committed after any writer already holding the lock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError

from application.journey import Journey
from infrastructure.database_timeouts import for_background
from infrastructure.event_copy import COPY_FROM_EVENTS, CopiedInsert
from infrastructure.persistence import event_store_env
from tests.conftest import TEST_SECRET, settings_for


class Tally(Aggregate):
    """A record of the test's own, so the events are the test's only."""

    @event("Started")
    def __init__(self, label: str) -> None:
        self.label = label
        self.count = 0

    @event("Counted")
    def count_one(self) -> None:
        self.count += 1


@pytest.fixture
def journey(clean_postgres: str) -> Iterator[Journey]:
    settings = settings_for(clean_postgres, database_timeout_seconds=5)
    app = Journey(
        env=event_store_env(settings, for_background(settings)), identity_key=TEST_SECRET.encode()
    )
    yield app
    app.close()


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each save written by COPY."""
    made: list[int] = []
    copy = CopiedInsert._copy_events

    def counted(self: CopiedInsert, stored_events: list[object]) -> list[int]:
        made.append(len(stored_events))
        return copy(self, stored_events)  # type: ignore[arg-type]

    monkeypatch.setattr(CopiedInsert, "_copy_events", counted)
    return made


def tallies(count: int, label: str = "t") -> list[Tally]:
    return [Tally(f"{label}{i}") for i in range(count)]


@pytest.mark.postgres
def test_a_big_save_is_copied_and_reads_back_in_the_order_saved(
    journey: Journey, copies: list[int]
) -> None:
    small = tallies(3, "small")
    journey.save(*small)  # below the threshold: the library's INSERT
    big = tallies(COPY_FROM_EVENTS)
    for tally in big[:10]:
        tally.count_one()
    recordings = journey.save(*big)
    assert copies == [COPY_FROM_EVENTS + 10]
    positions = [r.notification.id for r in recordings]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert positions[0] > max(n.id for n in journey.recorder.select_notifications(1, 3))
    logged = journey.recorder.select_notifications(positions[0], limit=len(positions))
    assert [(n.originator_id, n.originator_version) for n in logged] == [
        (r.domain_event.originator_id, r.domain_event.originator_version) for r in recordings
    ]
    assert journey.repository.get(big[0].id).count == 1
    assert journey.repository.get(big[-1].id).label == f"t{COPY_FROM_EVENTS - 1}"


@pytest.mark.postgres
def test_a_big_save_colliding_with_one_record_writes_nothing(
    journey: Journey, copies: list[int]
) -> None:
    kept = Tally("kept")
    journey.save(kept)
    stale: Tally = journey.repository.get(kept.id)
    kept.count_one()
    journey.save(kept)
    stale.count_one()  # the same version as the one just saved
    head = journey.recorder.max_notification_id()
    with pytest.raises(IntegrityError):
        journey.save(*tallies(COPY_FROM_EVENTS), stale)
    assert copies == [COPY_FROM_EVENTS + 1]
    assert journey.recorder.max_notification_id() == head
    assert journey.repository.get(kept.id).count == 1


@pytest.mark.postgres
def test_a_big_save_waits_for_a_writer_holding_the_lock_and_follows_it(
    journey: Journey, clean_postgres: str, copies: list[int]
) -> None:
    journey.save(Tally("first"))
    saved: list[int] = []
    with psycopg.connect(clean_postgres) as writer:
        writer.execute("LOCK TABLE laborbridge_events IN EXCLUSIVE MODE")
        saving = threading.Thread(
            target=lambda: saved.extend(
                r.notification.id for r in journey.save(*tallies(COPY_FROM_EVENTS))
            ),
            daemon=True,
        )
        saving.start()
        time.sleep(0.5)
        assert saving.is_alive() and not saved  # behind the lock
        writer.execute(
            "INSERT INTO laborbridge_events (originator_id, originator_version, topic, state)"
            " VALUES (gen_random_uuid(), 1, 'none', '')"
        )
        writer.commit()
        held = writer.execute("SELECT max(notification_id) FROM laborbridge_events").fetchone()
    saving.join(timeout=10)
    assert not saving.is_alive()
    assert held is not None and min(saved) > held[0]
    assert len(saved) == COPY_FROM_EVENTS and copies == [COPY_FROM_EVENTS]
