"""The SQLite database and its -wal and -shm files are readable by their owner
only (0600), whatever the umask, and a data directory we create is 0700."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from application.journey import Journey
from domain.actor import Role
from infrastructure.persistence import event_store_env
from infrastructure.schema import create_tables
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from interfaces.http.app import create_app
from tests.conftest import TEST_SECRET, settings_for
from tests.support.factories import register_command, registration_body
from tests.support.server import running_server


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common default, under which files are made world-readable (0644)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def database_files(db: Path) -> dict[str, int]:
    return {
        f.name.removeprefix(db.name) or "db": mode(f) for f in db.parent.iterdir() if f.is_file()
    }


def test_the_api_writes_to_files_only_their_owner_can_read(tmp_path: Path) -> None:
    db = tmp_path / "data" / "laborbridge.db"
    settings = settings_for(f"sqlite:///{db}")

    with TestClient(create_app(settings)) as client:
        store = TokenStore(client.app.state.db)  # type: ignore[attr-defined]
        secret = store.issue(user="li.ming", role=Role.CASEWORKER, office="500237")[1]
        response = client.post(
            "/api/v1/workers",
            json=registration_body(),
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert response.status_code == 201, response.text
        files = database_files(db)  # while open: the -wal and -shm exist

    assert files == {"db": 0o600, "-wal": 0o600, "-shm": 0o600}
    assert mode(db.parent) == 0o700


def test_the_event_store_alone_creates_its_file_only_its_owner_can_read(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    journey = Journey(
        env=event_store_env(settings_for(f"sqlite:///{db}")), identity_key=TEST_SECRET.encode()
    )
    try:
        journey.register_worker(register_command())
        files = database_files(db)
    finally:
        journey.close()

    assert files == {"db": 0o600, "-wal": 0o600, "-shm": 0o600}


def test_the_server_creates_the_database_and_its_directories_closed(tmp_path: Path) -> None:
    # Only `serve` makes a missing data directory; other commands refuse one
    # (tests/integration/test_first_hour.py).
    db = tmp_path / "var" / "lib" / "laborbridge.db"
    os.chmod(tmp_path, 0o755)
    umask = os.umask(0o022)  # the server inherits it
    try:
        with running_server(f"sqlite:///{db}", tmp_path / "server.log"):
            pass
    finally:
        os.umask(umask)

    assert mode(db) == 0o600
    assert (mode(db.parent), mode(db.parent.parent)) == (0o700, 0o700)
    assert mode(tmp_path) == 0o755  # a directory that was there is left as it was


def test_an_existing_database_made_readable_to_others_is_closed_at_start(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    old = open_database(settings_for(f"sqlite:///{db}").database)
    create_tables(old)
    old.close()
    os.chmod(db, 0o644)

    reopened = open_database(settings_for(f"sqlite:///{db}").database)
    reopened.close()

    assert mode(db) == 0o600
