"""HTTP: /trainings, happy paths and every error status."""

from __future__ import annotations

from typing import Any

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api


def enrolment(worker_id: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "worker_id": worker_id,
        "course_name": "茶艺师（五级）",
        "training_type": "specialty",
        "provider": "巫山县职业教育中心",
        "location": "巫峡镇",
        "planned_start": "2026-03-09",
        "planned_end": "2026-03-20",
        "occurred_on": "2026-03-05",
    }
    body.update(overrides)
    return body


@pytest.fixture
def training(api: Api) -> str:
    worker_id = api.register().json()["id"]
    response = api.post("/trainings", enrolment(worker_id))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_enrolment_answers_201_with_location_etag_and_position(api: Api) -> None:
    worker_id = api.register().json()["id"]
    response = api.post("/trainings", enrolment(worker_id))
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/api/v1/trainings/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert int(response.headers["x-position"]) > 1
    assert body["state"] == "enrolled"
    assert api.get(f"/trainings/{body['id']}", role=Role.AUDITOR).json()["course_name"] == (
        "茶艺师（五级）"
    )


def test_completion_certification_and_events(api: Api, training: str) -> None:
    done = api.post(
        f"/trainings/{training}/completion",
        {"hours": "80", "result": "passed", "occurred_on": "2026-03-20"},
        **{"If-Match": '"1"'},
    )
    assert done.status_code == 200, done.text
    assert done.headers["etag"] == '"2"'
    certified = api.post(
        f"/trainings/{training}/certification",
        {
            "certificate_type": "职业技能等级证书",
            "certificate_number": "S01",
            "level": "五级",
            "occurred_on": "2026-04-02",
        },
    )
    assert certified.json()["state"] == "certified"
    events = api.get(f"/trainings/{training}/events", role=Role.MEDIATOR).json()["events"]
    assert [e["type"] for e in events] == [
        "TrainingEnrollment.Enrolled",
        "TrainingEnrollment.Completed",
        "TrainingEnrollment.Certified",
    ]
    assert events[1]["occurred_on"] == "2026-03-20"


def test_withdrawal(api: Api, training: str) -> None:
    response = api.post(f"/trainings/{training}/withdrawal", {"reason": "找到工作"})
    assert response.status_code == 200
    assert response.json()["state"] == "dropped"


def test_a_second_enrolment_in_the_same_course_is_409(api: Api) -> None:
    worker_id = api.register().json()["id"]
    first = api.post("/trainings", enrolment(worker_id)).json()["id"]
    response = api.post("/trainings", enrolment(worker_id))
    assert response.status_code == 409
    assert response.json()["existing_id"] == first


def test_unknown_and_deactivated_workers_are_refused(api: Api) -> None:
    unknown = api.post("/trainings", enrolment("00000000-0000-8000-8000-000000000000"))
    assert unknown.status_code == 404
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "left"})
    inactive = api.post("/trainings", enrolment(worker_id))
    assert inactive.status_code == 409
    assert inactive.json()["state"] == "deactivated"


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR, Role.ADMIN])
@pytest.mark.parametrize(
    ("command", "body"),
    [
        ("completion", {"hours": "8", "result": "passed"}),
        ("certification", {"certificate_type": "x", "certificate_number": "1"}),
        ("withdrawal", {"reason": "x"}),
    ],
)
def test_only_caseworkers_record_trainings(
    api: Api, training: str, role: Role, command: str, body: dict[str, Any]
) -> None:
    assert api.post(f"/trainings/{training}/{command}", body, role=role).status_code == 403
    worker_id = api.get(f"/trainings/{training}").json()["worker_id"]
    assert (
        api.post("/trainings", enrolment(worker_id, course_name="x"), role=role).status_code == 403
    )


def test_error_statuses(api: Api, training: str) -> None:
    assert api.get(f"/trainings/{training}", role=None).status_code == 401
    assert api.get("/trainings/not-an-id").status_code == 404
    assert api.get("/trainings/00000000-0000-8000-8000-000000000000/events").status_code == 404
    stale = api.post(f"/trainings/{training}/withdrawal", {"reason": "x"}, **{"If-Match": '"7"'})
    assert stale.status_code == 412
    wrong_state = api.post(
        f"/trainings/{training}/certification", {"certificate_type": "x", "certificate_number": "1"}
    )
    assert wrong_state.status_code == 409
    assert wrong_state.json()["state"] == "enrolled"
    early = api.post(
        f"/trainings/{training}/completion",
        {"hours": "8", "result": "passed", "occurred_on": "2026-03-01"},
    )
    assert early.status_code == 422
    assert early.json()["errors"][0]["field"] == "occurred_on"
    bad_type = api.post(
        "/trainings",
        enrolment(api.get(f"/trainings/{training}").json()["worker_id"], training_type="yoga"),
    )
    assert bad_type.status_code == 422
    assert bad_type.json()["errors"][0]["field"] == "training_type"


def test_a_note_on_withdrawal_is_kept(api: Api, training: str) -> None:
    api.post(f"/trainings/{training}/withdrawal", {"reason": "ill", "note": "住院两周"})
    events = api.get(f"/trainings/{training}/events").json()["events"]
    assert events[-1]["payload"]["note"] == "住院两周"


def test_an_admin_may_not_read_trainings(api: Api, training: str) -> None:
    assert api.get(f"/trainings/{training}", role=Role.ADMIN).status_code == 403
    assert api.get(f"/trainings/{training}/events", role=Role.ADMIN).status_code == 403
