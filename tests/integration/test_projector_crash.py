"""PostgreSQL: SIGKILL the projector (and the policy process beside it) in the
middle of catching up, start it again, and the read models end equal to a full
rebuild, and the subsidies recorded are exactly what the rules give."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from application.journey import Journey
from application.subsidy_commands import facts_from_rows
from application.subsidy_facts import FactRow, index_events
from infrastructure.persistence import event_store_env
from infrastructure.policy_process import indexed_workers
from infrastructure.readmodels.registry import all_projections
from infrastructure.sql import open_database
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET, settings_for
from tests.support.server import server_env

BIN = Path(sys.executable).parent


def _tracking(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        try:
            rows = connection.execute("SELECT projection, position FROM rm_tracking").fetchall()
        except psycopg.errors.UndefinedTable:
            return {}
    return {name: int(position) for name, position in rows}


def _settled_head(url: str) -> int | None:
    """The log head once the read models and the policy process have all reached
    it (the policy writes subsidies, so the head moves while it works)."""
    with psycopg.connect(url) as connection:
        head = connection.execute("SELECT max(notification_id) FROM laborbridge_events").fetchone()
        policy = connection.execute(
            "SELECT notification_id FROM laborbridge_tracking WHERE application_name = %s",
            ("subsidy_policy",),
        ).fetchone()
    reached = min([*_tracking(url).values(), int(policy[0]) if policy else 0])
    return int(head[0]) if head and reached >= int(head[0]) else None


def _projector(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "laborbridge"), "projector"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def test_a_projector_killed_mid_catch_up_resumes_to_a_state_equal_to_a_rebuild(
    clean_postgres: str, tmp_path: Path
) -> None:
    journey = Journey(
        env=event_store_env(settings_for(clean_postgres)), identity_key=TEST_SECRET.encode()
    )
    load_demo(journey, workers=150, seed=11)
    head = int(journey.recorder.max_notification_id() or 0)
    journey.close()
    names = {p.name for p in all_projections()}
    assert names and head > 1000
    env = server_env(clean_postgres)
    env["LABORBRIDGE_PROJECTOR_PAGE_SIZE"] = "5"  # many small transactions to land in
    log = tmp_path / "projector.log"

    killed_at: dict[str, int] = {}
    process = _projector(env, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        positions = _tracking(clean_postgres)
        if positions.keys() >= names and 0 < min(positions.values()) < head:
            os.kill(process.pid, signal.SIGKILL)
            killed_at = positions
            break
        time.sleep(0.005)
    process.wait(timeout=10)
    assert killed_at, "the projector was not caught mid-way: " + log.read_text()[-2000:]
    assert min(killed_at.values()) < head

    process = _projector(env, log)
    try:
        deadline = time.monotonic() + 120
        while (settled := _settled_head(clean_postgres)) is None:
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.05)
    finally:
        process.terminate()
        process.wait(timeout=10)

    verify = subprocess.run(
        [str(BIN / "laborbridge"), "projections", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    for name in names:
        assert f"{name}: equal to a rebuild at position {settled}" in verify.stdout
    # The policy process was killed mid-way too: still, it indexed every worker and
    # recorded exactly what the rules give each one's whole history.
    journey = Journey(
        env=event_store_env(settings_for(clean_postgres)), identity_key=TEST_SECRET.encode()
    )
    db = open_database(settings_for(clean_postgres).database)
    try:
        rows, head = _facts_of_the_whole_log(journey)
        workers = sorted({row.worker_id for row in rows})
        assert len(workers) == 150
        assert set(indexed_workers(db)) == set(workers)
        assert _assessed(clean_postgres) > 100
        missed = [
            s for w in workers for s in journey.subsidy_changes(facts_from_rows(w, rows, head))
        ]
        assert missed == []
    finally:
        db.close()
        journey.close()


def _facts_of_the_whole_log(journey: Journey) -> tuple[list[FactRow], int]:
    """The facts the policy process would index, read from the log in one go."""
    notifications = journey.recorder.select_notifications(start=1, limit=1_000_000)
    decoded = [(int(n.id), journey.mapper.to_domain_event(n)) for n in notifications]
    return index_events(decoded, {}), decoded[-1][0]


def _assessed(url: str) -> int:
    with psycopg.connect(url) as connection:
        row = connection.execute(
            "SELECT count(*) FROM laborbridge_events WHERE topic LIKE %s",
            ("%:Subsidy.Assessed",),
        ).fetchone()
    return int(row[0]) if row else 0
