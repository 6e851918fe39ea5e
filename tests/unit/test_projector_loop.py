"""The projector's loop: a step that fails is retried, and a damaged record that
stops it (the policy process reads events itself) is logged by its ids."""

from __future__ import annotations

import threading
from uuid import UUID

from structlog.testing import capture_logs

from application.exceptions import DamagedRecord
from infrastructure.projector import Waiter, run_until_stopped

RECORD = UUID("6f1c7e0a-3d2b-4c5e-9f80-1a2b3c4d5e6f")


def test_a_damaged_record_that_stops_a_step_is_logged_by_its_ids_and_retried() -> None:
    stop = threading.Event()
    calls: list[int] = []

    def step() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise DamagedRecord(RECORD, 3, 42, "its stored payload was not written here")
        stop.set()
        return 0

    with capture_logs() as logs:
        run_until_stopped([step], stop, Waiter(stop), poll_seconds=0)

    (line,) = [e for e in logs if e["event"] == "projector_retrying"]
    assert (line["record_id"], line["version"], line["position"]) == (str(RECORD), 3, 42)
    assert line["error_type"] == "DamagedRecord"
    assert len(calls) == 2
