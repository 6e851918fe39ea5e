"""HTTP: every /workers endpoint, its happy path and its errors, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.support.factories import id_number, registration_body


def test_registration_answers_201_with_location_etag_and_position(api: Api) -> None:
    number = id_number()
    response = api.post("/workers", registration_body(id_number=number))

    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/api/v1/workers/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert int(response.headers["x-position"]) >= 1
    assert body["id_number"] == number[:6] + "********" + number[-4:]
    assert number not in response.text


def test_a_worker_is_read_back_with_etag_and_masked_id_number(api: Api) -> None:
    number = id_number()
    created = api.register(id_number=number).json()

    response = api.get(f"/workers/{created['id']}")

    assert response.status_code == 200
    assert response.headers["etag"] == '"1"'
    body = response.json()
    assert body["name"] == "冉光明"
    assert body["id_number"] == number[:6] + "********" + number[-4:]
    assert body["hukou_division_name"] == "重庆市巫山县"
    assert body["job_intention"] == {"destination": "370600", "sector": "food processing"}


COMMANDS = [
    ("contact", {"mobile": "139 0000 1111"}, "Worker.ContactChanged"),
    (
        "poverty-status",
        {"status": "general", "effective_on": "2026-01-01", "source": "2026 年动态调整"},
        "Worker.PovertyStatusChanged",
    ),
    (
        "job-intention",
        {"destination": "370613", "sector": "port logistics"},
        "Worker.JobIntentionRecorded",
    ),
    ("skills", {"skills": ["茶艺师", "电焊"]}, "Worker.SkillsRecorded"),
    (
        "support-services",
        {"kind": "holiday_visit", "description": "春节慰问"},
        "Worker.SupportServiceRecorded",
    ),
    ("deactivation", {"reason": "moved away"}, "Worker.Deactivated"),
]


@pytest.mark.parametrize(("command", "body", "event_type"), COMMANDS)
def test_each_worker_command_records_its_event(
    api: Api, command: str, body: dict[str, object], event_type: str
) -> None:
    worker_id = api.register().json()["id"]

    response = api.post(f"/workers/{worker_id}/{command}", body, **{"If-Match": '"1"'})

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    assert response.json()["version"] == 2
    events = api.get(f"/workers/{worker_id}/events").json()["events"]
    assert [e["type"] for e in events] == ["Worker.Registered", event_type]
    assert events[1]["actor"] == {
        "user": "caseworker.user",
        "role": "caseworker",
        "office": "500237",
        "imported_from": None,  # entered by hand, not from a ledger
    }


def test_reactivation_reopens_a_deactivated_file(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "left"})

    response = api.post(f"/workers/{worker_id}/reactivation", {"reason": "returned home"})

    assert response.status_code == 200
    assert response.json()["status"] == "active"


def test_events_list_masks_personal_data_and_carries_dates_and_actor(api: Api) -> None:
    number = id_number()
    worker_id = api.register(id_number=number, mobile="13800138000").json()["id"]
    api.post(
        f"/workers/{worker_id}/contact", {"mobile": "13912345678", "occurred_on": "2026-04-01"}
    )

    response = api.get(f"/workers/{worker_id}/events", role=Role.AUDITOR)

    assert response.status_code == 200
    registered, changed = response.json()["events"]
    assert registered["occurred_on"] == "2026-03-02"
    assert registered["payload"]["id_number"] == number[:6] + "********" + number[-4:]
    assert registered["payload"]["mobile"] == "138****8000"
    assert registered["payload"]["name"] == "冉**"
    assert changed["occurred_on"] == "2026-04-01"
    assert changed["payload"]["mobile"] == "139****5678"
    assert changed["recorded_at"] >= registered["recorded_at"]
    for secret in (number, "13800138000", "13912345678", "冉光明"):
        assert secret not in response.text


def test_positions_grow_with_every_write(api: Api) -> None:
    first = api.register()
    worker_id = first.json()["id"]
    second = api.post(f"/workers/{worker_id}/skills", {"skills": ["焊工"]})
    assert int(second.headers["x-position"]) > int(first.headers["x-position"])


def test_notes_on_deactivation_and_reactivation_are_kept(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "left", "note": "去了广东"})
    api.post(f"/workers/{worker_id}/reactivation", {"reason": "back", "note": "春节后返乡"})
    events = api.get(f"/workers/{worker_id}/events").json()["events"]
    assert [e["payload"]["note"] for e in events[1:]] == ["去了广东", "春节后返乡"]


def test_a_name_with_a_character_outside_the_bmp_is_registered_as_written(api: Api) -> None:
    name = "\U00020000明"  # 𠀀 (U+20000): rare surnames live outside the BMP

    worker_id = api.register(name=name).json()["id"]

    assert api.get(f"/workers/{worker_id}").json()["name"] == name
