"""A key ring that cannot read the database is refused at start, in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from application.journey import Journey
from infrastructure.encryption import DEVELOPMENT_KEY_RING, generate_key_line, key_id_of
from infrastructure.key_check import EncryptionRefused
from infrastructure.persistence import build_journey, event_store_env
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from interfaces.http.app import create_app
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import register_command

BIN = Path(sys.executable).parent
OTHER_DEV_KEY = "dev:" + generate_key_line().partition(":")[2]  # same id, other bytes


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_url_for(request.param, request, tmp_path)


def _settings(database_url: str, ring: str | None = None) -> Settings:
    return settings_for(database_url, encryption_keys=ring)


def _write(settings: Settings, workers: int = 2) -> None:
    journey = build_journey(settings)
    try:
        for _ in range(workers):
            journey.register_worker(register_command())
    finally:
        journey.close()


def _cli(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    clean.update(LABORBRIDGE_DATABASE_URL=database_url, LABORBRIDGE_SECRET_KEY=TEST_SECRET)
    clean.update(env)
    return subprocess.run(
        [str(BIN / "laborbridge"), *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_same_key_id_with_other_bytes_is_refused_by_the_cli(database_url: str) -> None:
    _write(_settings(database_url))

    result = _cli(database_url, "token", "list", LABORBRIDGE_ENCRYPTION_KEYS=OTHER_DEV_KEY)

    _refused(result, "key 'dev' is not the key this database knows by that id")


def test_a_ring_without_the_key_of_the_stored_events_is_refused_naming_it(
    database_url: str,
) -> None:
    _write(_settings(database_url))

    result = _cli(database_url, "projections", "status", LABORBRIDGE_ENCRYPTION_KEYS=_new_key())

    _refused(result, "encrypted with key 'dev', which is not in LABORBRIDGE_ENCRYPTION_KEYS")


def test_a_missing_key_ring_in_production_is_refused(tmp_path: Path) -> None:
    result = _cli(
        f"sqlite:///{tmp_path / 'lb.db'}",
        "token",
        "list",
        LABORBRIDGE_ENV="production",
        LABORBRIDGE_SECRET_KEY="a-production-secret-0123456789abcdef",
        LABORBRIDGE_SIGNING_KEY="5f" * 32,
    )

    _refused(result, "LABORBRIDGE_ENCRYPTION_KEYS is not set; in production set a key ring")


def test_a_database_of_plaintext_events_is_refused(database_url: str) -> None:
    settings = _settings(database_url)
    env = {k: v for k, v in event_store_env(settings).items() if not k.startswith("CIPHER")}
    journey = Journey(env=env, identity_key=TEST_SECRET.encode())  # as before encryption
    journey.register_worker(register_command())
    journey.close()

    with pytest.raises(EncryptionRefused, match="this database's events are not encrypted"):
        build_journey(settings).close()
    _refused(_cli(database_url, "token", "list"), "this database's events are not encrypted")


def test_the_api_does_not_start_with_a_wrong_key(database_url: str) -> None:
    _write(_settings(database_url))

    app = create_app(_settings(database_url, OTHER_DEV_KEY))
    with pytest.raises(EncryptionRefused, match="key 'dev' is not the key"), TestClient(app):
        pass


def test_the_check_row_lost_a_wrong_key_is_still_refused_on_the_stored_events(
    database_url: str,
) -> None:
    _write(_settings(database_url))
    db = open_database(_settings(database_url).database)
    with db.transaction() as cursor:
        cursor.execute("DELETE FROM encryption_keys")
    db.close()

    with pytest.raises(EncryptionRefused, match=r"position 1 cannot be read: .* not the one"):
        build_journey(_settings(database_url, OTHER_DEV_KEY)).close()


def test_after_rotation_old_events_stay_readable_and_new_ones_use_the_new_key(
    database_url: str,
) -> None:
    _write(_settings(database_url), workers=2)
    rotated = f"{_new_key('k2')},{DEVELOPMENT_KEY_RING}"
    _write(_settings(database_url, rotated), workers=3)

    journey = build_journey(_settings(database_url, rotated))
    try:
        stored = journey.recorder.select_notifications(start=None, limit=100)
        events = [journey.mapper.to_domain_event(n) for n in stored]
    finally:
        journey.close()
    assert [key_id_of(n.state) for n in stored] == ["dev"] * 2 + ["k2"] * 3
    assert len(events) == 5
    status = _cli(database_url, "keys", "status", LABORBRIDGE_ENCRYPTION_KEYS=rotated)
    assert status.returncode == 0, status.stderr
    lines = [line.split() for line in status.stdout.splitlines()]
    assert ["k2", "current", "3", "0"] in lines
    assert ["dev", "decrypt", "only", "2", "0"] in lines


def test_a_key_that_encrypted_nothing_can_leave_the_ring(database_url: str) -> None:
    _write(_settings(database_url))
    build_journey(_settings(database_url, f"{_new_key('k2')},{DEVELOPMENT_KEY_RING}")).close()

    build_journey(_settings(database_url)).close()  # k2 wrote no event: forgotten

    db = open_database(_settings(database_url).database)
    with db.transaction() as cursor:
        cursor.execute("SELECT key_id FROM encryption_keys")
        assert cursor.fetchall() == [("dev",)]
    db.close()


def test_keys_generate_prints_a_key_line_that_settings_accept(tmp_path: Path) -> None:
    result = _cli(f"sqlite:///{tmp_path / 'none.db'}", "keys", "generate", "--id", "k7")

    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("k7:")
    assert Settings(encryption_keys=line).key_ring.ids == ["k7"]
    assert not (tmp_path / "none.db").exists()  # needs no database


def _new_key(key_id: str = "k2") -> str:
    return generate_key_line(key_id)
