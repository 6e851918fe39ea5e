"""HTTP: impossible business dates are refused with 422 naming the field and the
date it may not precede (or follow); numbers are never taken for dates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from application.clock import today_in_shanghai
from domain.actor import Role
from domain.rules import PLANNING_HORIZON_YEARS, add_years
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import opening_body
from tests.e2e.test_trainings_api import enrolment
from tests.e2e.transfer_placement_bodies import arrangement, month, placement_body
from tests.support.problems import problem

REGISTERED = "2026-03-02"  # the registration date of api.register()
BEFORE_REGISTRATION = "occurred_on: must not be before the worker's registration (2026-03-02)"


def refusal(response: Any) -> str:
    """The one field error of a 422, as `field: message`."""
    [error] = problem(response, 422)["errors"]
    return f"{error['field']}: {error['message']}"


def horizon() -> str:
    return add_years(today_in_shanghai(), PLANNING_HORIZON_YEARS).isoformat()


# -- numbers and other shapes are not dates -------------------------------------------

NOT_DATES = [1767225600, "1767225600", 0, 0.5, "20260302", "2026/03/02", "2026-03-02T00:00", True]


@pytest.mark.parametrize("value", NOT_DATES)
def test_a_business_date_that_is_not_written_yyyy_mm_dd_is_422_naming_the_field(
    api: Api, value: object
) -> None:
    worker_id = api.register().json()["id"]

    response = api.post(f"/workers/{worker_id}/skills", {"skills": ["电焊"], "occurred_on": value})

    body = problem(response, 422)
    assert body["errors"] == [
        {"field": "occurred_on", "message": "must be a date written YYYY-MM-DD, e.g. 2026-03-02"}
    ]
    assert len(api.get(f"/workers/{worker_id}/events").json()["events"]) == 1


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/workers", {"occurred_on": 1767225600}, "occurred_on"),
        ("/transfers", {"planned_on": "1767225600"}, "planned_on"),
        ("/trainings", {"planned_start": 0}, "planned_start"),
        ("/trainings", {"planned_end": 0.5}, "planned_end"),
        ("/placements", {"start_date": 1767225600}, "start_date"),
    ],
)
def test_every_kind_of_date_field_refuses_a_number(
    api: Api, path: str, body: dict[str, Any], field: str
) -> None:
    response = api.post(path, body)

    errors = problem(response, 422)["errors"]
    assert {"field": field, "message": "must be a date written YYYY-MM-DD, e.g. 2026-03-02"} in (
        errors
    )


def test_an_effective_date_written_as_a_number_is_422(api: Api) -> None:
    worker_id = api.register().json()["id"]
    body = {"status": "general", "source": "名单", "effective_on": 0}

    response = api.post(f"/workers/{worker_id}/poverty-status", body)

    assert refusal(response).startswith("effective_on: must be a date written YYYY-MM-DD")


def test_a_date_that_is_not_in_the_calendar_is_422(api: Api) -> None:
    worker_id = api.register().json()["id"]

    response = api.post(
        f"/workers/{worker_id}/skills", {"skills": ["电焊"], "occurred_on": "2026-02-30"}
    )

    assert refusal(response) == "occurred_on: is not a calendar date"


def test_a_full_width_date_from_an_input_method_is_accepted(api: Api) -> None:
    worker_id = api.register().json()["id"]
    body = {"skills": ["电焊"], "occurred_on": " ２０２６－０６－１５ "}

    response = api.post(f"/workers/{worker_id}/skills", body)

    assert response.status_code == 200, response.text
    events = api.get(f"/workers/{worker_id}/events").json()["events"]
    assert events[-1]["occurred_on"] == "2026-06-15"


# -- nothing about a worker predates their registration (or birth) -------------------


@pytest.mark.parametrize(
    ("command", "body"),
    [
        ("contact", {"mobile": "13900001111"}),
        ("poverty-status", {"status": "general", "source": "名单"}),
        ("job-intention", {"destination": "370613"}),
        ("skills", {"skills": ["电焊"]}),
        ("support-services", {"kind": "holiday_visit"}),
        ("deactivation", {"reason": "moved away"}),
    ],
)
@pytest.mark.parametrize("on", ["0001-01-01", "2026-03-01"])
def test_a_worker_command_dated_before_the_registration_is_422_naming_it(
    api: Api, command: str, body: dict[str, Any], on: str
) -> None:
    worker_id = api.register().json()["id"]

    response = api.post(f"/workers/{worker_id}/{command}", {**body, "occurred_on": on})

    assert refusal(response) == BEFORE_REGISTRATION
    assert len(api.get(f"/workers/{worker_id}/events").json()["events"]) == 1


def test_a_reactivation_dated_before_the_deactivation_is_422_naming_it(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "外出", "occurred_on": "2026-06-15"})

    response = api.post(
        f"/workers/{worker_id}/reactivation", {"reason": "返乡", "occurred_on": "2026-06-14"}
    )

    assert refusal(response) == "occurred_on: must not be before the deactivation (2026-06-15)"


def test_a_poverty_status_may_date_back_before_the_registration_but_not_before_birth(
    api: Api,
) -> None:
    worker_id = api.register().json()["id"]
    born = api.get(f"/workers/{worker_id}").json()["birth_date"]
    path = f"/workers/{worker_id}/poverty-status"

    earlier = api.post(path, {"status": "general", "source": "名单", "effective_on": "2021-02-25"})
    unborn = api.post(path, {"status": "general", "source": "名单", "effective_on": "1900-01-01"})

    assert earlier.status_code == 200, earlier.text
    assert refusal(unborn) == f"effective_on: must not be before the worker's birth ({born})"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/trainings", lambda w: enrolment(w, occurred_on="1900-01-01")),
        ("/transfers", lambda w: arrangement(w, occurred_on="1900-01-01", planned_on="1900-01-02")),
        ("/disputes", lambda w: opening_body(w, occurred_on="1900-01-01")),
    ],
)
def test_a_record_dated_before_the_workers_registration_is_422_naming_it(
    api: Api, path: str, body: Any
) -> None:
    worker_id = api.register().json()["id"]

    role = Role.MEDIATOR if path == "/disputes" else Role.CASEWORKER
    response = api.post(path, body(worker_id), role)

    assert refusal(response) == BEFORE_REGISTRATION


def test_a_placement_starting_before_the_registration_is_422_naming_it(api: Api) -> None:
    worker_id = api.register().json()["id"]

    response = api.post("/placements", placement_body(worker_id, start_date="1900-01-01"))

    assert refusal(response) == (
        "start_date: must not be before the worker's registration (2026-03-02)"
    )


def test_a_course_planned_before_the_workers_sixteenth_birthday_is_422(api: Api) -> None:
    worker_id = api.register().json()["id"]
    born = api.get(f"/workers/{worker_id}").json()["birth_date"]
    sixteenth = f"{int(born[:4]) + 16}{born[4:]}"

    response = api.post("/trainings", enrolment(worker_id, planned_start="1900-01-01"))

    assert refusal(response) == (
        f"planned_start: must not be before the worker's 16th birthday ({sixteenth})"
    )


# -- a placement never starts before its transfer was arranged -----------------------


def test_a_placement_starting_before_its_transfer_was_arranged_is_422_and_no_month_follows(
    api: Api,
) -> None:
    worker_id = api.register().json()["id"]
    transfer = api.post("/transfers", arrangement(worker_id, occurred_on="2026-03-05"))
    transfer_id = transfer.json()["id"]

    early = api.post(
        "/placements", placement_body(worker_id, transfer_id=transfer_id, start_date="2026-03-04")
    )
    ancient = api.post(
        "/placements", placement_body(worker_id, transfer_id=transfer_id, start_date="1900-01-01")
    )
    on_time = api.post(
        "/placements", placement_body(worker_id, transfer_id=transfer_id, start_date="2026-03-05")
    )

    assert refusal(early) == (
        "start_date: must not be before the transfer's arrangement (2026-03-05)"
    )
    assert refusal(ancient).startswith("start_date: must not be before")
    assert on_time.status_code == 201, on_time.text
    confirmed = api.post(f"/placements/{on_time.json()['id']}/months", month("1900-02"))
    assert refusal(confirmed) == "month: must not be before the start month 2026-03"


# -- plans lie at most two years ahead -----------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/transfers", lambda w: arrangement(w, planned_on="9999-12-31"), "planned_on"),
        ("/trainings", lambda w: enrolment(w, planned_end="9999-12-31"), "planned_end"),
        (
            "/trainings",
            lambda w: enrolment(w, planned_start="9999-12-30", planned_end="9999-12-31"),
            "planned_start",
        ),
    ],
)
def test_a_plan_more_than_two_years_ahead_is_422_naming_the_last_date_allowed(
    api: Api, path: str, body: Any, field: str
) -> None:
    worker_id = api.register().json()["id"]

    response = api.post(path, body(worker_id))

    assert refusal(response) == (
        f"{field}: must not be after {horizon()} (more than {PLANNING_HORIZON_YEARS} years ahead)"
    )


def test_a_plan_exactly_two_years_ahead_is_accepted(api: Api) -> None:
    worker_id = api.register().json()["id"]
    last = horizon()
    first = (add_years(today_in_shanghai(), 2) - timedelta(days=10)).isoformat()

    transfer = api.post("/transfers", arrangement(worker_id, planned_on=last))
    training = api.post("/trainings", enrolment(worker_id, planned_start=first, planned_end=last))

    assert (transfer.status_code, training.status_code) == (201, 201), training.text


# -- moments in query strings ------------------------------------------------------


@pytest.mark.parametrize("value", ["0.5", "0", "1767225600", "yesterday", "2026/03/02"])
@pytest.mark.parametrize(
    ("path", "parameter"), [("/audit/events", "from"), ("/audit/events", "to")]
)
def test_an_audit_bound_that_is_not_iso_8601_is_422_naming_the_parameter(
    api: Api, path: str, parameter: str, value: str
) -> None:
    response = api.get(path, Role.AUDITOR, **{parameter: value})

    [error] = problem(response, 422)["errors"]
    assert error["field"] == parameter
    assert error["message"].startswith("must be an ISO 8601 date or date-time")


@pytest.mark.parametrize("value", ["0", "1767225600", "0.5"])
def test_an_as_of_that_is_a_number_is_422_naming_it(api: Api, value: str) -> None:
    worker_id = api.register().json()["id"]

    for path in (f"/audit/workers/{worker_id}", f"/audit/records/{worker_id}"):
        [error] = problem(api.get(path, Role.AUDITOR, as_of=value), 422)["errors"]
        assert error["field"] == "as_of"


def test_iso_8601_bounds_with_and_without_a_time_are_accepted(api: Api) -> None:
    api.register()

    for params in (
        {"from": "2026-03-02"},
        {"from": "2026-03-02T08:00:00+08:00", "to": "2099-01-01T00:00:00Z"},
        {"to": "２０９９－０１－０１"},
    ):
        assert api.get("/audit/events", Role.AUDITOR, **params).status_code == 200, params
