"""The subsidies read model on SQLite and PostgreSQL: its rows agree with the
aggregates through approvals, payments, withdrawals, overpayments and
reassessments; pages do not matter; a rebuild equals it; the timeline knows
whose subsidy each event is; the report counts what the aggregates say."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from application import commands as c
from application.journey import Journey
from domain.scope import Scope
from domain.subsidy import Subsidy, SubsidyStatus
from infrastructure.persistence import event_store_env
from infrastructure.projector import Projector
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_file_queries import summary_report
from infrastructure.readmodels.registry import all_projections
from infrastructure.readmodels.subsidies import Subsidies
from infrastructure.readmodels.tracking import reset
from infrastructure.readmodels.verify import rows
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER
from tests.support.subsidies import YANTAI, Story, facts_from_log, transferred_worker

Rows = dict[str, dict[str, Any]]


@dataclass
class World:
    journey: Journey
    db: SqlDatabase
    stories: list[Story]


def _evaluate(journey: Journey, story: Story) -> dict[str, Subsidy]:
    facts = facts_from_log(journey, story.worker_id)
    journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=CASEWORKER, worker_id=story.worker_id), facts
    )
    found = facts_from_log(journey, story.worker_id).subsidies
    return {s.basis: s for s in (journey.subsidy(i) for i in found)}


def _decide(journey: Journey, subsidy: Subsidy, *, pay: str | None = None) -> None:
    """Approved (and paid) on the day it arose: the report counts them in 2026
    whatever year the tests run in."""
    on = subsidy.arose_on
    journey.approve_subsidy(
        c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=subsidy.id, occurred_on=on)
    )
    if pay is not None:
        journey.pay_subsidy(
            c.PaySubsidy(actor=CASEWORKER, subsidy_id=subsidy.id, payment_reference=pay, paid_on=on)
        )


def _withdraw_may(journey: Journey, story: Story) -> None:
    # Months are confirmed and withdrawn where the worker works: Yantai.
    journey.withdraw_month(
        c.WithdrawMonth(
            actor=YANTAI, placement_id=story.placement_id, month="2026-05", reason="工资表有误"
        )
    )


def _play(journey: Journey) -> list[Story]:
    """Three workers through every transition of a subsidy."""
    paid, corrected, general = (
        transferred_worker(journey, months=6),
        transferred_worker(journey, months=6),
        transferred_worker(journey, months=7, poverty_status="general"),
    )
    first = _evaluate(journey, paid)
    transport = next(s for b, s in first.items() if b.startswith("transfer:"))
    _decide(journey, transport, pay="YT-0001")
    _decide(journey, first["month:2026-03"], pay="YT-0002")
    journey.reject_subsidy(
        c.RejectSubsidy(actor=CASEWORKER, subsidy_id=first["once"].id, reason="材料不全")
    )
    _withdraw_may(journey, paid)  # March was paid: overpaid; April to August withdrawn
    _evaluate(journey, paid)

    second = _evaluate(journey, corrected)
    _decide(journey, second["once"])
    _decide(journey, next(s for b, s in second.items() if b.startswith("transfer:")))
    _withdraw_may(journey, corrected)
    _evaluate(journey, corrected)
    journey.confirm_month(
        c.ConfirmMonth(
            actor=YANTAI,
            placement_id=corrected.placement_id,
            month="2026-05",
            evidence="bank_statement",
        )
    )
    _evaluate(journey, corrected)  # reassessed

    (only,) = _evaluate(journey, general).values()
    journey.revoke_subsidy(c.RevokeSubsidy(actor=CASEWORKER, subsidy_id=only.id, reason="重复"))
    return [paid, corrected, general]


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    db = open_database(settings.database)
    yield World(journey, db, _play(journey))
    db.close()
    journey.close()


def _project(world: World, *, prefix: str = "rm_", page_size: int = 1000) -> Projector:
    projector = Projector(
        reader=world.journey,
        db=world.db,
        projections=all_projections(),
        prefix=prefix,
        page_size=page_size,
    )
    projector.catch_up()
    return projector


def _subsidy_rows(db: SqlDatabase, prefix: str = "rm_") -> Rows:
    with db.transaction() as cursor:
        cursor.execute(f"SELECT * FROM {prefix}subsidies")
        names = [d.split()[0] for d in Subsidies.tables[0].columns.split(",")]
        found = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    return {r["subsidy_id"]: r for r in found}


def _all_subsidies(journey: Journey, stories: list[Story]) -> list[Subsidy]:
    ids = [i for s in stories for i in facts_from_log(journey, s.worker_id).subsidies]
    return [journey.subsidy(i) for i in ids]


def _fen(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * 100)


def test_every_row_says_what_its_subsidy_says(world: World) -> None:
    _project(world)
    stored = _subsidy_rows(world.db)
    subsidies = _all_subsidies(world.journey, world.stories)

    assert len(stored) == len(subsidies) == 17
    for s in subsidies:
        row = stored[str(s.id)]
        assert (row["worker_id"], row["office"], row["township"]) == (
            str(s.worker_id),
            "500237",
            "骡坪镇",
        )
        assert (row["kind"], row["basis"], row["status"]) == (s.kind.value, s.basis, s.status.value)
        assert (row["amount_fen"], row["paid_amount_fen"], row["overpaid_fen"]) == (
            _fen(s.amount),
            _fen(s.paid_amount),
            _fen(s.overpaid_amount),
        )
        assert (row["arose_on"], row["policy_version"]) == (
            s.arose_on.isoformat(),
            s.policy_version,
        )
        assert row["decided_on"] == (s.decided_on.isoformat() if s.decided_on else None)
        assert (row["payment_reference"], row["version"]) == (s.payment_reference, s.version)
    assert {r["status"] for r in stored.values()} == {s.value for s in SubsidyStatus}


def test_pages_of_three_give_exactly_the_rows_of_pages_of_a_thousand(world: World) -> None:
    small = _project(world, prefix="rm3_", page_size=3)
    _project(world, prefix="rm1000_", page_size=1000)

    for table in Subsidies.tables:
        assert rows(world.db, table, "rm3_") == rows(world.db, table, "rm1000_")
    assert small.catch_up() == 0


def test_a_rebuild_from_the_log_equals_the_tables_kept_up_to_date(world: World) -> None:
    projector = _project(world, page_size=40)
    paid = world.stories[0]
    march = next(s for s in _all_subsidies(world.journey, [paid]) if s.basis == "month:2026-03")
    world.journey.revoke_subsidy(
        c.RevokeSubsidy(actor=CASEWORKER, subsidy_id=march.id, reason="追回后撤销")
    )
    assert projector.catch_up() == len(all_projections())  # one event, each read model
    live = {t.name: rows(world.db, t, "rm_") for t in Subsidies.tables}

    with world.db.transaction() as cursor:
        reset(cursor, "rm_", Subsidies())
    assert _subsidy_rows(world.db) == {}
    projector.catch_up()

    assert {t.name: rows(world.db, t, "rm_") for t in Subsidies.tables} == live
    assert _subsidy_rows(world.db)[str(march.id)]["status"] == "revoked"
    assert len(live["subsidy_workers"]) == 3


def test_the_timeline_names_the_worker_of_every_subsidy_event(world: World) -> None:
    _project(world)
    with world.db.transaction() as cursor:
        cursor.execute(
            "SELECT o.worker_id, e.worker_id, e.summary_en FROM rm_events e"
            " JOIN rm_owners o ON o.aggregate_id = e.aggregate_id"
            " WHERE e.aggregate_type = 'subsidy'"
        )
        found = cursor.fetchall()

    workers = {str(s.worker_id) for s in world.stories}
    assert len(found) > 17
    assert all(owner == worker and worker in workers for owner, worker, _ in found)
    assert any(s.startswith("Stable-job subsidy (2026-03) overpaid") for *_, s in found)


def _expected(subsidies: list[Subsidy]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for kind in ("transport_living", "stable_job", "life_adaptation"):
        mine = [s for s in subsidies if s.kind.value == kind]

        def having(*statuses: str, of: list[Subsidy] = mine) -> list[Subsidy]:
            return [s for s in of if s.status.value in statuses]

        entitled, approved = having("assessed", "approved", "paid"), having("approved", "paid")
        paid = having("paid", "overpaid")
        figures |= {
            f"subsidy_{kind}_entitled_count": len(entitled),
            f"subsidy_{kind}_entitled_amount": sum(s.amount for s in entitled),
            f"subsidy_{kind}_approved_count": len(approved),
            f"subsidy_{kind}_approved_amount": sum(s.amount for s in approved),
            f"subsidy_{kind}_paid_count": len(paid),
            f"subsidy_{kind}_paid_amount": sum(s.paid_amount or 0 for s in paid),
            f"subsidy_{kind}_overpaid_amount": sum(
                s.overpaid_amount or 0 for s in having("overpaid")
            ),
        }
    return figures


def test_the_report_counts_subsidies_as_their_aggregates_stand(world: World) -> None:
    _project(world)
    read_models = ReadModels(world.db)
    subsidies = _all_subsidies(world.journey, world.stories)

    everything = Scope.everything()
    report = summary_report(read_models, scope=everything, year=2026)
    # Subsidies count for the worker's home office, not the receiving one.
    elsewhere = summary_report(read_models, scope=Scope.of_office("370600"), year=2026)
    earlier = summary_report(read_models, scope=everything, year=2025, township="骡坪镇")

    figures = {f.key: f.value for f in report.figures if f.key.startswith("subsidy_")}
    assert figures == _expected(subsidies)
    assert figures["subsidy_stable_job_overpaid_amount"] == Decimal("1000.00")
    assert figures["subsidy_transport_living_paid_amount"] == Decimal("1500.00")
    assert figures["subsidy_stable_job_entitled_count"] == 6  # the corrected worker's months
    for other in (elsewhere, earlier):
        assert all(f.value == 0 for f in other.figures if f.key.startswith("subsidy_"))
