"""Databases written before payloads were bound to their place (`LBE1`) keep
working: their events read and verify, new events are bound (`LBE2`), and an old
payload copied onto an event stored after binding began is refused as damaged.
A ring of two keys reads the bound events of both. SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from application import commands as c
from application.journey import Journey
from domain.actor import Role
from infrastructure.encryption import DEVELOPMENT_KEY_RING, generate_key_line
from infrastructure.persistence import build_journey, event_store_env
from infrastructure.projector_service import ProjectorService
from infrastructure.readmodels.tracking import read_tracking
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from interfaces.http.app import create_app
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import EVERYONE
from tests.support.server import server_env

BIN = Path(sys.executable).parent
ROTATED = f"{generate_key_line('k2')},{DEVELOPMENT_KEY_RING}"


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return settings_for(database_url_for(request.param, request, tmp_path))


def _register_as_before_binding(settings: Settings, workers: int) -> list[UUID]:
    """Workers recorded as the previous version recorded them: the library's
    own mapper with the key ring cipher, which encrypts with the header alone
    as associated data (LBE1)."""
    env = {k: v for k, v in event_store_env(settings).items() if k != "MAPPER_TOPIC"}
    journey = Journey(env=env, identity_key=TEST_SECRET.encode())
    try:
        return [journey.register_worker(register_command()).aggregate_id for _ in range(workers)]
    finally:
        journey.close()


def _register(settings: Settings, workers: int) -> list[UUID]:
    journey = build_journey(settings)
    try:
        return [journey.register_worker(register_command()).aggregate_id for _ in range(workers)]
    finally:
        journey.close()


def _sql(settings: Settings, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    table, position = (
        ("laborbridge_events", "notification_id")
        if settings.database.is_postgres
        else ("stored_events", "rowid")
    )
    db = open_database(settings.database)
    try:
        with db.transaction() as cursor:
            cursor.execute(statement.format(table=table, position=position), params)
            return cursor.fetchall() if statement.lstrip().startswith("SELECT") else []
    finally:
        db.close()


def _headers(settings: Settings) -> list[bytes]:
    """The header of every stored payload (form, key id length, key id), in log order."""
    states = [bytes(r[0]) for r in _sql(settings, "SELECT state FROM {table} ORDER BY {position}")]
    return [state[: 5 + state[4]] for state in states]


def _position(settings: Settings, worker_id: UUID) -> int:
    key = worker_id if settings.database.is_postgres else worker_id.hex
    rows = _sql(settings, "SELECT {position} FROM {table} WHERE originator_id = %s", key)
    return int(rows[0][0])


def _copy_payload(settings: Settings, source: int, target: int) -> None:
    _sql(
        settings,
        "UPDATE {table} SET state = (SELECT state FROM {table} WHERE {position} = %s)"
        " WHERE {position} = %s",
        source,
        target,
    )


def _cli(settings: Settings, *args: str, keys: str = DEVELOPMENT_KEY_RING) -> Any:
    return subprocess.run(
        [str(BIN / "laborbridge"), *args],
        env={**server_env(settings.database_url), "LABORBRIDGE_ENCRYPTION_KEYS": keys},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _project(settings: Settings) -> dict[str, Any]:
    """Run the read models to the head; their tracking (position, error) after."""
    service = ProjectorService(settings)
    try:
        service.projector.catch_up()
        with service.db.transaction() as cursor:
            return read_tracking(cursor, "rm_")
    finally:
        service.close()


@contextmanager
def _api(settings: Settings) -> Iterator[tuple[TestClient, dict[str, str]]]:
    db = open_database(settings.database)
    create_tables(db)
    token = TokenStore(db).issue(user="case.worker", role=Role.CASEWORKER, office="500237")[1]
    db.close()
    with TestClient(create_app(settings)) as client:
        yield client, {"Authorization": f"Bearer {token}"}


def test_events_stored_before_binding_still_read_and_verify_and_new_ones_are_bound(
    settings: Settings,
) -> None:
    old = _register_as_before_binding(settings, workers=2)
    new = _register(settings, workers=1)
    journey = build_journey(settings)
    try:
        journey.change_contact(
            c.ChangeContact(actor=CASEWORKER, worker_id=old[0], mobile="13700137000")
        )
        workers = [journey.worker_details(w, EVERYONE) for w in [*old, *new]]
    finally:
        journey.close()

    assert [h[:4] for h in _headers(settings)] == [b"LBE1", b"LBE1", b"LBE2", b"LBE2"]
    assert [w.id for w in workers] == [*old, *new]
    assert workers[0].mobile == "13700137000"  # an old record with a new, bound event
    assert all(t.error is None for t in _project(settings).values())
    verified = _cli(settings, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "INTACT: 4 events match the chain" in verified.stdout
    assert (
        "payloads: 2 bound to their event, 2 in the old unbound form (LBE1: chained, not"
        " bound), 0 damaged" in verified.stdout
    )


def test_an_old_payload_copied_onto_an_event_stored_after_binding_began_is_damaged(
    settings: Settings,
) -> None:
    (old,) = _register_as_before_binding(settings, workers=1)
    (new,) = _register(settings, workers=1)
    target = _position(settings, new)
    _copy_payload(settings, _position(settings, old), target)

    with _api(settings) as (client, headers):
        response = client.get(f"/api/v1/workers/{new}", headers=headers)
    tracking = _project(settings)
    verified = _cli(settings, "audit", "verify")

    assert response.status_code == 500, response.text
    assert response.json()["type"] == "/problems/damaged-record"
    assert (response.json()["record_id"], response.json()["position"]) == (str(new), target)
    assert tracking["timeline"].error_position == target  # the log readers refuse it too
    assert "DamagedRecord" in str(tracking["timeline"].error)
    assert verified.returncode == 1
    assert (
        f"NOT INTACT: position {target} (damaged): the stored payload is in the old form"
        f" that is not bound to its record (LBE1), and every event of this database is"
        f" bound since log position {target}" in verified.stdout
    )


def test_a_ring_of_two_keys_reads_the_bound_events_of_both_and_refuses_a_moved_one(
    settings: Settings,
) -> None:
    from application.exceptions import DamagedRecord  # new with binding

    first = _register(settings, workers=2)
    rotated = settings_for(settings.database_url, encryption_keys=ROTATED)
    second = _register(rotated, workers=2)
    headers = _headers(rotated)
    _project(rotated)
    intact = _cli(rotated, "audit", "verify", keys=ROTATED)
    _copy_payload(rotated, _position(rotated, first[0]), _position(rotated, second[0]))

    journey = build_journey(rotated)
    try:
        readable = [journey.worker_details(w, EVERYONE).id for w in [first[1], second[1]]]
        with pytest.raises(DamagedRecord) as refused:
            journey.worker_details(second[0], EVERYONE)
    finally:
        journey.close()
    damaged = _cli(rotated, "audit", "verify", keys=ROTATED)

    assert headers == [b"LBE2\x03dev", b"LBE2\x03dev", b"LBE2\x02k2", b"LBE2\x02k2"]
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "payloads: 4 bound to their event" in intact.stdout
    assert readable == [first[1], second[1]]
    assert (refused.value.record_id, refused.value.position) == (
        second[0],
        _position(rotated, second[0]),
    )
    assert damaged.returncode == 1
    assert f"(damaged): the stored payload does not belong to record {second[0]}" in damaged.stdout
