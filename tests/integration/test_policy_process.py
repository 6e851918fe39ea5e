"""The subsidy policy process on SQLite and PostgreSQL: reads the log once,
records each entitlement once — also when evaluations race it and each other."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest

from application import commands as c
from application.exceptions import EvaluationRace
from application.journey import Journey
from domain.subsidy import Subsidy
from infrastructure.persistence import event_store_env
from infrastructure.policy_process import POLICY_PROCESS, SubsidyPolicyProcess, worker_facts
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER
from tests.support.subsidies import confirm, facts_from_log, transferred_worker

CLIENTS = 8


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Journey, SqlDatabase]]:
    settings = settings_for(database_url_for(request.param, request, tmp_path)).model_copy(
        update={"postgres_pool_size": CLIENTS + 2, "postgres_max_overflow": 0}
    )
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    db = open_database(settings.database)
    yield journey, db
    journey.close()
    db.close()


def assessed(journey: Journey) -> Counter[str]:
    """How many times each subsidy was assessed, over the whole log."""
    counts: Counter[str] = Counter()
    for n in journey.recorder.select_notifications(start=1, limit=1_000_000):
        if n.topic.endswith(":Subsidy.Assessed"):
            counts[str(n.originator_id)] += 1
    return counts


def unrecorded(journey: Journey, workers: list[UUID]) -> list[Subsidy]:
    """What evaluating each worker's whole history in the log would still change:
    an entitlement missing, one recorded that the history does not support, or
    one recorded for another amount. Empty when the recorded subsidies are
    exactly what the rules give."""
    return [s for w in workers for s in journey.subsidy_changes(facts_from_log(journey, w))]


def test_the_process_records_every_entitlement_once_and_its_position_with_them(
    world: tuple[Journey, SqlDatabase],
) -> None:
    journey, db = world
    stories = [transferred_worker(journey, months=m) for m in (4, 6, 8)]
    process = SubsidyPolicyProcess(journey, db, page_size=7)  # many small pages

    process.catch_up()
    head = journey.recorder.max_notification_id()
    again = SubsidyPolicyProcess(journey, db, page_size=50)  # a restart reads nothing twice

    assert again.run_once() == 0
    assert process.position() == head
    counts = assessed(journey)
    assert unrecorded(journey, [s.worker_id for s in stories]) == []
    # 1 transport each; the stable ones 6 months + life adaptation (6 and 8 months: cap 6000).
    assert len(counts) == 3 + 2 * (6 + 1)
    facts = worker_facts(db, LIVE_PREFIX, stories[1].worker_id, head)
    assert len(facts.subsidies) == 8


def test_a_page_whose_save_failed_is_read_again_and_nothing_is_lost(
    world: tuple[Journey, SqlDatabase],
) -> None:
    journey, db = world
    story = transferred_worker(journey, months=6)
    process = SubsidyPolicyProcess(journey, db, page_size=1000)
    failing = journey.record_subsidy_changes

    def crash(*args: object, **kwargs: object) -> None:
        raise ConnectionError("the database went away mid-commit")

    journey.record_subsidy_changes = crash  # type: ignore[method-assign]
    with pytest.raises(ConnectionError):
        process.run_once()
    journey.record_subsidy_changes = failing  # type: ignore[method-assign]

    assert process.position() == 0 and not assessed(journey)
    process.catch_up()
    assert len(assessed(journey)) == 8
    assert unrecorded(journey, [story.worker_id]) == []
    assert journey.tracked_position(POLICY_PROCESS) == journey.recorder.max_notification_id()
    assert len(worker_facts(db, LIVE_PREFIX, story.worker_id, 10**9).subsidies) == 8


def test_racing_evaluations_and_the_process_record_each_entitlement_once(
    world: tuple[Journey, SqlDatabase],
) -> None:
    journey, db = world
    stories = [transferred_worker(journey, months=6) for _ in range(2)]
    confirm(journey, stories[0], "2026-09")  # past the cap: nothing more for that month
    facts = {s.worker_id: facts_from_log(journey, s.worker_id) for s in stories}
    process = SubsidyPolicyProcess(journey, db, page_size=5)  # from the start, page by page
    barrier = threading.Barrier(CLIENTS + 1)
    outcomes: list[object] = [None] * CLIENTS

    def client(i: int) -> None:
        worker_id = stories[i % 2].worker_id
        barrier.wait()
        try:
            outcomes[i] = journey.evaluate_subsidies(
                c.EvaluateSubsidies(actor=CASEWORKER, worker_id=worker_id), facts[worker_id]
            )
        except EvaluationRace as race:  # lost five races in a row: nothing saved
            outcomes[i] = race

    def the_process() -> None:
        barrier.wait()
        process.catch_up()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    threads.append(threading.Thread(target=the_process))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert not any(t.is_alive() for t in threads)
    assert all(o is not None for o in outcomes)
    counts = assessed(journey)
    assert len(counts) == 16
    assert unrecorded(journey, [s.worker_id for s in stories]) == []
    for subsidy_id in counts:  # and no evaluation changed what another recorded
        assert journey.subsidy(UUID(subsidy_id)).version == 1
    process.catch_up()
    assert process.position() == journey.recorder.max_notification_id()
