"""HTTP: every /disputes endpoint's happy path, and who reads the case notes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from application.clock import today_in_shanghai
from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import (
    ATTENDEE,
    CLOSURE_REASON,
    DESCRIPTION,
    DIGEST,
    ESCALATION_REASON,
    EVIDENCE,
    REOPEN_REASON,
    SUMMARY,
    open_dispute,
    opening_body,
    run,
)
from tests.support.problems import problem

CASE_NOTES = (SUMMARY, EVIDENCE, DESCRIPTION, DIGEST, ATTENDEE, ESCALATION_REASON)


def test_a_mediator_opens_a_dispute_with_201_location_etag_and_position(api: Api) -> None:
    worker_id = api.register(occurred_on="2026-01-02").json()["id"]

    response = api.post("/disputes", opening_body(worker_id), role=Role.MEDIATOR)

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/api/v1/disputes/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert int(response.headers["x-position"]) >= 1
    assert body["status"] == "opened"
    assert body["worker_id"] == worker_id
    assert body["amount_claimed"] == "18600.00"
    assert body["description"] == DESCRIPTION
    assert body["mediation_due_on"] == "2026-01-20"
    assert body["overdue"] is True
    assert body["restricted"] is False


def test_a_caseworker_who_opens_a_dispute_gets_the_view_without_case_notes(api: Api) -> None:
    worker_id = api.register(occurred_on="2026-01-02").json()["id"]

    response = api.post("/disputes", opening_body(worker_id), role=Role.CASEWORKER)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["restricted"] is True
    assert body["description"] is None
    assert body["amount_claimed"] == "18600.00"
    assert DESCRIPTION not in response.text


def test_assigning_defaults_to_the_acting_mediator(api: Api) -> None:
    dispute_id = open_dispute(api)

    response = api.post(f"/disputes/{dispute_id}/mediator", {}, role=Role.MEDIATOR)

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    assert response.json()["mediator"] == "mediator.user"
    assert response.json()["status"] == "in_mediation"
    other = api.post(f"/disputes/{dispute_id}/mediator", {"mediator": "zhao.lei"}, Role.MEDIATOR)
    assert other.json()["mediator"] == "zhao.lei"


def test_a_session_is_recorded_with_its_date_attendees_and_summary(api: Api) -> None:
    dispute_id = open_dispute(api)

    body = run(api, dispute_id, "mediator", "sessions")

    assert body["version"] == 3
    assert body["sessions"] == [
        {
            "held_on": "2026-01-08",
            "attendees": ["冉光明", ATTENDEE],
            "summary": SUMMARY,
            "recorded_by": "mediator.user",
        }
    ]


def test_evidence_is_recorded_with_its_digest(api: Api) -> None:
    dispute_id = open_dispute(api)

    body = run(api, dispute_id, "evidence")

    assert body["status"] == "opened"
    assert body["evidence"][0]["sha256"] == DIGEST
    assert body["evidence"][0]["description"] == EVIDENCE


def test_escalation_settlement_closure_and_reopening(api: Api) -> None:
    dispute_id = open_dispute(api)

    escalated = run(api, dispute_id, "mediator", "escalation")
    assert (escalated["status"], escalated["escalated_to"]) == ("escalated", "labour_arbitration")
    assert escalated["overdue"] is False
    settled = run(api, dispute_id, "settlement")
    assert (settled["amount_agreed"], settled["amount_recovered"]) == ("18600.00", "9300.00")
    closed = run(api, dispute_id, "closure")
    assert (closed["status"], closed["outcome"]) == ("closed", "settled")
    assert closed["closure_reason"] == CLOSURE_REASON
    reopened = run(api, dispute_id, "reopening")
    assert reopened["status"] == "in_mediation"
    assert reopened["reopen_reason"] == REOPEN_REASON
    assert reopened["version"] == 6


def test_a_reopened_dispute_starts_a_new_mediation_period_and_is_not_overdue(api: Api) -> None:
    dispute_id = open_dispute(api)  # accepted 2026-01-05: long overdue by now
    assert run(api, dispute_id, "mediator")["overdue"] is True
    today = today_in_shanghai()
    due = (today + timedelta(days=15)).isoformat()

    run(api, dispute_id, "closure")
    reopened = run(api, dispute_id, "reopening")  # both today

    assert (reopened["status"], reopened["overdue"]) == ("in_mediation", False)
    assert reopened["mediation_due_on"] == due
    assert reopened["mediation_periods"] == [
        {
            "started_on": "2026-01-05",
            "started_by": "accepted",
            "due_on": "2026-01-20",
            "ended_on": today.isoformat(),
            "ended_by": "closed",
        },
        {
            "started_on": today.isoformat(),
            "started_by": "reopened",
            "due_on": due,
            "ended_on": None,
            "ended_by": None,
        },
    ]
    assert (
        api.get(f"/disputes/{dispute_id}").json()["mediation_periods"]
        == (reopened["mediation_periods"])
    )
    api.project()
    [line] = [d for d in api.get("/disputes").json()["items"] if d["id"] == dispute_id]
    assert (line["mediation_due_on"], line["overdue"]) == (due, False)
    overdue = api.get("/disputes", overdue="true").json()["items"]
    assert dispute_id not in [d["id"] for d in overdue]


def test_a_reopening_dated_before_the_closure_is_422_naming_the_closure_date(api: Api) -> None:
    dispute_id = open_dispute(api)
    closure = {"outcome": "unresolved", "occurred_on": "2026-01-12"}
    assert api.post(f"/disputes/{dispute_id}/closure", closure, Role.MEDIATOR).status_code == 200

    response = api.post(
        f"/disputes/{dispute_id}/reopening",
        {"reason": "重新调解", "occurred_on": "2026-01-11"},
        Role.MEDIATOR,
    )

    [error] = problem(response, 422)["errors"]
    assert error == {
        "field": "occurred_on",
        "message": "must not be before the closure date (2026-01-12)",
    }


def test_a_dispute_and_its_events_are_read_back(api: Api) -> None:
    dispute_id = open_dispute(api)
    run(api, dispute_id, "mediator", "sessions")

    dispute = api.get(f"/disputes/{dispute_id}", role=Role.MEDIATOR)
    events = api.get(f"/disputes/{dispute_id}/events", role=Role.MEDIATOR)

    assert dispute.status_code == 200
    assert dispute.headers["etag"] == '"3"'
    assert dispute.json()["sessions"][0]["summary"] == SUMMARY
    assert events.status_code == 200
    assert events.json()["record_id"] == dispute_id
    assert [e["type"] for e in events.json()["events"]] == [
        "Dispute.Opened",
        "Dispute.MediatorAssigned",
        "Dispute.SessionRecorded",
    ]
    assert events.json()["events"][0]["payload"]["amount_claimed"] == "18600.00"


def _with_case_notes(api: Api) -> str:
    dispute_id = open_dispute(api)
    run(api, dispute_id, "mediator", "sessions", "evidence", "escalation")
    return dispute_id


def test_a_caseworker_reads_kind_status_and_amounts_but_no_case_notes(api: Api) -> None:
    dispute_id = _with_case_notes(api)

    dispute = api.get(f"/disputes/{dispute_id}", role=Role.CASEWORKER)
    events = api.get(f"/disputes/{dispute_id}/events", role=Role.CASEWORKER)

    assert dispute.status_code == events.status_code == 200
    body = dispute.json()
    assert body["restricted"] is True
    assert (body["kind"], body["status"], body["amount_claimed"]) == (
        "wage_arrears",
        "escalated",
        "18600.00",
    )
    assert (body["sessions"], body["evidence"], body["description"]) == ([], [], None)
    assert body["escalation_reason"] is None
    assert [e["payload"] for e in events.json()["events"]][2:4] == [{}, {}]
    for text in CASE_NOTES:
        assert text not in dispute.text
        assert text not in events.text


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR])
def test_mediators_and_auditors_read_the_case_notes(api: Api, role: Role) -> None:
    dispute_id = _with_case_notes(api)

    dispute = api.get(f"/disputes/{dispute_id}", role=role)
    events = api.get(f"/disputes/{dispute_id}/events", role=role)

    assert dispute.json()["restricted"] is False
    for text in CASE_NOTES:
        assert text in dispute.text
        assert text in events.text
