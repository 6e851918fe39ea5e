"""The projector's guarantees, with small projections of our own:
exactly once, in order, in pages; a failing event stops only its read model."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import psycopg
import pytest

from application import commands as c
from application.journey import Journey
from infrastructure.persistence import event_store_env
from infrastructure.projector import Projector
from infrastructure.readmodels.base import Notified, Projection, Store, Table
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER, register_command


class Counting(Projection):
    name = "counting"
    tables = (Table("counted", "position BIGINT, event_type TEXT", ("position",)),)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        store.insert(
            self.tables[0],
            [{"position": n.position, "event_type": type(n.event).__qualname__} for n in page],
        )


class Fussy(Counting):
    """Cannot cope with contact changes."""

    name = "fussy"
    tables = (Table("fussy_counted", "position BIGINT, event_type TEXT", ("position",)),)

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        for n in page:
            if type(n.event).__qualname__ == "Worker.ContactChanged":
                raise ValueError("contact changes are not understood here")
        super().apply(page, store)


@pytest.fixture(params=["sqlite", "postgres"])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Journey, SqlDatabase]]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    db = open_database(settings.database)
    yield journey, db
    db.close()
    journey.close()


def _positions(db: SqlDatabase, table: str) -> list[int]:
    with db.transaction() as cursor:
        cursor.execute(f"SELECT position FROM rm_{table} ORDER BY position")
        return [int(r[0]) for r in cursor.fetchall()]


def test_every_event_is_applied_once_in_order_whatever_the_page_size(
    setup: tuple[Journey, SqlDatabase],
) -> None:
    journey, db = setup
    for _ in range(23):
        journey.register_worker(register_command())
    projector = Projector(reader=journey, db=db, projections=[Counting()], page_size=5)

    assert projector.catch_up() == 23
    assert projector.catch_up() == 0  # nothing twice
    journey.register_worker(register_command())
    assert projector.run_once() == 1

    assert _positions(db, "counted") == list(range(1, 25))
    assert projector.tracking()["counting"].position == 24


def test_two_projectors_racing_apply_each_event_once(setup: tuple[Journey, SqlDatabase]) -> None:
    journey, db = setup
    for _ in range(30):
        journey.register_worker(register_command())
    first = Projector(reader=journey, db=db, projections=[Counting()], page_size=4)
    second = Projector(reader=journey, db=db, projections=[Counting()], page_size=7)

    while first.run_once() + second.run_once():
        pass

    assert _positions(db, "counted") == list(range(1, 31))


def test_an_event_a_read_model_cannot_apply_stops_it_naming_the_position(
    setup: tuple[Journey, SqlDatabase],
) -> None:
    journey, db = setup
    worker_id = journey.register_worker(register_command()).aggregate_id
    journey.register_worker(register_command())
    bad = journey.change_contact(
        c.ChangeContact(actor=CASEWORKER, worker_id=worker_id, mobile="13900001111")
    ).position
    for _ in range(3):
        journey.register_worker(register_command())
    projector = Projector(reader=journey, db=db, projections=[Counting(), Fussy()], page_size=100)

    projector.catch_up()

    tracked = projector.tracking()
    assert tracked["counting"].position == bad + 3  # the others go on
    assert tracked["fussy"].position == bad - 1  # the good events before it are kept
    assert tracked["fussy"].error_position == bad
    assert "contact changes are not understood" in str(tracked["fussy"].error)
    assert _positions(db, "fussy_counted") == list(range(1, bad))
    journey.register_worker(register_command())
    projector.catch_up()
    assert projector.tracking()["fussy"].position == bad - 1  # stays stopped, skips nothing


class Hindered(Counting):
    """Meets a lock or statement timeout on its first `times` tries."""

    name = "hindered"
    tables = (Table("hindered_counted", "position BIGINT, event_type TEXT", ("position",)),)

    def __init__(self, timeout: Exception, times: int) -> None:
        self.timeout = timeout
        self.times = times

    def apply(self, page: Sequence[Notified], store: Store) -> None:
        if self.times:
            self.times -= 1
            raise self.timeout
        super().apply(page, store)


def test_a_database_timeout_while_applying_stops_no_read_model_and_the_page_is_applied_later(
    setup: tuple[Journey, SqlDatabase],
) -> None:
    journey, db = setup
    for _ in range(3):
        journey.register_worker(register_command())
    timeout: Exception = (
        psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")
        if db.is_postgres
        else sqlite3.OperationalError("database is locked")
    )
    # Twice: after a failed page, the first event is tried alone, and its failure
    # would stop the read model if the timeout were taken for a bad event.
    projector = Projector(reader=journey, db=db, projections=[Hindered(timeout, times=2)])

    for _ in range(2):
        with pytest.raises(type(timeout)):
            projector.run_once()

    assert projector.tracking()["hindered"].error is None
    assert projector.catch_up() == 3
    assert _positions(db, "hindered_counted") == [1, 2, 3]
