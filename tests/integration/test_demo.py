"""`laborbridge demo`: a realistic, reproducible programme year."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from application.journey import Journey
from domain.actor import Role
from domain.dispute import Dispute
from domain.placement import Placement
from domain.subsidy import Subsidy
from domain.transfer import Transfer
from infrastructure.policy_process import SubsidyPolicyProcess
from infrastructure.settings import DatabaseURL
from infrastructure.sql import open_database
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET
from tests.support.offices import EVERYONE

BIN = Path(sys.executable).parent
IDS = {"worker_id", "transfer_id", "placement_id", "dispute_id", "id"}


def _loaded(seed: int, workers: int = 120) -> Journey:
    journey = Journey(
        env={"PERSISTENCE_MODULE": "eventsourcing.popo"}, identity_key=TEST_SECRET.encode()
    )
    load_demo(journey, workers=workers, seed=seed)
    return journey


def _story(journey: Journey) -> list[tuple[str, dict[str, Any]]]:
    """Every event's type and payload, without the random record ids."""
    story = []
    for n in journey.recorder.select_notifications(start=1, limit=100_000):
        event = journey.mapper.to_domain_event(n)
        payload = {
            k: v
            for k, v in vars(event).items()
            if k not in IDS and not k.startswith("originator") and k != "timestamp"
        }
        story.append((type(event).__qualname__, payload))
    return story


def _records(journey: Journey, kind: type) -> list[Any]:
    ids = {n.originator_id for n in journey.recorder.select_notifications(start=1, limit=100_000)}
    records = [journey.repository.get(i) for i in ids]
    return [r for r in records if isinstance(r, kind)]


def test_the_same_seed_gives_the_same_programme_year() -> None:
    first, again, other = _loaded(7), _loaded(7), _loaded(8)
    assert _story(first) == _story(again)
    assert _story(first) != _story(other)


def test_the_year_covers_every_step_and_every_dispute_state() -> None:
    journey = _loaded(2025, workers=150)
    types = Counter(kind for kind, _ in _story(journey))
    for event in (
        "Worker.Registered",
        "Worker.PovertyStatusChanged",
        "Worker.SupportServiceRecorded",
        "TrainingEnrollment.Certified",
        "TrainingEnrollment.Dropped",
        "Transfer.Arrived",
        "Transfer.Cancelled",
        "Transfer.Returned",
        "Placement.MonthConfirmed",
        "Placement.Ended",
        "Dispute.Escalated",
        "Dispute.Settled",
        "Dispute.Reopened",
    ):
        assert types[event] > 0, event
    statuses = Counter(d.status.value for d in _records(journey, Dispute))
    assert set(statuses) == {"opened", "in_mediation", "escalated", "settled", "closed"}
    placements = _records(journey, Placement)
    assert any(p.stably_employed for p in placements)
    assert {p.kind.value for p in placements} >= {"cross_province", "workshop"}
    assert any(t.state.value == "arrived" for t in _records(journey, Transfer))
    workers = [
        journey.worker_details(n.originator_id, EVERYONE)
        for n in journey.recorder.select_notifications(
            start=1, limit=100_000, topics=("domain.worker:Worker.Registered",)
        )
    ]
    assert {w.poverty_status for w in workers} == {
        "lifted_out_of_poverty",
        "monitored_at_risk",
        "general",
    }
    assert all(w.hukou_division == "500237" for w in workers)
    assert all(
        e.actor.role is Role.MEDIATOR
        for e in journey.dispute_events(_records(journey, Dispute)[0].id, EVERYONE)[1:]
    )


def test_the_cli_loads_into_the_configured_database_and_a_rerun_adds_nothing(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env.update(
        LABORBRIDGE_DATABASE_URL=f"sqlite:///{tmp_path / 'demo.db'}",
        LABORBRIDGE_SECRET_KEY=TEST_SECRET,
    )
    command = [str(BIN / "laborbridge"), "demo", "--workers", "40", "--seed", "3"]

    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    again = subprocess.run(command, env=env, capture_output=True, text=True, check=True)

    assert "40 workers" in first.stdout
    assert "0 workers" in again.stdout
    assert "40 workers of this seed were registered already" in again.stdout
    position = first.stdout.split("position ")[1].split(".")[0]
    assert f"position {position}." in again.stdout


def test_the_year_ends_with_subsidies_of_every_kind_in_every_state(tmp_path: Path) -> None:
    journey = Journey(
        env={"PERSISTENCE_MODULE": "eventsourcing.popo"}, identity_key=TEST_SECRET.encode()
    )
    db = open_database(DatabaseURL(f"sqlite:///{tmp_path / 'facts.db'}"))
    policy = SubsidyPolicyProcess(journey, db)

    summary = load_demo(journey, workers=200, seed=2025, evaluate_all=policy.catch_up)

    subsidies = _records(journey, Subsidy)
    assert {s.kind.value for s in subsidies} == {
        "transport_living",
        "stable_job",
        "life_adaptation",
    }
    assert {s.status.value for s in subsidies} == {
        "assessed",
        "approved",
        "rejected",
        "paid",
        "revoked",
        "withdrawn",
        "overpaid",
    }
    assert summary.counts["months withdrawn"] > 0
    assert policy.run_once() == 0  # the process has read everything, decisions included
    db.close()
