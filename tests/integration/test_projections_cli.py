"""`laborbridge projections status | rebuild | verify` on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from application.journey import Journey
from infrastructure.persistence import event_store_env, events_table
from infrastructure.projector_service import ProjectorService
from infrastructure.readmodels.registry import all_projections
from infrastructure.sql import open_database
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.server import server_env

BIN = Path(sys.executable).parent


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), "projections", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def loaded(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, int]:
    url = database_url_for(request.param, request, tmp_path)
    settings = settings_for(url)
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    load_demo(journey, workers=40, seed=5)
    head = int(journey.recorder.max_notification_id() or 0)
    journey.close()
    service = ProjectorService(settings)
    try:
        service.projector.catch_up()
    finally:
        service.close()
    return url, head


def test_status_shows_each_read_model_at_the_head(loaded: tuple[str, int]) -> None:
    url, head = loaded
    result = _cli(server_env(url), "status")
    assert result.returncode == 0, result.stderr
    assert f"log head: position {head}" in result.stdout
    for projection in all_projections():
        line = next(li for li in result.stdout.splitlines() if li.startswith(projection.name))
        assert line.split()[1:4] == [str(head), "0", "ok"]
    # The policy process is listed too; this fixture never ran it.
    policy = next(li for li in result.stdout.splitlines() if li.startswith("subsidy_policy"))
    assert policy.split()[1:3] == ["0", str(head)]


def test_rebuild_drops_and_rebuilds_with_a_rate_line_and_verify_finds_them_equal(
    loaded: tuple[str, int],
) -> None:
    url, head = loaded
    env = server_env(url)
    rebuilt = _cli(env, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "events/s" in rebuilt.stdout
    assert f"{head}/{head} events" in rebuilt.stderr  # the progress bar reached the head
    verified = _cli(env, "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.count("equal to a rebuild") == len(all_projections())


def test_verify_reports_a_tampered_row_and_exits_non_zero(loaded: tuple[str, int]) -> None:
    url, _ = loaded
    projection = all_projections()[0]
    table = projection.tables[0]
    db = open_database(settings_for(url).database)
    with db.transaction() as cursor:
        key = table.key[0]
        cursor.execute(
            f"DELETE FROM rm_{table.name} WHERE {key} = (SELECT MIN({key}) FROM rm_{table.name})"
        )
    db.close()

    result = _cli(server_env(url), "verify")

    assert result.returncode == 1
    assert (
        f"{projection.name}.{table.name}: 0 rows only in the live table, 1 only in the rebuild"
        in result.stdout
    )


def test_rebuilding_an_unknown_read_model_is_refused(loaded: tuple[str, int]) -> None:
    result = _cli(server_env(loaded[0]), "rebuild", "nonsense")
    assert result.returncode == 2
    assert "no read model named 'nonsense'" in result.stderr


def test_rebuild_brings_a_read_model_written_by_an_older_version_up_to_date(
    loaded: tuple[str, int],
) -> None:
    url, _ = loaded
    db = open_database(settings_for(url).database)
    with db.transaction() as cursor:  # as created before the column was added
        cursor.execute("ALTER TABLE rm_workers DROP COLUMN stable_placements")
    db.close()
    env = server_env(url)

    rebuilt = _cli(env, "rebuild", "case_files")
    verified = _cli(env, "verify")

    assert rebuilt.returncode == 0, rebuilt.stderr
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "case_files: equal to a rebuild" in verified.stdout


def _give_an_unknown_topic(url: str, position: int) -> None:
    """The event at `position` names a class this code does not have (as if
    written by a newer version): no read model can apply it."""
    settings = settings_for(url)
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    table = events_table(journey)
    journey.close()
    db = open_database(settings.database)
    position_column = "notification_id" if db.is_postgres else "rowid"
    with db.transaction() as cursor:
        cursor.execute(
            f"UPDATE {table} SET topic = 'domain.future:Unknown' WHERE {position_column} = %s",
            (position,),
        )
    db.close()


def test_a_rebuild_that_stops_before_the_head_and_a_stopped_status_exit_non_zero(
    loaded: tuple[str, int],
) -> None:
    url, head = loaded
    bad = head - 5
    _give_an_unknown_topic(url, bad)
    env = server_env(url)

    rebuilt = _cli(env, "rebuild", "timeline")
    status = _cli(env, "status")

    assert rebuilt.returncode == 1, rebuilt.stdout + rebuilt.stderr
    assert f"laborbridge: timeline stopped at position {bad} of {head}: cannot decode" in (
        rebuilt.stderr
    )
    assert status.returncode == 1, status.stdout + status.stderr
    timeline = next(li for li in status.stdout.splitlines() if li.startswith("timeline"))
    assert f"STOPPED at {bad}" in timeline
    assert "laborbridge: stopped read models: timeline" in status.stderr
