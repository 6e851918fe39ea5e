"""The case_files read model on SQLite and PostgreSQL: it agrees with the
aggregates, it does not depend on page boundaries, and a rebuild equals it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from application import commands as c
from application.journey import Journey
from domain.actor import Actor, Role
from domain.case_offices import CaseOffices
from domain.dispute import Dispute
from domain.placement import STABLE_EMPLOYMENT_MONTHS, Placement
from domain.scope import Scope
from domain.training import TrainingEnrollment
from domain.transfer import Transfer
from infrastructure.persistence import event_store_env
from infrastructure.projector import Projector
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_file_queries import summary_report
from infrastructure.readmodels.case_files import CaseFiles
from infrastructure.readmodels.subsidies import Subsidies
from infrastructure.readmodels.tracking import reset
from infrastructure.sql import SqlDatabase, open_database
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.offices import EVERYONE

Rows = dict[str, dict[str, dict[str, Any]]]
YANTAI = Actor("it.yantai", Role.CASEWORKER, "370600")


@dataclass
class Loaded:
    journey: Journey
    db: SqlDatabase


@dataclass
class Records:
    """Every aggregate of the log, loaded, grouped by worker."""

    workers: dict[UUID, Any] = field(default_factory=dict)
    children: dict[UUID, list[Any]] = field(default_factory=lambda: defaultdict(list))
    # The office of whoever created each record: the one its facts count for.
    offices: dict[UUID, str] = field(default_factory=dict)


@pytest.fixture(params=["sqlite", "postgres"])
def loaded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Loaded]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    load_demo(journey, workers=60, seed=11)
    db = open_database(settings.database)
    yield Loaded(journey, db)
    db.close()
    journey.close()


def _project(
    loaded: Loaded, *, prefix: str = "rm_", page_size: int = 1000, report: bool = False
) -> Projector:
    projector = Projector(
        reader=loaded.journey,
        db=loaded.db,
        # The report also reads the subsidies read model.
        projections=[CaseFiles(), Subsidies()] if report else [CaseFiles()],
        prefix=prefix,
        page_size=page_size,
    )
    projector.catch_up()
    return projector


def _rows(db: SqlDatabase, prefix: str = "rm_") -> Rows:
    rows: Rows = {}
    with db.transaction() as cursor:
        for table in CaseFiles.tables:
            names = [c.strip().split()[0] for c in table.columns.split(",")]
            cursor.execute(f"SELECT {', '.join(names)} FROM {prefix}{table.name}")
            found = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
            rows[table.name] = {r[table.key[0]]: r for r in found}
    return rows


def _records(journey: Journey) -> Records:
    records = Records()
    for n in journey.recorder.select_notifications(start=1, limit=1_000_000):
        if n.originator_version != 1:
            continue
        aggregate = journey.repository.get(n.originator_id)
        records.offices[aggregate.id] = journey.mapper.to_domain_event(n).actor.office
        if n.topic.endswith("Worker.Registered"):
            records.workers[aggregate.id] = aggregate
        elif hasattr(aggregate, "worker_id") and not isinstance(aggregate, CaseOffices):
            records.children[aggregate.worker_id].append(aggregate)
    return records


def _of(children: list[Any], kind: type) -> list[Any]:
    return [a for a in children if isinstance(a, kind)]


def _expected_stage(children: list[Any]) -> str:
    placements = _of(children, Placement)
    if any(p.stably_employed for p in placements):
        return "stably_employed"
    if placements:
        return "placed"
    if any(t.arrived_on for t in _of(children, Transfer)):
        return "transferred"
    if any(t.completed_on for t in _of(children, TrainingEnrollment)):
        return "trained"
    return "registered"


def _current_placement(children: list[Any]) -> str | None:
    active = [p for p in _of(children, Placement) if p.state.value == "active"]
    latest = max(active, key=lambda p: (p.started_on, str(p.id)), default=None)
    return None if latest is None else str(latest.id)


def test_every_case_file_agrees_with_the_worker_and_its_records(loaded: Loaded) -> None:
    _project(loaded)
    rows = _rows(loaded.db)
    records = _records(loaded.journey)

    assert len(rows["workers"]) == len(records.workers) == 60
    for worker_id, children in [(w, records.children[w]) for w in records.workers]:
        details = loaded.journey.worker_details(worker_id, EVERYONE)
        served = loaded.journey.served_by(worker_id, EVERYONE)
        row = rows["workers"][str(worker_id)]
        assert (row["poverty_status"], row["status"], row["name"]) == (
            details.poverty_status,
            details.status,
            details.name,
        )
        assert (row["id_number_masked"], row["township"], row["office"]) == (
            details.id_number,
            details.hukou_township,
            details.registered_by.office,
        )
        assert row["registered_on"] == details.registered_on.isoformat()
        assert (row["office"], row["host_office"]) == (served.home_office, served.host_office)
        assert row["stage"] == _expected_stage(children)
        placements = _of(children, Placement)
        assert row["confirmed_months"] == sum(len(p.confirmations) for p in placements)
        assert row["current_placement_id"] == _current_placement(children)
        assert row["open_disputes"] == sum(
            d.status.value != "closed" for d in _of(children, Dispute)
        )
        for p in placements:
            stored = rows["placements"][str(p.id)]
            assert stored["months"] == ",".join(p.confirmed_months)
            assert (stored["longest_run"], stored["stable"]) == (
                p.longest_consecutive_run,
                int(p.stably_employed),
            )
            assert stored["state"] == p.state.value
        for d in _of(children, Dispute):
            stored = rows["disputes"][str(d.id)]
            assert stored["status"] == d.status.value
            assert Decimal(stored["amount_claimed_fen"]) / 100 == d.amount_claimed
            # A reopening starts a new mediation period: the register follows it.
            assert stored["mediation_due_on"] == d.mediation_due_on.isoformat()
    assert {r["stage"] for r in rows["workers"].values()} >= {"registered", "stably_employed"}


def test_pages_of_seven_give_exactly_the_rows_of_pages_of_a_thousand(loaded: Loaded) -> None:
    small = _project(loaded, prefix="rm7_", page_size=7)
    _project(loaded, prefix="rm1000_", page_size=1000)

    by_sevens, by_thousands = _rows(loaded.db, "rm7_"), _rows(loaded.db, "rm1000_")

    # Every table has rows, but the handovers: the demo year offers none.
    assert all(by_thousands[table] for table in by_thousands if table != "handovers")
    assert by_sevens == by_thousands
    assert small.catch_up() == 0  # nothing is applied twice
    assert _rows(loaded.db, "rm7_") == by_sevens


def test_a_rebuild_from_the_log_equals_the_tables_kept_up_to_date(loaded: Loaded) -> None:
    projector = _project(loaded, page_size=50)
    journey = loaded.journey
    active = next(
        p
        for children in _records(journey).children.values()
        for p in _of(children, Placement)
        if p.state.value == "active"
    )
    journey.end_placement(
        c.EndPlacement(actor=YANTAI, placement_id=active.id, reason="合同期满", occurred_on=None)
    )
    assert projector.catch_up() == 1
    live = _rows(loaded.db)

    with loaded.db.transaction() as cursor:
        reset(cursor, "rm_", CaseFiles())
    assert _rows(loaded.db)["workers"] == {}
    projector.catch_up()

    assert _rows(loaded.db) == live
    assert live["placements"][str(active.id)]["state"] == "ended"


def _stable_year(p: Placement) -> int | None:
    run, previous = 0, None
    for month in p.confirmed_months:
        index = int(month[:4]) * 12 + int(month[5:7])
        run = run + 1 if previous is not None and index == previous + 1 else 1
        previous = index
        if run == STABLE_EMPLOYMENT_MONTHS:
            return int(month[:4])
    return None


def _expected_figures(records: Records, year: int, township: str | None) -> dict[str, Any]:
    counts: dict[str, Any] = defaultdict(int)
    stable, placed_after = set(), set()
    for worker_id, w in records.workers.items():
        if township is not None and w.hukou_township != township:
            continue
        children = records.children[worker_id]
        counts["registered_workers"] += w.registered_on.year == year
        starts = [p.started_on for p in _of(children, Placement)]
        for t in _of(children, TrainingEnrollment):
            if t.completed_on and t.completed_on.year == year:
                counts["training_person_times"] += 1
                if any(s >= t.completed_on for s in starts):
                    placed_after.add(worker_id)
        for t in _of(children, Transfer):
            if t.arrived_on and t.arrived_on.year == year:
                counts["organised_transfers"] += 1
                lifted = w.poverty_status.value == "lifted_out_of_poverty"
                counts["organised_transfers_lifted_out_of_poverty"] += lifted
        for p in _of(children, Placement):
            counts[f"placements_{p.kind.value}"] += p.started_on.year == year
            if p.kind.value == "cross_province" and _stable_year(p) == year:
                stable.add((records.offices[p.id], worker_id))  # once per office
        for d in _of(children, Dispute):
            if d.opened_on.year == year:
                counts["disputes_handled"] += 1
                counts["dispute_amount_claimed"] += d.amount_claimed
                counts["dispute_amount_recovered"] += d.amount_recovered or 0
    counts["trained_then_placed"] = len(placed_after)
    counts["stably_employed_in_partner_province"] = len(stable)
    return dict(counts)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_summary_report_counts_what_the_aggregates_say(loaded: Loaded, year: int) -> None:
    _project(loaded, report=True)
    records = _records(loaded.journey)
    read_models = ReadModels(loaded.db)
    township = next(iter(records.workers.values())).hukou_township

    for where in (None, township):
        report = summary_report(read_models, scope=Scope.everything(), year=year, township=where)
        # Subsidy figures: tests/integration/test_subsidies_read_model.py
        figures = {f.key: f.value for f in report.figures if not f.key.startswith("subsidy_")}
        expected = _expected_figures(records, year, where)
        assert {k: v for k, v in figures.items() if v} == {k: v for k, v in expected.items() if v}
    everything = summary_report(read_models, scope=Scope.everything(), year=2025)
    assert {f.key: f.value for f in everything.figures}["organised_transfers"] > 0
    # An office that recorded nothing of the programme.
    elsewhere = summary_report(read_models, scope=Scope.of_office("110101"), year=2025)
    assert all(f.value == 0 for f in elsewhere.figures)
    assert [f.key for f in elsewhere.figures] == [f.key for f in everything.figures]
