"""HTTP: /placements — start, monthly confirmations, end."""

from __future__ import annotations

from tests.e2e.conftest import Api
from tests.e2e.transfer_placement_bodies import arrangement, month, placement_body

SIX_MONTHS = ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"]


def test_a_placement_from_a_transfer_is_confirmed_until_stable_and_ended(api: Api) -> None:
    worker_id = api.register().json()["id"]
    transfer = api.post("/transfers", arrangement(worker_id)).json()

    created = api.post("/placements", placement_body(worker_id, transfer_id=transfer["id"]))

    assert created.status_code == 201, created.text
    placement = created.json()
    assert created.headers["location"] == f"/api/v1/placements/{placement['id']}"
    assert created.headers["etag"] == '"1"'
    assert int(created.headers["x-position"]) >= 3
    assert (placement["transfer_id"], placement["monthly_wage"]) == (transfer["id"], "5200.00")
    assert (placement["state"], placement["started_on"]) == ("active", "2026-03-18")
    assert placement["workplace_division_name"] == "山东省烟台市芝罘区"
    path = f"/placements/{placement['id']}"

    for version, value in enumerate(SIX_MONTHS, start=2):
        confirmed = api.post(f"{path}/months", month(value, evidence_ref="工资表第12行"))
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.headers["etag"] == f'"{version}"'
        assert "x-position" in confirmed.headers
    assert confirmed.json()["stably_employed"] is True
    ended = api.post(f"{path}/end", {"end_date": "2026-09-30", "reason": "合同期满"})

    assert ended.status_code == 200, ended.text
    assert ended.headers["etag"] == '"8"'
    current = api.get(path)
    assert current.headers["etag"] == '"8"'
    body = current.json()
    assert (body["state"], body["ended_on"], body["end_reason"]) == (
        "ended",
        "2026-09-30",
        "合同期满",
    )
    assert body["confirmed_months"] == SIX_MONTHS
    assert body["longest_consecutive_run"] == 6
    assert body["confirmations"][0]["evidence_ref"] == "工资表第12行"
    events = api.get(f"{path}/events").json()["events"]
    assert [e["type"] for e in events] == (
        ["Placement.Started"] + ["Placement.MonthConfirmed"] * 6 + ["Placement.Ended"]
    )
    assert events[0]["payload"]["monthly_wage"] == "5200.00"
    assert events[-1]["occurred_on"] == "2026-09-30"


def test_every_command_keeps_its_note(api: Api) -> None:
    worker_id = api.register().json()["id"]
    created = api.post("/placements", placement_body(worker_id, note="经劳务办事处推荐"))
    path = f"/placements/{created.json()['id']}"
    api.post(f"{path}/months", month("2026-04", note="企业提供工资表"))
    api.post(f"{path}/end", {"reason": "个人原因", "note": "已办离职"})

    events = api.get(f"{path}/events").json()["events"]

    assert [e["payload"]["note"] for e in events] == [
        "经劳务办事处推荐",
        "企业提供工资表",
        "已办离职",
    ]


def test_a_withdrawn_month_is_taken_out_until_confirmed_again(api: Api) -> None:
    worker_id = api.register().json()["id"]
    created = api.post("/placements", placement_body(worker_id))
    path = f"/placements/{created.json()['id']}"
    for value in SIX_MONTHS:
        api.post(f"{path}/months", month(value))
    api.project()
    assert api.get("/workers", q="冉").json()["items"][0]["stage"] == "stably_employed"

    withdrawn = api.post(
        f"{path}/month-withdrawal",
        {"month": "2026-05", "reason": "工资表核对有误", "note": "企业更正"},
        **{"If-Match": '"7"'},
    )

    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.headers["etag"] == '"8"'
    assert "x-position" in withdrawn.headers
    assert "location" not in withdrawn.headers
    body = withdrawn.json()
    assert body["confirmed_months"] == [m for m in SIX_MONTHS if m != "2026-05"]
    assert (body["longest_consecutive_run"], body["stably_employed"]) == (3, False)
    assert [(w["month"], w["reason"]) for w in body["withdrawals"]] == [
        ("2026-05", "工资表核对有误")
    ]
    assert api.get(path).json() == body
    event = api.get(f"{path}/events").json()["events"][-1]
    assert (event["type"], event["payload"]["month"], event["payload"]["note"]) == (
        "Placement.MonthWithdrawn",
        "2026-05",
        "企业更正",
    )
    api.project()
    case_file = api.get("/workers", q="冉").json()["items"][0]
    assert (case_file["stage"], case_file["confirmed_months"]) == ("placed", 5)

    again = api.post(f"{path}/months", month("2026-05"))
    assert again.headers["etag"] == '"9"'
    assert again.json()["stably_employed"] is True
    assert again.json()["withdrawals"][0]["month"] == "2026-05"
