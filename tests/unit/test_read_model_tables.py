"""Each read model's table is derived from its row type (`Table.of`); the tables
created before rows were typed must come out the same, column for column, so
`CREATE TABLE IF NOT EXISTS` finds on an existing database the table it would
make, and a new database gets the table an old one has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

import pytest

from application.projections.columns import BigInt, Position
from infrastructure.readmodels.base import Table, column_ddl
from infrastructure.readmodels.case_files import CaseFiles
from infrastructure.readmodels.integrity import Integrity
from infrastructure.readmodels.subsidies import Subsidies
from infrastructure.readmodels.timeline import Timeline

# The column lists as they were written out by hand until rows were typed:
# copied once, as the fixture. Never edit these to make the test pass.
DECLARED_BY_HAND = {
    "workers": "worker_id TEXT NOT NULL, name TEXT NOT NULL, id_last4 TEXT NOT NULL,"
    " id_number_masked TEXT NOT NULL, sex TEXT NOT NULL, birth_date TEXT NOT NULL,"
    " hukou_division TEXT NOT NULL, township TEXT, office TEXT NOT NULL,"
    " poverty_status TEXT NOT NULL, status TEXT NOT NULL, stage TEXT NOT NULL,"
    " registered_on TEXT NOT NULL, registered_year INTEGER NOT NULL,"
    " registered_position BIGINT NOT NULL, trainings_completed INTEGER NOT NULL,"
    " certificates INTEGER NOT NULL, transfers_arrived INTEGER NOT NULL,"
    " current_placement_id TEXT, active_placements TEXT NOT NULL,"
    " confirmed_months INTEGER NOT NULL, stable_placements INTEGER NOT NULL,"
    " open_disputes INTEGER NOT NULL,"
    " last_position BIGINT NOT NULL",
    "trainings": "training_id TEXT NOT NULL, worker_id TEXT NOT NULL, course_name TEXT NOT NULL,"
    " training_type TEXT NOT NULL, state TEXT NOT NULL, enrolled_on TEXT NOT NULL,"
    " completed_on TEXT, result TEXT, certified_on TEXT",
    "transfers": "transfer_id TEXT NOT NULL, worker_id TEXT NOT NULL, destination TEXT NOT NULL,"
    " channel TEXT NOT NULL, state TEXT NOT NULL, arranged_on TEXT NOT NULL,"
    " departed_on TEXT, arrived_on TEXT, cancelled_on TEXT, returned_on TEXT,"
    " poverty_status_at_arrangement TEXT",
    "placements": "placement_id TEXT NOT NULL, worker_id TEXT NOT NULL, transfer_id TEXT,"
    " kind TEXT NOT NULL, employer_name TEXT NOT NULL, workplace_division TEXT NOT NULL,"
    " monthly_wage_fen INTEGER NOT NULL, state TEXT NOT NULL, started_on TEXT NOT NULL,"
    " ended_on TEXT, months TEXT NOT NULL, longest_run INTEGER NOT NULL,"
    " stable INTEGER NOT NULL, stable_since TEXT",
    "disputes": "dispute_id TEXT NOT NULL, worker_id TEXT NOT NULL, kind TEXT NOT NULL,"
    " status TEXT NOT NULL, employer_name TEXT NOT NULL, amount_claimed_fen BIGINT NOT NULL,"
    " amount_agreed_fen BIGINT, amount_recovered_fen BIGINT, opened_on TEXT NOT NULL,"
    " mediation_due_on TEXT NOT NULL, mediator TEXT, escalated_to TEXT, settled_on TEXT,"
    " closed_on TEXT, opened_position BIGINT NOT NULL, last_position BIGINT NOT NULL",
    "subsidies": "subsidy_id TEXT NOT NULL, worker_id TEXT NOT NULL, office TEXT, township TEXT,"
    " kind TEXT NOT NULL, basis TEXT NOT NULL, status TEXT NOT NULL,"
    " amount_fen BIGINT NOT NULL, paid_amount_fen BIGINT, overpaid_fen BIGINT,"
    " policy_version TEXT NOT NULL, arose_on TEXT NOT NULL, assessed_on TEXT NOT NULL,"
    " decided_on TEXT, paid_on TEXT, payment_reference TEXT,"
    " assessed_position BIGINT NOT NULL, version INTEGER NOT NULL, position BIGINT NOT NULL,"
    " updated_at TEXT NOT NULL",
    "subsidy_workers": "worker_id TEXT NOT NULL, office TEXT NOT NULL, township TEXT",
    "events": "position BIGINT NOT NULL, recorded_at TEXT NOT NULL, occurred_on TEXT,"
    " actor_user TEXT, actor_role TEXT, actor_office TEXT,"
    " aggregate_id TEXT NOT NULL, aggregate_type TEXT NOT NULL, event_type TEXT NOT NULL,"
    " worker_id TEXT, restricted INTEGER NOT NULL,"
    " summary_zh TEXT NOT NULL, summary_en TEXT NOT NULL",
    "owners": "aggregate_id TEXT NOT NULL, worker_id TEXT NOT NULL,"
    " aggregate_type TEXT NOT NULL, context TEXT",
    "integrity_chain": "position BIGINT NOT NULL, aggregate_id TEXT NOT NULL,"
    " version BIGINT NOT NULL,"
    " topic TEXT NOT NULL, payload_sha256 TEXT NOT NULL, chain_hash TEXT NOT NULL",
}
# What changed since, appended to the tables above: an existing database's read
# model is rebuilt for it at start (tracking.create_read_model_tables).
ADDED_SINCE = {
    # Issue 14, offices that share a worker.
    "workers": ", host_office TEXT, case_offices_id TEXT NOT NULL",
    "trainings": ", office TEXT NOT NULL",
    "transfers": ", office TEXT NOT NULL, confirmed_by_office TEXT, expected_offices TEXT NOT NULL",
    "placements": ", office TEXT NOT NULL",
    "disputes": ", office TEXT NOT NULL",
    # Issue 15, late entries and imported facts flagged for auditors.
    "events": ", entered_late INTEGER NOT NULL, days_late INTEGER NOT NULL,"
    " imported_sha256 TEXT, imported_sheet TEXT, imported_row INTEGER",
}
NEW_TABLES = {
    "handovers": "offer_id TEXT NOT NULL, worker_id TEXT NOT NULL, from_office TEXT NOT NULL,"
    " to_office TEXT NOT NULL, reason TEXT NOT NULL, offered_on TEXT NOT NULL,"
    " offered_by TEXT NOT NULL, state TEXT NOT NULL, decided_on TEXT,"
    " offered_position BIGINT NOT NULL",
}
DECLARED = {
    **{name: columns + ADDED_SINCE.get(name, "") for name, columns in DECLARED_BY_HAND.items()},
    **NEW_TABLES,
}
TABLES = {t.name: t for p in (CaseFiles, Subsidies, Timeline, Integrity) for t in p.tables}


def test_every_read_model_table_was_declared_by_hand_before_or_is_new() -> None:
    assert sorted(TABLES) == sorted(DECLARED)


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_the_columns_derived_from_the_row_type_are_those_declared_by_hand(name: str) -> None:
    assert TABLES[name].columns == DECLARED[name]


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_the_create_statement_is_the_one_of_the_hand_declared_table(name: str) -> None:
    derived = TABLES[name]
    by_hand = Table[Any](name, DECLARED[name], derived.key, derived.indexes)
    for postgres in (False, True):
        assert derived.ddl("rm_", postgres=postgres) == by_hand.ddl("rm_", postgres=postgres)


class Sample(TypedDict):
    id: str
    note: str | None
    count: int
    total: BigInt | None
    at: Position


def test_a_column_is_text_integer_or_bigint_and_not_null_unless_it_may_be_none() -> None:
    assert column_ddl(Sample) == (
        "id TEXT NOT NULL, note TEXT, count INTEGER NOT NULL, total BIGINT, at BIGINT NOT NULL"
    )


def test_a_field_without_a_portable_column_type_is_refused() -> None:
    class Dated(TypedDict):
        on: float

    with pytest.raises(TypeError, match="column on"):
        column_ddl(Dated)


def test_a_field_of_two_types_is_refused() -> None:
    class Either(TypedDict):
        value: int | str | None

    with pytest.raises(TypeError, match="column value"):
        column_ddl(Either)


def test_a_key_or_index_naming_no_column_of_the_row_is_refused() -> None:
    with pytest.raises(TypeError, match="no column missing"):
        Table.of("samples", Sample, key=("id",), indexes=("note, missing",))
    with pytest.raises(TypeError, match="no column ident"):
        Table.of("samples", Sample, key=("ident",))


@dataclass(frozen=True)
class Link:
    position: Position
    digest: str


def test_a_dataclass_row_reads_back_as_an_instance_and_a_typed_dict_as_a_dict() -> None:
    links = Table.of("links", Link, key=("position",))
    samples = Table.of("samples", Sample, key=("id",))

    assert links.row((7, "ab")) == Link(7, "ab")
    assert samples.row(("s", None, 1, None, 9)) == {
        "id": "s",
        "note": None,
        "count": 1,
        "total": None,
        "at": 9,
    }
