"""`laborbridge subsidies policies | evaluate`: a policy version added as data
re-evaluates what arose under it, and nothing else."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from application.journey import Journey
from infrastructure.persistence import event_store_env
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.server import server_env
from tests.support.subsidies import transferred_worker

BIN = Path(sys.executable).parent
RAISED = """
[[policy]]
version = "2021-鲁渝-1"
effective_from = 2021-01-01

[[policy]]
version = "2026-鲁渝-2"
effective_from = 2026-07-01
stable_job_amount_per_month = "1200.00"
stable_job_cap = "7200.00"
"""


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), "subsidies", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("persistence", ["sqlite", "postgres"])
def test_a_new_policy_version_reassesses_what_arose_under_it(
    persistence: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = database_url_for(persistence, request, tmp_path)
    journey = Journey(env=event_store_env(settings_for(url)), identity_key=TEST_SECRET.encode())
    story = transferred_worker(journey, months=6)  # stable in 2026-08: the months arise then
    journey.close()
    env = server_env(url)

    first = _cli(env, "evaluate")
    policies = tmp_path / "policies.toml"
    policies.write_text(RAISED, encoding="utf-8")
    env["LABORBRIDGE_SUBSIDY_POLICIES_FILE"] = str(policies)
    listed = _cli(env, "policies")
    raised = _cli(env, "evaluate", "--worker", str(story.worker_id))
    again = _cli(env, "evaluate")

    assert first.returncode == 0, first.stderr
    assert "evaluated 1 workers" in first.stdout
    assert "2026-鲁渝-2  from 2026-07-01" in listed.stdout
    assert raised.returncode == 0, raised.stderr
    assert "6 subsidies changed" in raised.stdout  # the six stable-job months, not the rest
    assert "0 subsidies changed" in again.stdout
    journey = Journey(env=event_store_env(settings_for(url)), identity_key=TEST_SECRET.encode())
    stable = [
        journey.subsidy(i)
        for i in _subsidy_ids(journey)
        if journey.subsidy(i).kind.value == "stable_job"
    ]
    assert {(s.amount, s.policy_version) for s in stable} == {(Decimal("1200.00"), "2026-鲁渝-2")}
    journey.close()


def test_an_unusable_policy_file_is_refused_with_one_line(tmp_path: Path) -> None:
    env = server_env(f"sqlite:///{tmp_path / 'lb.db'}")
    env["LABORBRIDGE_SUBSIDY_POLICIES_FILE"] = str(tmp_path / "missing.toml")

    result = _cli(env, "policies")

    assert result.returncode == 2
    assert "cannot read" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _subsidy_ids(journey: Journey) -> list[object]:
    return [
        n.originator_id
        for n in journey.recorder.select_notifications(start=1, limit=100_000)
        if n.topic.endswith(":Subsidy.Assessed")
    ]
