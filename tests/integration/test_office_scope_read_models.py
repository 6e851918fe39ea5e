"""The read models by office scope, on SQLite and PostgreSQL: a worker is seen
where an office serving them is reached (home or host), a handover moves that;
each fact of the report counts for one office, so the figures of a pair or a
province are the sums of their offices'; a read model whose tables changed is
rebuilt from the start at the next start."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from application import commands as c
from application.journey import Journey
from domain.actor import Actor, Role
from domain.scope import Scope, parse_scope
from infrastructure.persistence import event_store_env
from infrastructure.projector import Projector
from infrastructure.readmodels import case_file_queries as cases
from infrastructure.readmodels import programme_months, subsidy_queries
from infrastructure.readmodels import timeline_queries as trail
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.audit_queries import worker_records
from infrastructure.readmodels.case_files import CaseFiles
from infrastructure.readmodels.handover_worklist import handover_worklist
from infrastructure.readmodels.registry import all_projections
from infrastructure.readmodels.subsidy_queries import SubsidyFilter
from infrastructure.readmodels.tracking import create_read_model_tables, read_tracking
from infrastructure.readmodels.verify import rows
from infrastructure.readmodels.worker_names import names_of
from infrastructure.readmodels.worker_records import records_of
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER as WUSHAN
from tests.support.factories import id_number, register_command
from tests.support.offices import register_offices
from tests.support.subsidies import EMPLOYER_CODE, facts_from_log, transferred_worker

YANTAI = Actor("zhang.hua", Role.CASEWORKER, "370600")
LAISHAN = Actor("sun.li", Role.CASEWORKER, "370613")
FUSHAN = Actor("zhou.qiang", Role.CASEWORKER, "370611")
OFFICES = ("500237", "370600", "370613", "370611")
ELSEWHERE = Scope.of_office("110101")  # an office of none of these workers
EVERYTHING = Scope.everything()


def office(code: str) -> Scope:
    return Scope.of_office(code)


@dataclass
class World:
    journey: Journey
    db: SqlDatabase
    read_models: ReadModels
    at_home: UUID  # Wushan's, never moved
    in_yantai: UUID  # Wushan's, arrived in Yantai (the city office), subsidies assessed
    handed_over: UUID  # Wushan's, arrived in Laishan, then handed over to Fushan
    offered: UUID  # Wushan's, offered to Fushan (pending)
    yantais_own: UUID  # registered by the Yantai office itself
    offer_id: UUID


def _placement(journey: Journey, by: Actor, worker_id: UUID, transfer_id: UUID | None) -> UUID:
    return journey.start_placement(
        c.StartPlacement(
            actor=by,
            worker_id=worker_id,
            transfer_id=transfer_id,
            employer_name="烟台鲁渝食品有限公司",
            employer_code=EMPLOYER_CODE,
            workplace_division=by.office,
            position="普工",
            monthly_wage=Decimal("5200.00"),
            contract_type="fixed_term",
            kind="cross_province",
            start_date=date(2025, 7, 1) if by is LAISHAN else date(2026, 1, 10),
        )
    ).aggregate_id


def _months(journey: Journey, by: Actor, placement_id: UUID, year: int, first: int) -> None:
    for month in range(first, first + 6):
        journey.confirm_month(
            c.ConfirmMonth(
                actor=by,
                occurred_on=date(year, month, 28),
                placement_id=placement_id,
                month=f"{year:04d}-{month:02d}",
                evidence="payroll",
            )
        )


def _offer_id(journey: Journey, worker_id: UUID, to: str) -> UUID:
    served = journey.served_by(worker_id, WUSHAN)
    return next(h.offer_id for h in served.handovers if h.to_office == to and h.state == "pending")


def _handed_over(journey: Journey) -> UUID:
    """Trained at home, arrived in Laishan and stably employed there (2025),
    handed over to Fushan, stably employed there too (2026), a dispute there."""
    worker_id = journey.register_worker(register_command(occurred_on=date(2025, 6, 2))).aggregate_id
    training = journey.enroll_in_training(
        c.EnrollInTraining(
            actor=WUSHAN,
            occurred_on=date(2025, 6, 3),
            worker_id=worker_id,
            course_name="家政服务员",
            training_type="pre_job",
            provider="巫山县职教中心",
            planned_start=date(2025, 6, 5),
            planned_end=date(2025, 6, 15),
        )
    ).aggregate_id
    journey.complete_training(
        c.CompleteTraining(
            actor=WUSHAN,
            occurred_on=date(2025, 6, 15),
            training_id=training,
            hours=Decimal(64),
            result="passed",
        )
    )
    transfer = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=WUSHAN,
            occurred_on=date(2025, 6, 20),
            worker_id=worker_id,
            destination="370613",
            channel="job_fair",
            planned_on=date(2025, 6, 28),
        )
    ).aggregate_id
    journey.record_departure(
        c.RecordDeparture(
            actor=WUSHAN, occurred_on=date(2025, 6, 28), mode="train", transfer_id=transfer
        )
    )
    journey.record_arrival(
        c.RecordArrival(actor=LAISHAN, occurred_on=date(2025, 6, 29), transfer_id=transfer)
    )
    first = _placement(journey, LAISHAN, worker_id, transfer)
    _months(journey, LAISHAN, first, 2025, 7)
    journey.end_placement(
        c.EndPlacement(
            actor=LAISHAN, placement_id=first, reason="合同期满", end_date=date(2025, 12, 31)
        )
    )
    journey.offer_handover(
        c.OfferHandover(
            actor=LAISHAN,
            occurred_on=date(2026, 1, 4),
            worker_id=worker_id,
            to_office="370611",
            reason="换岗至福山区",
        )
    )
    journey.accept_handover(
        c.AcceptHandover(
            actor=FUSHAN,
            occurred_on=date(2026, 1, 5),
            worker_id=worker_id,
            offer_id=_offer_id(journey, worker_id, "370611"),
        )
    )
    second = _placement(journey, FUSHAN, worker_id, None)
    _months(journey, FUSHAN, second, 2026, 1)
    journey.open_dispute(
        c.OpenDispute(
            actor=FUSHAN,
            occurred_on=date(2026, 7, 1),
            worker_id=worker_id,
            employer_name="烟台鲁源食品有限公司",
            kind="wage_arrears",
            amount_claimed=Decimal("8600.00"),
            description="拖欠工资",
        )
    )
    return worker_id


def _play(journey: Journey) -> tuple[UUID, UUID, UUID, UUID, UUID, UUID]:
    register_offices(journey, districts=True)
    at_home = journey.register_worker(register_command()).aggregate_id
    in_yantai = transferred_worker(journey, months=6).worker_id
    journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=WUSHAN, worker_id=in_yantai),
        facts_from_log(journey, in_yantai),
    )
    handed_over = _handed_over(journey)
    offered = journey.register_worker(register_command()).aggregate_id
    journey.offer_handover(
        c.OfferHandover(actor=WUSHAN, worker_id=offered, to_office="370611", reason="就近服务")
    )
    yantais_own = journey.register_worker(
        register_command(
            YANTAI,
            id_number=id_number(region="370602"),
            hukou_division="370602",
            hukou_township=None,
        )
    ).aggregate_id
    offer_id = _offer_id(journey, offered, "370611")
    return at_home, in_yantai, handed_over, offered, yantais_own, offer_id


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    db = open_database(settings.database)
    played = _play(journey)
    Projector(reader=journey, db=db, projections=all_projections()).catch_up()
    yield World(journey, db, ReadModels(db), *played)
    db.close()
    journey.close()


def _found(world: World, scope: Scope) -> set[UUID]:
    return {w.id for w in cases.search_workers(world.read_models, scope=scope).items}


def test_a_worker_is_listed_and_counted_where_an_office_serving_them_is_reached(
    world: World,
) -> None:
    wushans = {world.at_home, world.in_yantai, world.handed_over, world.offered}

    assert _found(world, office("500237")) == wushans
    assert _found(world, office("370600")) == {world.in_yantai, world.yantais_own}
    assert _found(world, office("370611")) == {world.handed_over}
    assert _found(world, office("370613")) == set()  # handed over: Laishan serves no more
    assert _found(world, ELSEWHERE) == set()
    assert _found(world, parse_scope("province:37")) == {
        world.in_yantai,
        world.handed_over,
        world.yantais_own,
    }
    assert _found(world, EVERYTHING) == wushans | {world.yantais_own}
    counts = [cases.count_workers(world.read_models, scope=office(o)) for o in OFFICES]
    assert counts == [4, 2, 0, 1]
    assert cases.count_workers(world.read_models, scope=ELSEWHERE) == 0


def test_the_list_names_the_host_office_beside_the_registering_one(world: World) -> None:
    (item,) = cases.search_workers(world.read_models, scope=office("370611")).items

    assert (item.office, item.host_office) == ("500237", "370611")


def test_the_dispute_register_and_workbench_show_the_disputes_of_workers_in_scope(
    world: World,
) -> None:
    def registered(scope: Scope) -> int:
        register = cases.dispute_register(world.read_models, scope=scope, today=date(2026, 12, 1))
        return register.total_count

    def worked(scope: Scope) -> int:
        bench = cases.dispute_workbench(
            world.read_models, cases.WorkbenchFilter(), scope=scope, today=date(2026, 12, 1)
        )
        return len(bench.lines)

    assert [registered(office(o)) for o in OFFICES] == [1, 0, 0, 1]
    assert [worked(office(o)) for o in OFFICES] == [1, 0, 0, 1]
    assert (registered(ELSEWHERE), worked(ELSEWHERE)) == (0, 0)


def test_a_timeline_is_read_by_the_offices_serving_the_worker_or_offered_them(
    world: World,
) -> None:
    def timeline(worker_id: UUID, scope: Scope) -> trail.TimelinePage | None:
        return trail.worker_timeline(world.read_models, worker_id, Role.CASEWORKER, scope=scope)

    assert timeline(world.at_home, office("500237")) is not None
    assert timeline(world.at_home, office("370600")) is None
    assert timeline(world.at_home, ELSEWHERE) is None
    assert timeline(world.handed_over, office("370611")) is not None
    assert timeline(world.handed_over, office("370613")) is None
    # Offered to Fushan: it may read the file to decide.
    assert timeline(world.offered, office("370611")) is not None
    history = timeline(world.handed_over, office("500237"))
    assert history is not None
    offices_of_events = {e.actor.office for e in history.entries if e.actor}
    assert {"500237", "370613", "370611"} <= offices_of_events
    kinds = {e.event_type for e in history.entries}
    assert {"CaseOffices.HandoverOffered", "CaseOffices.HandoverAccepted"} <= kinds


def test_a_workers_records_and_names_are_given_only_within_reach(world: World) -> None:
    rm = world.read_models
    ids = [world.at_home, world.in_yantai]

    assert records_of(rm, world.handed_over, scope=office("370611")).placements
    assert records_of(rm, world.handed_over, scope=office("370613")).placements == []
    assert worker_records(rm, world.at_home, scope=ELSEWHERE).record_ids == []
    assert worker_records(rm, world.in_yantai, scope=office("370600")).record_ids
    assert set(names_of(rm, ids, scope=office("370600"))) == {world.in_yantai}
    assert set(names_of(rm, ids, scope=EVERYTHING)) == set(ids)


def test_subsidies_and_the_ledger_show_those_of_workers_in_scope(world: World) -> None:
    def listed(scope: Scope) -> set[UUID]:
        page = subsidy_queries.list_subsidies(world.read_models, SubsidyFilter(), scope=scope)
        return {s.worker_id for s in page.items}

    def ledgered(scope: Scope) -> int:
        chunks = subsidy_queries.ledger(world.read_models, SubsidyFilter(), scope=scope)
        return sum(len(chunk) for chunk in chunks)

    assert listed(office("500237")) == listed(office("370600")) == {world.in_yantai}
    assert listed(office("370611")) == listed(ELSEWHERE) == set()
    assert ledgered(office("370600")) == ledgered(EVERYTHING) > 0
    assert ledgered(office("370613")) == ledgered(ELSEWHERE) == 0


def test_the_audit_trail_shows_the_events_of_workers_in_scope_and_others_to_all(
    world: World,
) -> None:
    def events(scope: Scope) -> list[trail.TimelineEntry]:
        return trail.audit_events(world.read_models, scope=scope, limit=trail.MAX_LIMIT).entries

    yantai = events(office("370600"))
    everything = events(EVERYTHING)

    # Events about no worker (the register of offices) go to whoever reaches the
    # office that recorded them.
    assert {e.worker_id for e in yantai} - {None} == {world.in_yantai, world.yantais_own}
    assert all(e.actor and e.actor.office == "370600" for e in yantai if e.worker_id is None)
    assert events(ELSEWHERE) == []
    assert any(e.worker_id is None for e in everything)  # the register of offices
    pair = parse_scope("pair:500237-370600")
    assert all(
        e.worker_id is not None or (e.actor is not None and pair.covers(e.actor.office))
        for e in events(pair)
    )
    exceeds = trail.audit_events_exceed
    assert not exceeds(world.read_models, len(yantai), scope=office("370600"))
    assert exceeds(world.read_models, len(yantai) - 1, scope=office("370600"))


def test_a_handover_worklist_lists_the_pending_offers_to_and_from_an_office(
    world: World,
) -> None:
    def worklist(scope: Scope, code: str, direction: str) -> list[UUID]:
        found = handover_worklist(
            world.read_models,
            scope=scope,
            office=code,
            direction=direction,  # type: ignore[arg-type]
        )
        return [item.offer_id for item in found]

    assert worklist(office("370611"), "370611", "incoming") == [world.offer_id]
    assert worklist(office("500237"), "500237", "outgoing") == [world.offer_id]
    assert worklist(office("500237"), "500237", "incoming") == []
    assert worklist(office("370613"), "370611", "incoming") == []  # not the caller's office
    (item,) = handover_worklist(
        world.read_models, scope=office("370611"), office="370611", direction="incoming"
    )
    assert (item.worker_id, item.from_office, item.reason) == (world.offered, "500237", "就近服务")
    assert "*" in item.id_number


def _figures(world: World, scope: Scope, year: int | None) -> dict[str, int | Decimal]:
    report = cases.summary_report(world.read_models, scope=scope, year=year)
    assert report.scope == str(scope)
    return {f.key: f.value for f in report.figures}


def _summed(world: World, codes: tuple[str, ...], year: int | None) -> dict[str, int | Decimal]:
    parts = [_figures(world, office(code), year) for code in codes]
    return {key: sum((p[key] for p in parts), start=type(parts[0][key])(0)) for key in parts[0]}


@pytest.mark.parametrize("year", [None, 2025, 2026])
def test_the_figures_of_a_pair_or_a_province_are_the_sums_of_their_offices(
    world: World, year: int | None
) -> None:
    pair = _figures(world, parse_scope("pair:500237-370600"), year)
    province = _figures(world, parse_scope("province:37"), year)

    assert pair == _summed(world, OFFICES, year) == _figures(world, EVERYTHING, year)
    assert province == _summed(world, OFFICES[1:], year)


def test_each_fact_counts_for_the_one_office_it_is_attributed_to(world: World) -> None:
    def figure(key: str, code: str) -> int | Decimal:
        return _figures(world, office(code), None)[key]

    by_office = {
        key: [figure(key, code) for code in OFFICES]
        for key in (
            "registered_workers",
            "training_person_times",
            "organised_transfers",
            "placements_cross_province",
            "stably_employed_in_partner_province",
            "disputes_handled",
        )
    }
    assert by_office == {
        "registered_workers": [4, 1, 0, 0],
        "training_person_times": [1, 0, 0, 0],
        "organised_transfers": [0, 1, 1, 0],
        "placements_cross_province": [0, 1, 1, 1],
        # Stable in Laishan (2025) and in Fushan (2026): once for each office.
        "stably_employed_in_partner_province": [0, 1, 1, 1],
        "disputes_handled": [0, 0, 0, 1],
    }
    assert figure("subsidy_stable_job_entitled_count", "500237") > 0
    assert figure("subsidy_stable_job_entitled_count", "370600") == 0


def test_the_months_of_the_dashboard_count_for_the_same_offices_as_the_report(
    world: World,
) -> None:
    def months(code: str) -> tuple[int, int]:
        found = programme_months.months_of(world.read_models, scope=office(code), year=2026)
        return sum(m.transfers for m in found), sum(m.placements for m in found)

    def disputes(code: str) -> int:
        return programme_months.open_disputes(
            world.read_models, scope=office(code), today=date(2026, 12, 1)
        ).open

    assert [months(code) for code in OFFICES] == [(0, 0), (1, 1), (0, 0), (0, 1)]
    assert [disputes(code) for code in OFFICES] == [0, 0, 0, 1]
    owed = programme_months.subsidy_totals(world.read_models, scope=office("500237"), year=2026)
    nothing = programme_months.subsidy_totals(world.read_models, scope=ELSEWHERE, year=2026)
    assert owed.owed > 0 and nothing.owed == nothing.paid == 0


def test_pages_of_three_give_exactly_the_rows_of_one_page(world: World) -> None:
    projections = [CaseFiles()]
    Projector(
        reader=world.journey, db=world.db, projections=projections, prefix="p3_", page_size=3
    ).catch_up()

    for table in CaseFiles.tables:
        assert rows(world.db, table, "p3_") == rows(world.db, table, "rm_"), table.name
    assert rows(world.db, CaseFiles.tables[-1], "rm_")  # the handovers


def test_a_read_model_whose_tables_changed_is_rebuilt_from_the_start(world: World) -> None:
    before = {t.name: rows(world.db, t, "rm_") for t in CaseFiles.tables}
    with world.db.transaction() as cursor:
        # As the table stood before this version: no host office, no handovers.
        cursor.execute("ALTER TABLE rm_workers DROP COLUMN host_office")
        cursor.execute("DROP TABLE rm_handovers")
        positions = {n: t.position for n, t in read_tracking(cursor, "rm_").items()}

    create_read_model_tables(world.db, all_projections(), "rm_")
    with world.db.transaction() as cursor:
        after = {n: t.position for n, t in read_tracking(cursor, "rm_").items()}
    Projector(reader=world.journey, db=world.db, projections=all_projections()).catch_up()

    assert after == {**positions, "case_files": 0}
    assert {t.name: rows(world.db, t, "rm_") for t in CaseFiles.tables} == before
