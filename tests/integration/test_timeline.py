"""The timeline read model on SQLite and PostgreSQL, over a demo programme year."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from application.clock import SHANGHAI
from application.journey import Journey
from domain.actor import Role
from domain.late_entry import LATE_ENTRY_DAYS, entered_late
from domain.ledger_entry import LedgerEntry
from domain.scope import Scope
from domain.worker import Worker
from infrastructure.persistence import event_store_env
from infrastructure.projector import Projector
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.timeline import Timeline
from infrastructure.readmodels.timeline_queries import MAX_LIMIT, audit_events, worker_timeline
from infrastructure.readmodels.tracking import create_read_model_tables, read_tracking
from infrastructure.sql import SqlDatabase, open_database
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER, register_command

SEED = 500237
EVERYTHING = Scope.everything()  # these tests read every office's records


@dataclass
class Stores:
    journey: Journey
    db: SqlDatabase

    def project(self, prefix: str = "rm_", page_size: int = 1000) -> int:
        projector = Projector(
            reader=self.journey,
            db=self.db,
            projections=[Timeline()],
            prefix=prefix,
            page_size=page_size,
        )
        return projector.catch_up()

    def rows(self, table: str, prefix: str = "rm_") -> list[tuple[Any, ...]]:
        with self.db.transaction() as cursor:
            cursor.execute(f"SELECT * FROM {prefix}{table} ORDER BY 1")
            return [tuple(r) for r in cursor.fetchall()]

    def log(self) -> list[Any]:
        """Every notification of the log with its decoded event, in order."""
        notifications = self.journey.recorder.select_notifications(start=1, limit=1_000_000)
        return [(n.id, self.journey.mapper.to_domain_event(n)) for n in notifications]


@pytest.fixture(params=["sqlite", "postgres"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stores]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    db = open_database(settings.database)
    load_demo(journey, workers=60, seed=SEED)
    yield Stores(journey, db)
    journey.close()
    db.close()


def _owner(journey: Journey, aggregate_id: UUID, cache: dict[UUID, str | None]) -> str | None:
    """The worker whose record it is; None for a record of no worker's (the register of offices)."""
    if aggregate_id not in cache:
        record = journey.repository.get(aggregate_id)
        owner = record.id if isinstance(record, Worker) else getattr(record, "worker_id", None)
        cache[aggregate_id] = None if owner is None else str(owner)
    return cache[aggregate_id]


def test_catch_up_writes_one_row_per_event_at_the_logs_positions(stores: Stores) -> None:
    log = stores.log()

    applied = stores.project()

    rows = stores.rows("events")
    assert applied == len(log) == len(rows)
    assert [r[0] for r in rows] == [position for position, _ in log]
    with stores.db.transaction() as cursor:
        cursor.execute("SELECT position, aggregate_id, event_type FROM rm_events ORDER BY position")
        found = [(int(p), a, t) for p, a, t in cursor.fetchall()]
    assert found == [(p, str(e.originator_id), type(e).__qualname__) for p, e in log]


def test_every_event_is_attributed_to_the_worker_whose_record_it_is(stores: Stores) -> None:
    stores.project()
    owners: dict[UUID, str | None] = {}

    with stores.db.transaction() as cursor:
        cursor.execute("SELECT position, worker_id FROM rm_events ORDER BY position")
        attributed = {int(p): w for p, w in cursor.fetchall()}

    expected = {p: _owner(stores.journey, e.originator_id, owners) for p, e in stores.log()}
    assert attributed == expected


def test_every_event_of_a_workers_placement_is_in_that_workers_timeline(stores: Stores) -> None:
    stores.project()
    read_models = ReadModels(stores.db)
    placements = [e for _, e in stores.log() if type(e).__qualname__ == "Placement.Started"]
    assert len(placements) > 10

    for started in placements[:10]:
        page = worker_timeline(
            read_models, started.worker_id, Role.AUDITOR, limit=1000, scope=EVERYTHING
        )
        assert page is not None
        in_timeline = [e.position for e in page.entries if e.aggregate_id == started.originator_id]
        of_placement = audit_events(
            read_models, scope=EVERYTHING, aggregate=str(started.originator_id), limit=1000
        )
        assert in_timeline == [e.position for e in of_placement.entries]
        assert len(in_timeline) >= 2  # started, and at least one month confirmed


def test_pages_of_seven_give_exactly_the_rows_of_pages_of_a_thousand(stores: Stores) -> None:
    stores.project(prefix="big_", page_size=1000)
    stores.project(prefix="small_", page_size=7)

    for table in ("events", "owners"):
        assert stores.rows(table, "small_") == stores.rows(table, "big_")
    assert len(stores.rows("owners", "small_")) > 60


def test_a_second_catch_up_applies_nothing(stores: Stores) -> None:
    first = stores.project()
    before = stores.rows("events")

    assert first > 0
    assert stores.project() == 0
    assert stores.rows("events") == before


def test_a_workers_timeline_pages_by_position_without_gaps_or_repeats(stores: Stores) -> None:
    stores.project()
    read_models = ReadModels(stores.db)
    worker_id = next(e.originator_id for _, e in stores.log() if isinstance(e, Worker.Registered))
    whole = worker_timeline(read_models, worker_id, Role.MEDIATOR, limit=1000, scope=EVERYTHING)
    assert whole is not None and whole.next_after is None

    seen: list[int] = []
    after = 0
    while True:
        page = worker_timeline(
            read_models, worker_id, Role.MEDIATOR, after=after, limit=2, scope=EVERYTHING
        )
        assert page is not None
        seen += [e.position for e in page.entries]
        if page.next_after is None:
            break
        after = page.next_after

    assert seen == [e.position for e in whole.entries]
    assert len(seen) > 2


def test_an_unknown_worker_or_a_record_that_is_no_worker_has_no_timeline(stores: Stores) -> None:
    stores.project()
    read_models = ReadModels(stores.db)
    transfer = next(e for _, e in stores.log() if type(e).__qualname__ == "Transfer.Arranged")

    assert worker_timeline(read_models, UUID(int=1), Role.AUDITOR, scope=EVERYTHING) is None
    transfer_id = transfer.originator_id
    assert worker_timeline(read_models, transfer_id, Role.AUDITOR, scope=EVERYTHING) is None


# -- late entries (补录) and imported facts, for auditors --------------------------------

LEDGER = LedgerEntry(ledger_sha256="3f2a9c1d" + "e" * 56, sheet="劳务输出台账", row=12)


def _late_by_the_log(stores: Stores) -> set[int]:
    """The positions the rule flags, worked out from the log itself."""
    return {
        position
        for position, event in stores.log()
        if getattr(event, "occurred_on", None) is not None
        and entered_late(event.occurred_on, event.timestamp.astimezone(SHANGHAI).date())
    }


def _every_position(read_models: ReadModels, **filters: Any) -> list[int]:
    page = audit_events(read_models, scope=EVERYTHING, limit=MAX_LIMIT, **filters)
    positions = [e.position for e in page.entries]
    while page.next_after is not None:
        page = audit_events(
            read_models, scope=EVERYTHING, after=page.next_after, limit=MAX_LIMIT, **filters
        )
        positions += [e.position for e in page.entries]
    return positions


def test_events_recorded_over_30_days_after_their_business_date_are_flagged(
    stores: Stores,
) -> None:
    today = stores.journey.today()
    on_time = stores.journey.register_worker(register_command(occurred_on=today))
    stores.project()
    read_models = ReadModels(stores.db)
    late = _late_by_the_log(stores)

    flagged = _every_position(read_models, entered_late=True)
    others = _every_position(read_models, entered_late=False)

    assert late and flagged == sorted(late)  # the demo year is entered after the fact
    assert on_time.position in others and on_time.position not in flagged
    assert sorted(flagged + others) == [p for p, _ in stores.log()]
    entry = audit_events(read_models, scope=EVERYTHING, entered_late=True, limit=1).entries[0]
    assert entry.entered_late and entry.occurred_on is not None
    assert (
        entry.days_late == (entry.recorded_at.astimezone(SHANGHAI).date() - entry.occurred_on).days
    )
    assert entry.days_late > LATE_ENTRY_DAYS


def test_an_imported_fact_shows_its_ledger_row_and_is_found_by_the_imported_filter(
    stores: Stores,
) -> None:
    year_ago = stores.journey.today() - timedelta(days=365)
    imported = stores.journey.register_worker(
        register_command(actor=CASEWORKER.importing(LEDGER), occurred_on=year_ago)
    )
    stores.project()
    read_models = ReadModels(stores.db)

    found = audit_events(read_models, scope=EVERYTHING, imported=True).entries
    late_and_imported = audit_events(
        read_models, scope=EVERYTHING, imported=True, entered_late=True, type="Worker.Registered"
    ).entries
    by_hand = _every_position(read_models, imported=False)

    assert [e.position for e in found] == [imported.position]
    assert found[0].imported_from == LEDGER
    assert found[0].actor is not None and found[0].actor.user == CASEWORKER.user
    assert (found[0].entered_late, found[0].days_late) == (True, 365)
    assert [e.position for e in late_and_imported] == [imported.position]
    assert imported.position not in by_hand and len(by_hand) == len(stores.log()) - 1
    timeline = worker_timeline(
        read_models, imported.aggregate_id, Role.CASEWORKER, scope=EVERYTHING
    )
    assert timeline is not None and timeline.entries[0].imported_from == LEDGER


def test_a_timeline_without_the_flag_columns_is_rebuilt_from_the_start(stores: Stores) -> None:
    stores.project()
    before = stores.rows("events")
    with stores.db.transaction() as cursor:
        # As the table stood before late entries were flagged: no such columns, nor their index.
        cursor.execute("DROP INDEX rm_events_ix5")
        for column in ("entered_late", "days_late", "imported_sha256", "imported_sheet"):
            cursor.execute(f"ALTER TABLE rm_events DROP COLUMN {column}")
        cursor.execute("ALTER TABLE rm_events DROP COLUMN imported_row")

    create_read_model_tables(stores.db, [Timeline()], "rm_")
    with stores.db.transaction() as cursor:
        position = read_tracking(cursor, "rm_")["timeline"].position
    rebuilt = stores.project()

    assert position == 0 and rebuilt == len(stores.log())
    assert stores.rows("events") == before
