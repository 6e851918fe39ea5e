"""HTTP: an error nothing expected is a 500 problem, logged by its type and place,
never by its message (it may quote a name or an ID number)."""

from __future__ import annotations

import pytest
from structlog.testing import capture_logs

from tests.e2e.conftest import Api
from tests.support.problems import problem

SECRET = "欧阳娜娜 500237197408153777 13712345678"


def test_an_unexpected_error_is_answered_500_and_logged_without_its_message(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker_id = api.register().json()["id"]
    journey = api.client.app.state.journey  # type: ignore[attr-defined]

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(journey, "worker_details", broken)
    with capture_logs() as logs:
        response = api.get(f"/workers/{worker_id}")

    body = problem(response, 500)
    assert body["type"] == "/problems/internal-error"
    assert SECRET not in response.text
    failed = [line for line in logs if line["event"] == "request_failed"]
    assert len(failed) == 1
    assert failed[0]["error_type"] == "RuntimeError"
    assert failed[0]["raised_at"].startswith("tests.e2e.test_unexpected_errors:")
    assert all(SECRET not in str(line) for line in logs)
