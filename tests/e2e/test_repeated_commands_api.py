"""HTTP, on SQLite and PostgreSQL: a command that would change nothing records
nothing and answers 200 with the record as it is — sent again, or by many
clients at the same moment. Races do not multiply facts: a change lands once;
a state transition lands once and the others answer 409."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import open_dispute
from tests.e2e.transfer_placement_bodies import arrange
from tests.support.problems import problem

CLIENTS = 16
DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
POVERTY = {"status": "general", "effective_on": "2026-01-01", "source": "2026 年动态调整"}
EVIDENCE = {"document_id": "DOC-2026-000123", "sha256": DIGEST, "description": "工资条"}
# The commands that record nothing when the record already holds what they ask.
REPEATABLE = [
    pytest.param("workers", "contact", {"mobile": "139 0000 1111"}, id="contact"),
    pytest.param("workers", "poverty-status", POVERTY, id="poverty-status"),
    pytest.param("workers", "job-intention", {"destination": "370613"}, id="job-intention"),
    pytest.param("workers", "skills", {"skills": ["茶艺师", "电焊"]}, id="skills"),
    pytest.param("disputes", "mediator", {}, id="mediator"),
    pytest.param("disputes", "evidence", EVIDENCE, id="evidence"),
]


def _all_at_once(send: Callable[[], httpx.Response]) -> list[httpx.Response]:
    """CLIENTS threads released together, each sending once."""
    barrier = threading.Barrier(CLIENTS)

    def client(_: int) -> httpx.Response:
        barrier.wait(timeout=30)
        return send()

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(client, range(CLIENTS)))


def _event_types(api: Api, path: str) -> list[str]:
    response = api.get(f"{path}/events", role=Role.AUDITOR)
    assert response.status_code == 200, response.text
    return [e["type"] for e in response.json()["events"]]


def _record(api: Api, resource: str) -> tuple[str, Role]:
    """A new record's path, and the role that changes it."""
    if resource == "workers":
        return f"/workers/{api.register().json()['id']}", Role.CASEWORKER
    return f"/disputes/{open_dispute(api)}", Role.MEDIATOR


@pytest.mark.parametrize(("resource", "command", "body"), REPEATABLE)
def test_a_repeated_command_answers_200_with_the_same_record_and_records_nothing(
    api: Api, resource: str, command: str, body: dict[str, object]
) -> None:
    path, role = _record(api, resource)
    first = api.post(f"{path}/{command}", body, role)
    events = _event_types(api, path)

    again = api.post(f"{path}/{command}", body, role)

    assert again.status_code == 200, again.text
    assert _event_types(api, path) == events
    assert again.headers["etag"] == first.headers["etag"] == '"2"'
    assert again.json() == first.json()
    assert int(again.headers["x-position"]) >= int(first.headers["x-position"])


@pytest.mark.parametrize(("resource", "command", "body"), REPEATABLE)
def test_a_repeat_with_a_matching_if_match_is_200_and_with_a_stale_one_412(
    api: Api, resource: str, command: str, body: dict[str, object]
) -> None:
    path, role = _record(api, resource)
    api.post(f"{path}/{command}", body, role)

    matching = api.post(f"{path}/{command}", body, role, **{"If-Match": '"2"'})
    stale = api.post(f"{path}/{command}", body, role, **{"If-Match": '"1"'})

    assert (matching.status_code, matching.headers["etag"]) == (200, '"2"')
    assert problem(stale, 412)["current_version"] == 2
    assert len(_event_types(api, path)) == 2


def test_a_query_waiting_for_the_position_of_a_repeat_is_answered(api: Api) -> None:
    worker_id = api.register(name="向春燕").json()["id"]
    api.post(f"/workers/{worker_id}/contact", {"mobile": "13900001111"})
    again = api.post(f"/workers/{worker_id}/contact", {"mobile": "13900001111"})
    api.project()

    found = api.get("/workers", q="向春", min_position=again.headers["x-position"])

    assert found.status_code == 200, found.text
    assert [w["id"] for w in found.json()["items"]] == [worker_id]


def test_sixteen_mediators_assigning_themselves_at_once_record_one_assignment(api: Api) -> None:
    path = f"/disputes/{open_dispute(api)}"

    answers = _all_at_once(lambda: api.post(f"{path}/mediator", {}, role=Role.MEDIATOR))

    assert _event_types(api, path) == ["Dispute.Opened", "Dispute.MediatorAssigned"]
    assert Counter(a.status_code for a in answers) == {200: CLIENTS}, [a.text for a in answers]
    assert {a.headers["etag"] for a in answers} == {'"2"'}
    assert {a.json()["mediator"] for a in answers} == {"mediator.user"}


def test_sixteen_clients_changing_a_contact_to_the_same_number_record_one_change(
    api: Api,
) -> None:
    path = f"/workers/{api.register().json()['id']}"

    answers = _all_at_once(lambda: api.post(f"{path}/contact", {"mobile": "13900001111"}))

    assert _event_types(api, path) == ["Worker.Registered", "Worker.ContactChanged"]
    assert Counter(a.status_code for a in answers) == {200: CLIENTS}, [a.text for a in answers]
    assert {a.headers["etag"] for a in answers} == {'"2"'}


def test_sixteen_clients_recording_the_same_departure_record_one_and_the_rest_get_409(
    api: Api,
) -> None:
    path = f"/transfers/{arrange(api)}"
    body = {"mode": "train", "occurred_on": "2026-03-16"}

    answers = _all_at_once(lambda: api.post(f"{path}/departure", body))

    assert _event_types(api, path) == ["Transfer.Arranged", "Transfer.Departed"]
    assert Counter(a.status_code for a in answers) == {200: 1, 409: CLIENTS - 1}
