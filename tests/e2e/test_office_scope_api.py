"""Two offices run one programme over the API: each sees exactly the workers it
serves, records what its side records, and hands workers over (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from domain.actor import Role
from domain.scope import Scope
from infrastructure.projector import Projector
from infrastructure.readmodels.registry import all_projections
from infrastructure.schema import create_tables
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from interfaces.http.app import create_app
from tests.conftest import database_url_for, settings_for
from tests.e2e.transfer_placement_bodies import placement_body
from tests.support.factories import registration_body
from tests.support.offices import FUSHAN, LAISHAN, PAIR, WUSHAN, register_offices

# Who calls: a caseworker of each office, one of an office outside the programme,
# a mediator of the pair and an auditor of everything.
CALLERS: dict[str, tuple[Role, str, Scope | None]] = {
    "wushan": (Role.CASEWORKER, WUSHAN, None),
    "laishan": (Role.CASEWORKER, LAISHAN, None),
    "fushan": (Role.CASEWORKER, FUSHAN, None),
    "beijing": (Role.CASEWORKER, "110101", None),
    "pair_mediator": (Role.MEDIATOR, "370600", PAIR),
    "auditor": (Role.AUDITOR, "370000", Scope.everything()),
}


class Offices:
    def __init__(self, client: TestClient, tokens: dict[str, str]) -> None:
        self.client = client
        self.tokens = tokens

    def post(self, who: str, path: str, body: Any, **headers: str) -> httpx.Response:
        return self.client.post(
            f"/api/v1{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.tokens[who]}", **headers},
        )

    def get(self, who: str, path: str, **params: Any) -> httpx.Response:
        return self.client.get(
            f"/api/v1{path}",
            params=params,
            headers={"Authorization": f"Bearer {self.tokens[who]}"},
        )

    def departed(self, destination: str = LAISHAN) -> tuple[str, str]:
        """A Wushan worker on the bus to `destination`: (worker id, transfer id)."""
        worker = self.post("wushan", "/workers", registration_body())
        assert worker.status_code == 201, worker.text
        worker_id = worker.json()["id"]
        transfer = self.post(
            "wushan",
            "/transfers",
            {
                "worker_id": worker_id,
                "destination": destination,
                "channel": "job_fair",
                "planned_on": "2026-03-10",
                "occurred_on": "2026-03-03",
            },
        )
        assert transfer.status_code == 201, transfer.text
        transfer_id = transfer.json()["id"]
        departed = self.post(
            "wushan",
            f"/transfers/{transfer_id}/departure",
            {"mode": "chartered_bus", "occurred_on": "2026-03-10"},
        )
        assert departed.status_code == 200, departed.text
        return worker_id, transfer_id

    def arrived(self) -> tuple[str, str]:
        worker_id, transfer_id = self.departed()
        arrival = self.post(
            "laishan", f"/transfers/{transfer_id}/arrival", {"occurred_on": "2026-03-11"}
        )
        assert arrival.status_code == 200, arrival.text
        return worker_id, transfer_id


@pytest.fixture(params=["sqlite", "postgres"])
def offices(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Offices]:
    settings = settings_for(database_url_for(request.param, request, tmp_path))
    db = open_database(settings.database)
    try:
        create_tables(db)
        store = TokenStore(db)
        tokens = {
            who: store.issue(user=who.replace("_", "."), role=role, office=office, scope=scope)[1]
            for who, (role, office, scope) in CALLERS.items()
        }
    finally:
        db.close()
    with TestClient(create_app(settings)) as client:
        register_offices(client.app.state.journey, districts=True)  # type: ignore[attr-defined]
        yield Offices(client, tokens)


def test_a_worker_is_seen_by_the_offices_that_serve_them_and_not_found_elsewhere(
    offices: Offices,
) -> None:
    worker_id, _ = offices.departed()
    seen = {who: offices.get(who, f"/workers/{worker_id}").status_code for who in CALLERS}
    # Laishan expects the bus: it reads the file to confirm the arrival.
    assert seen == {
        "wushan": 200,
        "laishan": 200,
        "fushan": 404,
        "beijing": 404,
        "pair_mediator": 200,
        "auditor": 200,
    }
    unknown = offices.get("beijing", "/workers/00000000-0000-4000-8000-000000000000")
    hidden = offices.get("beijing", f"/workers/{worker_id}")
    # Outside the scope the answer is the one for a record that does not exist.
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json()["type"] == unknown.json()["type"]
    for path in ("/events", "/served-by"):
        assert offices.get("beijing", f"/workers/{worker_id}{path}").status_code == 404


def test_each_side_records_its_own_facts(offices: Offices) -> None:
    worker_id, transfer_id = offices.departed()
    by_home = offices.post(
        "wushan", f"/transfers/{transfer_id}/arrival", {"occurred_on": "2026-03-11"}
    )
    assert by_home.status_code == 403
    assert by_home.json()["type"] == "/problems/recorded-by-other-side"
    outside = offices.post(
        "beijing", f"/transfers/{transfer_id}/arrival", {"occurred_on": "2026-03-11"}
    )
    assert outside.status_code == 404
    arrival = offices.post(
        "laishan", f"/transfers/{transfer_id}/arrival", {"occurred_on": "2026-03-11"}
    )
    assert arrival.status_code == 200, arrival.text
    served = offices.get("wushan", f"/workers/{worker_id}/served-by").json()
    assert (served["home_office"], served["host_office"]) == (WUSHAN, LAISHAN)

    body = placement_body(worker_id, transfer_id=transfer_id, workplace_division=LAISHAN)
    refused = offices.post("wushan", "/placements", body)
    assert refused.status_code == 403
    assert (
        "由"
        in offices.client.post(
            "/api/v1/placements",
            json=body,
            headers={
                "Authorization": f"Bearer {offices.tokens['wushan']}",
                "Accept-Language": "zh",
            },
        ).json()["detail"]
    )
    placed = offices.post("laishan", "/placements", body)
    assert placed.status_code == 201, placed.text
    # Both sides record contact changes; the registering office alone its training.
    for who in ("wushan", "laishan"):
        mobile = "1390000111" + str(len(who) % 10)
        changed = offices.post(who, f"/workers/{worker_id}/contact", {"mobile": mobile})
        assert changed.status_code == 200, changed.text
    training = {
        "worker_id": worker_id,
        "course_name": "叉车操作",
        "training_type": "specialty",
        "provider": "烟台职业技能学校",
        "planned_start": "2026-04-01",
        "planned_end": "2026-04-10",
    }
    assert offices.post("laishan", "/trainings", training).status_code == 403


def test_only_the_registering_office_reveals_the_full_id_number(offices: Offices) -> None:
    worker_id, _ = offices.arrived()
    path = f"/workers/{worker_id}/id-number-reveal"
    body = {"reason": "核对社保信息"}
    assert offices.post("laishan", path, body).status_code == 403
    assert offices.post("beijing", path, body).status_code == 404
    assert offices.post("wushan", path, body).status_code == 200


def test_a_handover_moves_the_worker_from_one_district_to_another(offices: Offices) -> None:
    worker_id, _ = offices.arrived()
    assert offices.get("fushan", f"/workers/{worker_id}").status_code == 404
    offered = offices.post(
        "laishan",
        f"/workers/{worker_id}/handovers",
        {"to_office": FUSHAN, "reason": "本人转至福山区务工"},
    )
    assert offered.status_code == 200, offered.text
    offer_id = offered.json()["handovers"][0]["offer_id"]
    # Offered the worker, Fushan reads the file before it decides.
    assert offices.get("fushan", f"/workers/{worker_id}").status_code == 200
    not_theirs = offices.post(
        "laishan", f"/workers/{worker_id}/handovers/accept", {"offer_id": offer_id}
    )
    assert not_theirs.status_code == 409
    accepted = offices.post(
        "fushan", f"/workers/{worker_id}/handovers/accept", {"offer_id": offer_id}
    )
    assert accepted.status_code == 200, accepted.text
    served = accepted.json()
    assert (served["host_office"], served["handovers"][0]["state"]) == (FUSHAN, "accepted")
    assert offices.get("laishan", f"/workers/{worker_id}").status_code == 404
    assert offices.get("fushan", f"/workers/{worker_id}").status_code == 200
    again = offices.post("fushan", f"/workers/{worker_id}/handovers/accept", {"offer_id": offer_id})
    assert again.status_code == 200  # accepted already: nothing new recorded
    assert again.json()["version"] == served["version"]


def test_a_handover_home_ends_the_receiving_office_s_service(offices: Offices) -> None:
    worker_id, _ = offices.arrived()
    offered = offices.post(
        "laishan", f"/workers/{worker_id}/handovers", {"to_office": WUSHAN, "reason": "返乡"}
    )
    offer_id = offered.json()["handovers"][0]["offer_id"]
    declined = offices.post(
        "wushan",
        f"/workers/{worker_id}/handovers/decline",
        {"offer_id": offer_id, "reason": "尚未返乡"},
    )
    assert declined.status_code == 200, declined.text
    assert declined.json()["host_office"] == LAISHAN
    offered = offices.post(
        "laishan", f"/workers/{worker_id}/handovers", {"to_office": WUSHAN, "reason": "已返乡"}
    )
    offer_id = offered.json()["handovers"][-1]["offer_id"]
    accepted = offices.post(
        "wushan", f"/workers/{worker_id}/handovers/accept", {"offer_id": offer_id}
    )
    assert accepted.json()["host_office"] is None
    assert offices.get("laishan", f"/workers/{worker_id}").status_code == 404


def test_a_handover_to_an_office_outside_the_programme_is_refused(offices: Offices) -> None:
    worker_id, _ = offices.arrived()
    refused = offices.post(
        "laishan", f"/workers/{worker_id}/handovers", {"to_office": "110101", "reason": "进京"}
    )
    assert refused.status_code == 422
    assert offices.get("wushan", f"/workers/{worker_id}/served-by").json()["handovers"] == []


def test_registering_a_worker_of_another_division(offices: Offices) -> None:
    yantai_hukou = registration_body(hukou_division="370613")
    refused = offices.post("wushan", "/workers", yantai_hukou)
    assert refused.status_code == 422
    wushan_hukou = registration_body()
    no_reason = offices.post("laishan", "/workers", wushan_hukou)
    assert no_reason.status_code == 422
    assert "outside_division_reason" in no_reason.text
    outsider = offices.post("beijing", "/workers", registration_body())
    assert outsider.status_code == 422
    with_reason = offices.post(
        "laishan",
        "/workers",
        {**wushan_hukou, "outside_division_reason": "本人自行来烟务工，由莱山区代为登记"},
    )
    assert with_reason.status_code == 201, with_reason.text


def test_the_pair_s_figures_are_the_sum_of_its_offices_and_reports_stay_in_reach(
    offices: Offices,
) -> None:
    offices.arrived()
    worker_id, transfer_id = offices.arrived()
    body = placement_body(worker_id, transfer_id=transfer_id, workplace_division=LAISHAN)
    assert offices.post("laishan", "/placements", body).status_code == 201
    state = offices.client.app.state  # type: ignore[attr-defined]
    Projector(reader=state.journey, db=state.db, projections=all_projections()).catch_up()

    def figures(who: str, **params: str) -> dict[str, Any]:
        answer = offices.get(who, "/reports/summary", **params)
        assert answer.status_code == 200, answer.text
        return {f["key"]: Decimal(str(f["value"])) for f in answer.json()["figures"]}

    pair = figures("auditor", scope="pair:500237-370600")
    parts = [figures("auditor", office=code) for code in (WUSHAN, "370600", LAISHAN, FUSHAN)]
    assert pair == {key: sum(p[key] for p in parts) for key in pair}
    assert pair["registered_workers"] == 2 and parts[0]["registered_workers"] == 2
    assert parts[2]["registered_workers"] == 0  # Laishan registered nobody: its arrivals count
    assert figures("auditor", scope="province:37") == {
        key: sum(p[key] for p in parts[1:]) for key in pair
    }
    # A caseworker's report is their office's; another office's, or a pair, is refused.
    assert figures("wushan") == parts[0]
    for params in ({"office": LAISHAN}, {"scope": "pair:500237-370600"}):
        assert offices.get("wushan", "/reports/summary", **params).status_code == 422
    assert offices.get("pair_mediator", "/reports/summary", scope="province:37").status_code == 422


def test_search_timelines_and_trail_show_only_what_the_caller_reaches(offices: Offices) -> None:
    worker_id, _ = offices.arrived()
    state = offices.client.app.state  # type: ignore[attr-defined]
    Projector(reader=state.journey, db=state.db, projections=all_projections()).catch_up()

    def found(who: str) -> list[str]:
        answer = offices.get(who, "/workers")
        assert answer.status_code == 200, answer.text
        return [w["id"] for w in answer.json()["items"]]

    assert worker_id in found("wushan") and worker_id in found("laishan")
    assert found("fushan") == found("beijing") == []
    for who, status in (("laishan", 200), ("fushan", 404), ("beijing", 404)):
        assert offices.get(who, f"/workers/{worker_id}/timeline").status_code == status
    assert offices.get("beijing", "/audit/events").status_code == 403  # not an auditor at all
    trail = offices.get("auditor", "/audit/events", limit=500).json()["events"]
    assert any(e.get("worker_id") == worker_id for e in trail)
