"""Personal data at rest: every row of every table, read raw, holds no full ID
number and no mobile number in clear, and the event table holds no name."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from psycopg import sql

from application.journey import Journey
from domain.actor import STAFF_ROLES
from infrastructure.schema import create_tables
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from interfaces.demo.programme import load_demo
from interfaces.http.app import create_app
from tests.conftest import database_url_for, settings_for
from tests.e2e.conftest import Api
from tests.support.factories import registration_body

EVENT_TABLES = {"stored_events", "laborbridge_events"}


@dataclass
class People:
    """The personal data the stored events hold, read back through the cipher."""

    names: set[str] = field(default_factory=set)
    id_numbers: set[str] = field(default_factory=set)
    mobiles: set[str] = field(default_factory=set)

    def collect(self, journey: Journey) -> None:
        for n in journey.recorder.select_notifications(start=None, limit=1_000_000):
            event = journey.mapper.to_domain_event(n)
            values = vars(event)
            if type(event).__module__ == "domain.worker" and values.get("name"):
                self.names.add(values["name"])
            self.id_numbers.update(v for k, v in values.items() if k == "id_number" and v)
            self.mobiles.update(v for k, v in values.items() if "mobile" in k and v)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_url_for(request.param, request, tmp_path)


def _a_year_through_the_api(database_url: str) -> People:
    """The demo year, the read models and the policy process at the head, and
    commands over HTTP with Idempotency-Key (whose stored answers hold the mobile)."""
    settings = settings_for(database_url)
    db = open_database(settings.database)
    create_tables(db)
    store = TokenStore(db)
    tokens = {r: store.issue(user=f"{r.value}.u", role=r, office="500237")[1] for r in STAFF_ROLES}
    db.close()
    people = People()
    with TestClient(create_app(settings)) as client:
        api = Api(client, settings, tokens)
        load_demo(client.app.state.journey, workers=30, seed=2718)  # type: ignore[attr-defined]
        body = registration_body(name="冉光明", mobile="13912345678")
        first = api.post("/workers", body, **{"Idempotency-Key": "at-rest-1"})
        retry = api.post("/workers", body, **{"Idempotency-Key": "at-rest-1"})
        assert first.status_code == 201 and retry.headers["idempotent-replayed"] == "true"
        assert retry.json() == first.json() and first.json()["mobile"] == "13912345678"
        moved = api.post(
            f"/workers/{first.json()['id']}/contact",
            {"mobile": "15887654321", "occurred_on": "2026-03-09"},
            **{"Idempotency-Key": "at-rest-2"},
        )
        assert moved.status_code == 200 and moved.json()["mobile"] == "15887654321"
        assert api.project() > 0
        people.collect(client.app.state.journey)  # type: ignore[attr-defined]
    assert {"冉光明"} <= people.names and len(people.names) >= 20
    assert {body["id_number"]} <= people.id_numbers and len(people.id_numbers) == 31
    assert {"13912345678", "15887654321"} <= people.mobiles and len(people.mobiles) >= 31
    return people


def test_no_id_number_or_mobile_in_clear_anywhere_and_no_name_in_the_events(
    database_url: str,
) -> None:
    people = _a_year_through_the_api(database_url)

    tables = dict(_every_table(database_url))

    assert EVENT_TABLES & set(tables), sorted(tables)
    assert {"rm_workers", "idempotency_records"} <= set(tables)
    found = [
        (table, needle)
        for table, text in tables.items()
        for needle in people.id_numbers | people.mobiles
        if needle in text
    ]
    assert found == []
    in_events = [n for t in EVENT_TABLES & set(tables) for n in people.names if n in tables[t]]
    assert in_events == []
    # The scan reads text as stored: names stay in the read model, for search.
    assert "冉光明" in tables["rm_workers"]


def _every_table(database_url: str) -> Iterator[tuple[str, str]]:
    """Each table's name and all its rows as one lenient text."""
    if database_url.startswith("postgresql"):
        with psycopg.connect(database_url) as connection:
            names = connection.execute(
                "SELECT schemaname, tablename FROM pg_tables"
                " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchall()
            for schema, name in names:
                rows = connection.execute(
                    sql.SQL("SELECT * FROM {}.{}").format(
                        sql.Identifier(schema), sql.Identifier(name)
                    )
                ).fetchall()
                yield name, _text(rows)
        return
    connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    try:
        names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (name,) in names.fetchall():
            yield name, _text(connection.execute(f'SELECT * FROM "{name}"').fetchall())
    finally:
        connection.close()


def _text(rows: list[Any]) -> str:
    def one(value: Any) -> str:
        if isinstance(value, bytes | memoryview):
            return bytes(value).decode("utf-8", errors="replace")
        return str(value)

    return "\n".join("\t".join(one(v) for v in row) for row in rows)
