"""HTTP: /transfers — arranging, departure, arrival, cancellation, return."""

from __future__ import annotations

from tests.e2e.conftest import Api
from tests.e2e.transfer_placement_bodies import (
    arrange,
    arrangement,
)


def test_a_transfer_is_arranged_departs_arrives_and_returns(api: Api) -> None:
    worker_id = api.register().json()["id"]

    created = api.post("/transfers", arrangement(worker_id, note="首批 30 人专车"))

    assert created.status_code == 201, created.text
    transfer = created.json()
    assert created.headers["location"] == f"/api/v1/transfers/{transfer['id']}"
    assert created.headers["etag"] == '"1"'
    assert int(created.headers["x-position"]) >= 2
    assert (transfer["state"], transfer["origin_office"]) == ("arranged", "500237")
    assert (transfer["destination"], transfer["destination_name"]) == ("370600", "山东省烟台市")
    path = f"/transfers/{transfer['id']}"

    departed = api.post(f"{path}/departure", {"mode": "chartered_bus", "occurred_on": "2026-03-16"})
    arrived = api.post(f"{path}/arrival", {"occurred_on": "2026-03-17"}, **{"If-Match": '"2"'})
    returned = api.post(f"{path}/return", {"reason": "合同期满", "occurred_on": "2026-10-02"})

    for response, version in ((departed, 2), (arrived, 3), (returned, 4)):
        assert response.status_code == 200, response.text
        assert response.headers["etag"] == f'"{version}"'
        assert "x-position" in response.headers
        assert "location" not in response.headers
    assert arrived.json()["confirmed_by_office"] == "500237"
    current = api.get(path)
    assert current.status_code == 200
    assert current.headers["etag"] == '"4"'
    assert current.json()["state"] == "returned"
    assert current.json()["mode"] == "chartered_bus"
    events = api.get(f"{path}/events").json()
    assert events["record_id"] == transfer["id"]
    assert [e["type"] for e in events["events"]] == [
        "Transfer.Arranged",
        "Transfer.Departed",
        "Transfer.Arrived",
        "Transfer.Returned",
    ]
    assert events["events"][0]["payload"]["channel"] == "job_fair"
    assert events["events"][0]["actor"]["user"] == "caseworker.user"


def test_an_arranged_transfer_can_be_cancelled(api: Api) -> None:
    transfer_id = arrange(api)
    response = api.post(f"/transfers/{transfer_id}/cancellation", {"reason": "家中老人生病"})
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "cancelled"
    assert response.json()["cancel_reason"] == "家中老人生病"


def test_every_step_keeps_its_note(api: Api) -> None:
    worker_id = api.register().json()["id"]
    path = (
        f"/transfers/{api.post('/transfers', arrangement(worker_id, note='首批专车')).json()['id']}"
    )
    api.post(f"{path}/departure", {"mode": "train", "note": "G1234 次"})
    api.post(f"{path}/arrival", {"note": "烟台劳务办事处接站"})
    api.post(f"{path}/return", {"reason": "合同期满", "note": "已结清工资"})
    other = api.post("/transfers", arrangement(worker_id)).json()["id"]
    api.post(f"/transfers/{other}/cancellation", {"reason": "x", "note": "改期"})

    events = (
        api.get(f"{path}/events").json()["events"]
        + api.get(f"/transfers/{other}/events").json()["events"][1:]
    )

    assert [e["payload"]["note"] for e in events] == [
        "首批专车",
        "G1234 次",
        "烟台劳务办事处接站",
        "已结清工资",
        "改期",
    ]
