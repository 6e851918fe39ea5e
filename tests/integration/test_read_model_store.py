"""A projection's Store writes and reads back typed rows — dicts of a TypedDict,
instances of a dataclass — on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import pytest

from application.projections.columns import Position
from infrastructure.readmodels.base import Store, Table
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import database_url_for, settings_for


class Note(TypedDict):
    note_id: str
    text: str | None
    at: Position


@dataclass(frozen=True)
class Mark:
    position: Position
    digest: str


class Only(TypedDict):
    only_id: str


NOTES = Table.of("notes", Note, key=("note_id",))
MARKS = Table.of("marks", Mark, key=("position",))
ONLY = Table.of("only", Only, key=("only_id",))


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlDatabase]:
    database = open_database(
        settings_for(database_url_for(request.param, request, tmp_path)).database
    )
    with database.transaction() as cursor:
        for table in (NOTES, MARKS, ONLY):
            for statement in table.ddl("rmt_", postgres=database.is_postgres):
                cursor.execute(statement)
    yield database
    database.close()


def _in_store(db: SqlDatabase, work: Any) -> Any:
    with db.transaction() as cursor:
        return work(Store(cursor, "rmt_"))


def test_typed_dict_rows_are_upserted_and_fetched_back_as_they_were_written(
    db: SqlDatabase,
) -> None:
    first: Note = {"note_id": "a", "text": None, "at": 2**40}
    _in_store(db, lambda s: s.upsert(NOTES, [first, {"note_id": "b", "text": "x", "at": 1}]))
    _in_store(db, lambda s: s.upsert(NOTES, [{"note_id": "b", "text": "y", "at": 3}]))

    found = _in_store(db, lambda s: s.fetch(NOTES, "note_id", ["a", "b", "c"]))

    assert found == {"a": first, "b": {"note_id": "b", "text": "y", "at": 3}}


def test_dataclass_rows_are_inserted_and_fetched_back_as_instances(db: SqlDatabase) -> None:
    marks = [Mark(1, "00ff"), Mark(2**40, "ab")]
    _in_store(db, lambda s: s.insert(MARKS, marks))

    found = _in_store(db, lambda s: s.fetch(MARKS, "digest", ["ab", "00ff"]))

    assert found == {"00ff": marks[0], "ab": marks[1]}


def test_rows_of_a_single_column_are_written_whole(db: SqlDatabase) -> None:
    _in_store(db, lambda s: s.insert(ONLY, [{"only_id": "pear"}, {"only_id": "quince"}]))
    _in_store(db, lambda s: s.upsert(ONLY, [{"only_id": "quince"}, {"only_id": "rowan"}]))

    found = _in_store(db, lambda s: s.fetch(ONLY, "only_id", ["pear", "quince", "rowan"]))

    assert sorted(found) == ["pear", "quince", "rowan"]
