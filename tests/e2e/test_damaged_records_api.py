"""HTTP: an event whose stored payload was copied from another event, or put back
in the old unbound form, answers a 500 "damaged record" problem naming the record
and its log position — never the other worker's data."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.persistence import Mapper
from structlog.testing import capture_logs

from domain.actor import Role
from infrastructure.encryption import DEVELOPMENT_KEY_RING, KeyRing
from tests.e2e.conftest import Api
from tests.support.problems import problem

A_NAME, A_MOBILE = "向阳花", "13900139000"


def _positions(api: Api) -> tuple[str, str]:
    return (
        ("laborbridge_events", "notification_id")
        if api.settings.database.is_postgres
        else ("stored_events", "rowid")
    )


def _sql(api: Api, statement: str, *params: Any) -> None:
    table, position = _positions(api)
    db = api.client.app.state.db  # type: ignore[attr-defined]
    with db.transaction() as cursor:
        cursor.execute(statement.format(table=table, position=position), params)


def _two_workers(api: Api) -> tuple[int, str, int]:
    """Worker A's registration position, and worker B's id and registration position."""
    a = api.register(name=A_NAME, mobile=A_MOBILE)
    b = api.register()
    return int(a.headers["X-Position"]), b.json()["id"], int(b.headers["X-Position"])


def _copy_payload(api: Api, source: int, target: int) -> None:
    """What someone with write access to the database can do: one event's
    stored payload over another's (both are `Worker.Registered`, version 1)."""
    _sql(
        api,
        "UPDATE {table} SET state = (SELECT state FROM {table} WHERE {position} = %s)"
        " WHERE {position} = %s",
        source,
        target,
    )


def _damaged(response: Any, record_id: str, position: int) -> dict[str, Any]:
    body = problem(response, 500)
    assert body["type"] == "/problems/damaged-record"
    assert body["title"] == "Damaged record"
    assert (body["record_id"], body["version"], body["position"]) == (record_id, 1, position)
    assert f"record {record_id} version 1 at log position {position} is damaged" in body["detail"]
    assert A_NAME not in response.text and A_MOBILE not in response.text
    return body


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/workers/{id}", Role.CASEWORKER),
        ("/workers/{id}/events", Role.CASEWORKER),
        ("/audit/records/{id}?version=1", Role.AUDITOR),
        ("/audit/workers/{id}", Role.AUDITOR),
    ],
)
def test_a_payload_copied_over_another_workers_event_answers_a_damaged_record_problem(
    api: Api, path: str, role: Role
) -> None:
    a_position, b_id, b_position = _two_workers(api)
    api.project()
    _copy_payload(api, a_position, b_position)

    with capture_logs() as logs:
        response = api.client.get(f"/api/v1{path.format(id=b_id)}", headers=api.headers(role))

    _damaged(response, b_id, b_position)
    line = next(e for e in logs if e["event"] == "damaged_record")
    assert (line["record_id"], line["version"], line["position"]) == (b_id, 1, b_position)
    assert A_NAME not in str(logs) and A_MOBILE not in str(logs)


def test_lists_from_read_models_still_answer_after_a_record_is_damaged(api: Api) -> None:
    a_position, b_id, b_position = _two_workers(api)
    api.project()
    _copy_payload(api, a_position, b_position)

    listed = api.get("/workers")

    assert listed.status_code == 200, listed.text
    assert b_id in listed.text


def test_an_unbound_payload_in_a_database_that_started_bound_is_refused_as_damaged(
    api: Api,
) -> None:
    _, b_id, b_position = _two_workers(api)
    journey = api.client.app.state.journey  # type: ignore[attr-defined]
    (stored,) = journey.recorder.select_notifications(start=b_position, limit=1)
    event = journey.mapper.to_domain_event(stored)
    # B's own event, encrypted as before events were bound (LBE1): a genuine old
    # payload, but this database never held one.
    plain = Mapper(transcoder=journey.mapper.transcoder).to_stored_event(event).state
    old_form = KeyRing.parse(DEVELOPMENT_KEY_RING).encrypt(plain)
    assert old_form.startswith(b"LBE1")
    _sql(api, "UPDATE {table} SET state = %s WHERE {position} = %s", old_form, b_position)

    response = api.get(f"/workers/{b_id}")

    body = _damaged(response, b_id, b_position)
    assert "old form that is not bound to its record (LBE1)" in body["detail"]
