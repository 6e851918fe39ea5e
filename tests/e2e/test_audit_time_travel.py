"""Auditors replay a worker and their journey as the office knew them at a past
moment, or a record at a version."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.read_side_world import created, move
from tests.e2e.transfer_placement_bodies import UNKNOWN, month, placement_body
from tests.support.factories import registration_body
from tests.support.problems import problem


def now() -> str:
    time.sleep(0.02)  # recorded times are distinct
    moment = datetime.now(UTC).isoformat()
    time.sleep(0.02)
    return moment


def audit(api: Api, path: str, **params: Any) -> Any:
    response = api.get(path, Role.AUDITOR, **params)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_worker_replayed_at_a_past_moment_shows_only_what_was_known_then(api: Api) -> None:
    worker_id = created(api, "/workers", registration_body(occurred_on="2026-01-02"))
    registered = now()
    move(api, worker_id)
    moved = now()
    placement = created(api, "/placements", placement_body(worker_id, start_date="2026-03-27"))
    created(api, f"/placements/{placement}/months", month("2026-03", occurred_on="2026-04-05"))
    api.post(
        f"/workers/{worker_id}/poverty-status",
        {"status": "general", "effective_on": "2026-05-01", "source": "动态调整名单"},
    )
    api.project()

    then = audit(api, f"/audit/workers/{worker_id}", as_of=registered)
    later = audit(api, f"/audit/workers/{worker_id}", as_of=moved)
    today = audit(api, f"/audit/workers/{worker_id}")

    assert then["worker"]["poverty_status"] == "lifted_out_of_poverty"
    assert (then["transfers"], then["placements"]) == ([], [])
    assert [e["type"] for e in then["events"]] == ["Worker.Registered"]
    assert [t["state"] for t in later["transfers"]] == ["arrived"]
    assert later["placements"] == []
    assert today["worker"]["poverty_status"] == "general"
    assert today["placements"][0]["confirmed_months"] == ["2026-03"]
    assert [e["type"] for e in today["events"]][-2:] == [
        "Worker.PovertyStatusChanged",
        "Subsidy.Assessed",  # the policy process found the transport subsidy
    ]
    assert [s["kind"] for s in today["subsidies"]] == ["transport_living"]
    assert then["subsidies"] == later["subsidies"] == []
    assert all(e["position"] for e in today["events"])  # where each lies in the log
    positions = [e["position"] for e in today["events"]]
    assert positions == sorted(positions)
    assert "冉光明" not in str(today["events"])  # personal data stays masked


def test_a_record_replayed_at_a_version(api: Api) -> None:
    worker_id = created(api, "/workers", registration_body())
    api.post(f"/workers/{worker_id}/skills", {"skills": ["焊工"]})
    api.post(f"/workers/{worker_id}/skills", {"skills": ["电工"]})
    api.project()

    first = audit(api, f"/audit/records/{worker_id}", version=2)
    worker_at_2 = audit(api, f"/audit/workers/{worker_id}", version=2)

    assert (first["kind"], first["version"]) == ("worker", 2)
    assert first["record"]["skills"] == ["焊工"]
    assert [e["version"] for e in first["events"]] == [1, 2]
    assert worker_at_2["worker"]["skills"] == ["焊工"]
    problem(api.get(f"/audit/records/{worker_id}", Role.AUDITOR, version=9), 404)


def test_before_the_worker_existed_is_404_and_bad_input_is_422(api: Api) -> None:
    before = now()
    worker_id = created(api, "/workers", registration_body())
    api.project()

    problem(api.get(f"/audit/workers/{worker_id}", Role.AUDITOR, as_of=before), 404)
    problem(api.get(f"/audit/workers/{UNKNOWN}", Role.AUDITOR), 404)
    bad = api.get(f"/audit/workers/{worker_id}", Role.AUDITOR, as_of="yesterday")
    assert problem(bad, 422)["errors"][0]["field"] == "as_of"
    both = api.get(f"/audit/workers/{worker_id}", Role.AUDITOR, as_of=before, version=1)
    assert problem(both, 422)["errors"][0]["field"] == "version"
    for role in (Role.CASEWORKER, Role.MEDIATOR, Role.ADMIN):
        problem(api.get(f"/audit/workers/{worker_id}", role), 403)
