"""A policy process that loses the race for a page every time it tries gives up
and says so — an error log line, `/ready`, `laborbridge projections status`
exiting non-zero — instead of stopping as if it had reached the head of the
log; once it gets past the page, all three say so too. SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from structlog.testing import capture_logs

from application.exceptions import EvaluationRace
from application.journey import Journey
from application.retries import RACE_ATTEMPTS
from infrastructure.persistence import event_store_env
from infrastructure.policy_process import POLICY_PROCESS, PolicyProcessGaveUp, SubsidyPolicyProcess
from infrastructure.settings import Settings
from infrastructure.sql import SqlDatabase, open_database
from interfaces.http.app import create_app
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.server import server_env
from tests.support.subsidies import transferred_worker

BIN = Path(sys.executable).parent


class World:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
        self.db: SqlDatabase = open_database(settings.database)
        self.saves = 0

    def always_losing(self) -> None:
        """Every save of the process loses its race, as when another writer
        keeps recording the same subsidies first: nothing of it is saved."""

        def lose(*args: Any, **kwargs: Any) -> None:
            self.saves += 1
            raise EvaluationRace()

        self.journey.record_subsidy_changes = lose  # type: ignore[method-assign]

    def winning_again(self) -> None:
        del self.journey.record_subsidy_changes

    def status(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "laborbridge"), "projections", "status"],
            env=server_env(str(self.settings.database_url)),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.fixture(params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    world = World(settings_for(database_url_for(request.param, request, tmp_path)))
    yield world
    world.journey.close()
    world.db.close()


def _policy_line(status: subprocess.CompletedProcess[str]) -> list[str]:
    return next(li for li in status.stdout.splitlines() if li.startswith(POLICY_PROCESS)).split()


def _ready_process(client: TestClient) -> dict[str, Any]:
    ready = client.get("/ready")
    assert ready.status_code == 200, ready.text
    process: dict[str, Any] = ready.json()["processes"][POLICY_PROCESS]
    return process


def test_a_process_that_loses_every_race_gives_up_and_says_so_until_it_gets_past(
    world: World,
) -> None:
    transferred_worker(world.journey, months=6)
    head = int(world.journey.recorder.max_notification_id() or 0)
    process = SubsidyPolicyProcess(world.journey, world.db)
    world.always_losing()

    with capture_logs() as logs, pytest.raises(PolicyProcessGaveUp) as gave_up:
        process.catch_up()

    assert world.saves == RACE_ATTEMPTS
    assert gave_up.value.stop.position == 1
    assert process.position() == 0  # not at the head, and not taken for it
    errors = [e for e in logs if e["log_level"] == "error"]
    assert errors == [
        {
            "event": "policy_process_gave_up",
            "log_level": "error",
            "process": POLICY_PROCESS,
            "from_position": 1,
            "attempts": RACE_ATTEMPTS,
        }
    ]
    with TestClient(create_app(world.settings)) as client:
        stopped = _ready_process(client)
        assert stopped["position"] == 0 and stopped["lag"] == head
        assert stopped["stopped_at"] == 1
        assert "lost the race" in stopped["error"]
        status = world.status()
        assert status.returncode == 1, status.stdout + status.stderr
        assert _policy_line(status)[1:5] == ["0", str(head), "GAVE", "UP"]
        assert "gave up at position 1" in status.stderr

        world.winning_again()
        with capture_logs() as logs:
            process.catch_up()

        head = int(world.journey.recorder.max_notification_id() or 0)  # with its subsidies
        assert process.position() == head
        assert [e["event"] for e in logs if e["event"].startswith("policy_process")] == [
            "policy_process_resumed"
        ]
        resumed = _ready_process(client)
        assert resumed == {"position": head, "lag": 0, "stopped_at": None, "error": None}
    status = world.status()
    assert status.returncode == 0, status.stdout + status.stderr
    assert _policy_line(status)[1:4] == [str(head), "0", "ok"]


def test_a_process_that_gave_up_in_another_process_is_cleared_by_the_next_to_get_past(
    world: World,
) -> None:
    transferred_worker(world.journey, months=1)
    world.always_losing()
    with pytest.raises(PolicyProcessGaveUp):
        SubsidyPolicyProcess(world.journey, world.db).run_once()
    world.winning_again()

    restarted = SubsidyPolicyProcess(world.journey, world.db)  # e.g. the projector restarted
    assert restarted.gave_up() is not None
    restarted.catch_up()

    assert restarted.gave_up() is None
    assert world.status().returncode == 0
