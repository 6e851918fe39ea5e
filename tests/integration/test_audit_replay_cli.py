"""`laborbridge audit replay`: the history and state of a worker at a past moment."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from application import commands as c
from application.clock import SHANGHAI
from application.journey import Journey
from infrastructure.persistence import event_store_env
from infrastructure.projector_service import ProjectorService
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import CASEWORKER
from tests.support.server import server_env
from tests.support.subsidies import transferred_worker

BIN = Path(sys.executable).parent


def _replay(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), "audit", "replay", *args],
        env=server_env(url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("persistence", ["sqlite", "postgres"])
def test_replay_prints_the_history_and_the_state_as_at_a_moment(
    persistence: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = database_url_for(persistence, request, tmp_path)
    settings = settings_for(url)
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    story = transferred_worker(journey, months=2)
    time.sleep(0.02)
    before_change = datetime.now(UTC).isoformat()
    time.sleep(0.02)
    journey.change_poverty_status(
        c.ChangePovertyStatus(
            actor=CASEWORKER, worker_id=story.worker_id, status="general", source="动态调整"
        )
    )
    journey.close()
    service = ProjectorService(settings)
    try:
        service.catch_up()
    finally:
        service.close()

    then = _replay(url, "--worker", str(story.worker_id), "--as-of", before_change)
    now = _replay(url, "--worker", str(story.worker_id))
    unknown = _replay(url, "--worker", "00000000-0000-4000-8000-000000000000")
    # Yesterday by business date: the story's facts (all dated in the past, all
    # recorded today), not today's change of status.
    yesterday = (datetime.now(SHANGHAI) - timedelta(days=1)).date().isoformat()
    dated = _replay(
        url, "--worker", str(story.worker_id), "--as-of", yesterday, "--basis", "business"
    )
    undated = _replay(url, "--worker", str(story.worker_id), "--basis", "business")

    assert then.returncode == 0, then.stderr
    history, state = then.stdout.split("\nState:\n")
    assert "Placement.MonthConfirmed" in history
    assert "Worker.PovertyStatusChanged" not in history
    assert json.loads(state)["worker"]["poverty_status"] == "lifted_out_of_poverty"
    assert json.loads(now.stdout.split("\nState:\n")[1])["worker"]["poverty_status"] == "general"
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert "no worker with id" in unknown.stderr
    assert dated.returncode == 0, dated.stderr
    history, state = dated.stdout.split("\nState:\n")
    assert f"the facts dated on or before {yesterday}, as known now" in history
    assert "Placement.MonthConfirmed" in history
    assert "Worker.PovertyStatusChanged" not in history
    assert json.loads(state)["worker"]["poverty_status"] == "lifted_out_of_poverty"
    assert (undated.returncode, undated.stdout) == (2, "")
    assert "--basis business needs --as-of" in undated.stderr
