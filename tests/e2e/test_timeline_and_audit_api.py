"""HTTP: a worker's timeline and the audit trail, who may read them, and their filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import pytest

from application.clock import today_in_shanghai
from application.commands import RecordArrival
from domain.actor import Actor, Role
from domain.ledger_entry import LedgerEntry
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import (
    ATTENDEE,
    DESCRIPTION,
    DIGEST,
    EVIDENCE,
    SUMMARY,
    opening_body,
    run,
)
from tests.e2e.transfer_placement_bodies import (
    UNKNOWN,
    arrangement,
    month,
    placement_body,
)
from tests.support.problems import problem

STORY = [
    "Worker.Registered",
    "TrainingEnrollment.Enrolled",
    "Transfer.Arranged",
    "Transfer.Departed",
    "Transfer.Arrived",
    "Placement.Started",
    "Placement.MonthConfirmed",
    "Dispute.Opened",
    "Dispute.MediatorAssigned",
    "Dispute.SessionRecorded",
    "Dispute.EvidenceAdded",
    # The subsidy policy (run by `api.project()`) assesses the transport subsidy
    # the arrival earns; the timeline finds its worker like any record's.
    "Subsidy.Assessed",
]
CASE_NOTES = (SUMMARY, EVIDENCE, DESCRIPTION, DIGEST, ATTENDEE)
NEUTRAL = ("调解记录（仅调解员和审计可见）", "Mediation record (visible to mediators and auditors)")


def created(api: Api, path: str, body: dict[str, Any], role: Role = Role.CASEWORKER) -> str:
    response = api.post(path, body, role)
    assert response.status_code in (200, 201), response.text
    record_id: str = response.json()["id"]
    return record_id


def a_workers_year(api: Api) -> dict[str, str]:
    """A worker trained, moved to Yantai, placed, with a dispute in mediation; their ids."""
    worker = api.register(occurred_on="2026-01-02").json()["id"]
    training = created(
        api,
        "/trainings",
        {
            "worker_id": worker,
            "course_name": "茶艺师（五级）",
            "training_type": "specialty",
            "provider": "巫山县职业教育中心",
            "planned_start": "2026-03-09",
            "planned_end": "2026-03-20",
            "occurred_on": "2026-03-05",
        },
    )
    transfer = created(api, "/transfers", arrangement(worker, destination="370613"))
    created(api, f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": "2026-03-16"})
    created(api, f"/transfers/{transfer}/arrival", {"occurred_on": "2026-03-17"})
    placement = created(api, "/placements", placement_body(worker, transfer_id=transfer))
    created(api, f"/placements/{placement}/months", month("2026-03", occurred_on="2026-04-03"))
    dispute = created(api, "/disputes", opening_body(worker), Role.MEDIATOR)
    run(api, dispute, "mediator", "sessions", "evidence")
    api.project()
    return {
        "worker": worker,
        "training": training,
        "transfer": transfer,
        "placement": placement,
        "dispute": dispute,
    }


@pytest.fixture
def year(api: Api) -> dict[str, str]:
    return a_workers_year(api)


def timeline(api: Api, worker: str, role: Role = Role.AUDITOR, **params: Any) -> dict[str, Any]:
    response = api.get(f"/workers/{worker}/timeline", role, **params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def audit(api: Api, **params: Any) -> dict[str, Any]:
    response = api.get("/audit/events", Role.AUDITOR, **params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def every_audit_event(api: Api, page_size: int, **filters: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    after = 0
    while True:
        page = audit(api, after=after, limit=page_size, **filters)
        events += page["events"]
        if page["next_after"] is None:
            return events
        after = page["next_after"]


# -- the worker's timeline -----------------------------------------------------------


def test_a_workers_timeline_tells_training_transfer_placement_and_dispute_in_order(
    api: Api, year: dict[str, str]
) -> None:
    body = timeline(api, year["worker"])

    entries = body["entries"]
    assert body["worker_id"] == year["worker"]
    assert [e["event_type"] for e in entries] == STORY
    assert [e["position"] for e in entries] == sorted(e["position"] for e in entries)
    assert {e["worker_id"] for e in entries} == {year["worker"]}
    assert [e["aggregate_type"] for e in entries][:3] == ["worker", "training", "transfer"]
    arrived = entries[4]
    assert arrived["aggregate_id"] == year["transfer"]
    assert arrived["occurred_on"] == "2026-03-17"
    assert arrived["actor"] == {
        "user": "caseworker.user",
        "role": "caseworker",
        "office": "500237",
        "imported_from": None,
    }
    assert (arrived["summary_zh"], arrived["summary_en"]) == (
        "转移到达 山东省烟台市莱山区",
        "Arrived in 山东省烟台市莱山区",
    )
    assert entries[6]["summary_en"] == "Month 2026-03 confirmed (payroll)"
    assert body["next_after"] is None


def test_a_caseworker_sees_sessions_and_evidence_only_as_neutral_entries(
    api: Api, year: dict[str, str]
) -> None:
    for role in (Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR):
        entries = timeline(api, year["worker"], role)["entries"]
        notes = [e for e in entries if e["restricted"]]
        assert [e["event_type"] for e in notes] == [
            "Dispute.SessionRecorded",
            "Dispute.EvidenceAdded",
        ]
        summaries = [(e["summary_zh"], e["summary_en"]) for e in notes]
        if role is Role.CASEWORKER:
            assert summaries == [NEUTRAL, NEUTRAL]
            assert all(e["occurred_on"] and e["actor"] for e in notes)
        else:
            assert summaries == [
                ("调解会谈", "Mediation session held"),
                ("添加证据", "Evidence added"),
            ]


def test_no_timeline_or_audit_answer_repeats_what_was_said_in_mediation(
    api: Api, year: dict[str, str]
) -> None:
    answers = [
        api.get(f"/workers/{year['worker']}/timeline", role)
        for role in (Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR)
    ]
    answers.append(api.get("/audit/events", Role.AUDITOR, limit=1000))

    for answer in answers:
        assert answer.status_code == 200
        for secret in (*CASE_NOTES, "冉光明", "13800138000"):
            assert secret not in answer.text


def test_a_workers_timeline_pages_by_position(api: Api, year: dict[str, str]) -> None:
    first = timeline(api, year["worker"], limit=4)
    rest = timeline(api, year["worker"], after=first["next_after"], limit=100)

    assert len(first["entries"]) == 4
    assert first["next_after"] == first["entries"][-1]["position"]
    types = [e["event_type"] for e in first["entries"] + rest["entries"]]
    assert types == STORY


def test_the_timeline_answers_once_the_read_model_reaches_min_position(api: Api) -> None:
    registered = api.register()
    worker, position = registered.json()["id"], registered.headers["x-position"]
    api.project()

    body = timeline(api, worker, Role.CASEWORKER, min_position=position)

    assert [e["event_type"] for e in body["entries"]] == ["Worker.Registered"]
    assert body["entries"][0]["position"] == int(position)


def test_the_timeline_of_an_unknown_worker_is_404(api: Api) -> None:
    api.project()
    assert problem(api.get(f"/workers/{UNKNOWN}/timeline"), 404)["detail"].startswith("no worker")
    problem(api.get("/workers/not-a-worker-id/timeline"), 404)


def test_a_record_that_is_not_a_worker_has_no_timeline(api: Api, year: dict[str, str]) -> None:
    problem(api.get(f"/workers/{year['transfer']}/timeline"), 404)


def test_the_timeline_needs_a_token_and_a_reading_role(api: Api) -> None:
    worker = api.register().json()["id"]
    api.project()

    problem(api.get(f"/workers/{worker}/timeline", role=None), 401)
    problem(api.get(f"/workers/{worker}/timeline", role=Role.ADMIN), 403)


def test_a_timeline_page_larger_than_a_thousand_is_refused(api: Api) -> None:
    worker = api.register().json()["id"]
    body = problem(api.get(f"/workers/{worker}/timeline", limit=1001), 422)
    assert body["errors"][0]["field"] == "limit"


# -- the audit trail ------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.ADMIN])
def test_only_auditors_read_the_audit_trail(api: Api, role: Role) -> None:
    problem(api.get("/audit/events", role), 403)


def test_the_audit_trail_needs_a_token(api: Api) -> None:
    problem(api.get("/audit/events", role=None), 401)


def test_the_audit_trail_pages_through_the_whole_log_without_gaps_or_repeats(
    api: Api, year: dict[str, str]
) -> None:
    a_workers_year(api)  # a second worker: the log interleaves nothing, but is longer
    whole = audit(api, limit=1000)
    head = int(api.client.app.state.journey.recorder.max_notification_id())

    paged = every_audit_event(api, page_size=3)

    assert [e["position"] for e in whole["events"]] == list(range(1, head + 1))
    assert whole["next_after"] is None
    assert paged == whole["events"]


def test_the_audit_trail_filters_by_actor_type_and_record(api: Api, year: dict[str, str]) -> None:
    by_mediator = every_audit_event(api, 2, actor="mediator.user")
    sessions = audit(api, type="Dispute.SessionRecorded")["events"]
    of_transfer = audit(api, aggregate=year["transfer"])["events"]

    assert [e["event_type"] for e in by_mediator] == STORY[7:11]
    assert all(e["actor"]["user"] == "mediator.user" for e in by_mediator)
    assert [(e["aggregate_id"], e["summary_en"]) for e in sessions] == [
        (year["dispute"], "Mediation session held")
    ]
    assert [e["event_type"] for e in of_transfer] == STORY[2:5]
    assert audit(api, type="SessionRecorded")["events"] == []  # full names only
    both = audit(api, actor="mediator.user", type="Dispute.Opened")["events"]
    assert [e["aggregate_id"] for e in both] == [year["dispute"]]


def test_the_audit_trail_filters_by_recorded_time_from_inclusive_to_exclusive(
    api: Api, year: dict[str, str]
) -> None:
    events = audit(api, limit=1000)["events"]
    middle = events[len(events) // 2]["recorded_at"]
    shanghai = (
        datetime.fromisoformat(middle).astimezone(timezone(timedelta(hours=8))).replace(tzinfo=None)
    )

    since = audit(api, limit=1000, **{"from": middle})["events"]
    before = audit(api, limit=1000, to=middle)["events"]
    since_naive = audit(api, limit=1000, **{"from": shanghai.isoformat()})["events"]

    assert since == [e for e in events if e["recorded_at"] >= middle]
    assert before == [e for e in events if e["recorded_at"] < middle]
    assert since and before and len(since) + len(before) == len(events)
    assert since_naive == since  # a time without an offset is Asia/Shanghai
    assert audit(api, **{"from": "2000-01-01", "to": "2000-01-02"})["events"] == []
    assert len(audit(api, limit=1000, **{"from": "2000-01-01"})["events"]) == len(events)


@pytest.mark.parametrize("field", ["from", "to"])
def test_a_time_bound_that_is_no_date_is_refused_naming_the_field(api: Api, field: str) -> None:
    body = problem(api.get("/audit/events", Role.AUDITOR, **{field: "yesterday"}), 422)

    assert [e["field"] for e in body["errors"]] == [field]


def test_a_bad_parameter_is_422_at_once_even_with_a_min_position_ahead(api: Api) -> None:
    # The read models never reach this position (nothing projects here): the
    # 422 must come before the wait, not a 503 after it.
    response = api.get("/audit/events", Role.AUDITOR, min_position=10**15, limit=0)
    refused = problem(response, 422)
    assert [e["field"] for e in refused["errors"]] == ["limit"]


# -- late entries (补录) and imported facts ---------------------------------------------

LEDGER = LedgerEntry(ledger_sha256="3f2a9c1d" + "0" * 56, sheet="劳务输出台账", row=12)


def arrival_on(api: Api, arrived_on: date) -> dict[str, str]:
    """A worker registered, moved and arrived on `arrived_on`: their ids."""
    before = arrived_on - timedelta(days=2)
    worker = api.register(occurred_on=str(before)).json()["id"]
    transfer = created(
        api,
        "/transfers",
        arrangement(worker, planned_on=str(arrived_on), occurred_on=str(before)),
    )
    created(api, f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": str(before)})
    created(api, f"/transfers/{transfer}/arrival", {"occurred_on": str(arrived_on)})
    return {"worker": worker, "transfer": transfer}


def arrived(entries: list[dict[str, Any]], transfer: str) -> dict[str, Any]:
    return next(
        e
        for e in entries
        if e["event_type"] == "Transfer.Arrived" and e["aggregate_id"] == transfer
    )


def test_an_arrival_back_dated_60_days_is_flagged_and_one_dated_yesterday_is_not(
    api: Api,
) -> None:
    today = today_in_shanghai()
    back_dated = arrival_on(api, today - timedelta(days=60))
    recent = arrival_on(api, today - timedelta(days=1))
    api.project()

    late = arrived(
        timeline(api, back_dated["worker"], Role.CASEWORKER)["entries"], back_dated["transfer"]
    )
    on_time = arrived(timeline(api, recent["worker"])["entries"], recent["transfer"])
    only_late = every_audit_event(api, 100, entered_late="true", type="Transfer.Arrived")

    assert (late["entered_late"], late["days_late"], late["imported_from"]) == (True, 60, None)
    assert (on_time["entered_late"], on_time["days_late"]) == (False, 1)
    assert [e["aggregate_id"] for e in only_late] == [back_dated["transfer"]]
    not_late = every_audit_event(api, 100, entered_late="false", aggregate=recent["transfer"])
    assert [e["event_type"] for e in not_late] == [
        "Transfer.Arranged",
        "Transfer.Departed",
        "Transfer.Arrived",
    ]


def test_a_fact_whose_actor_carries_a_ledger_row_is_found_by_imported_true(api: Api) -> None:
    today = today_in_shanghai()
    worker = api.register(occurred_on=str(today)).json()["id"]
    transfer = created(
        api, "/transfers", arrangement(worker, planned_on=str(today), occurred_on=str(today))
    )
    created(api, f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": str(today)})
    importer = Actor("caseworker.user", Role.CASEWORKER, "500237").importing(LEDGER)
    journey = api.client.app.state.journey  # type: ignore[attr-defined]
    imported = journey.record_arrival(
        RecordArrival(actor=importer, transfer_id=UUID(transfer), occurred_on=today)
    )
    api.project()

    found = every_audit_event(api, 100, imported="true")
    with_other_filters = audit(
        api, imported="true", actor="caseworker.user", type="Transfer.Arrived"
    )
    by_hand_only = every_audit_event(api, 100, imported="false", aggregate=transfer)

    stamp = {"ledger_sha256": LEDGER.ledger_sha256, "sheet": "劳务输出台账", "row": 12}
    assert [(e["position"], e["imported_from"]) for e in found] == [(imported.position, stamp)]
    assert found[0]["actor"] == {
        "user": "caseworker.user",
        "role": "caseworker",
        "office": "500237",
        "imported_from": stamp,
    }
    assert with_other_filters["events"] == found
    assert audit(api, imported="true", actor="mediator.user")["events"] == []
    assert [e["event_type"] for e in by_hand_only] == ["Transfer.Arranged", "Transfer.Departed"]
    in_timeline = timeline(api, worker, Role.CASEWORKER)["entries"]
    assert [e["imported_from"] for e in in_timeline if e["imported_from"]] == [stamp]


@pytest.mark.parametrize("field", ["entered_late", "imported"])
def test_a_flag_filter_that_is_neither_true_nor_false_is_refused_naming_it(
    api: Api, field: str
) -> None:
    body = problem(api.get("/audit/events", Role.AUDITOR, **{field: "maybe"}), 422)

    assert [e["field"] for e in body["errors"]] == [field]
