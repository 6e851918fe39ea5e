"""An event's row of the timeline says whether it was entered late, by the
recorded day in Asia/Shanghai, and which ledger row an imported fact came from."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

from application.projections.timeline import event_row
from domain.ledger_entry import LedgerEntry
from tests.unit.timeline_story import story_events
from tests.unit.worker_builders import ACTOR, register

REGISTERED_ON = date(2026, 3, 2)
ENTRY = LedgerEntry(ledger_sha256="3f2a9c1d" + "0" * 56, sheet="劳务输出台账", row=12)


def registered(recorded_at: datetime, **overrides: Any) -> Any:
    """The Registered event of a worker registered on 2026-03-02, recorded at `recorded_at`."""
    event = register(occurred_on=REGISTERED_ON, **overrides).collect_events()[0]
    return dataclasses.replace(event, timestamp=recorded_at)


def test_recorded_30_days_later_by_the_shanghai_day_is_not_late() -> None:
    # 2026-04-01 23:30 in Wushan: 30 days after the business date.
    row = event_row(1, registered(datetime(2026, 4, 1, 15, 30, tzinfo=UTC)), None)

    assert (row["entered_late"], row["days_late"]) == (0, 30)


def test_recorded_past_midnight_in_shanghai_is_the_next_day_and_late() -> None:
    # 2026-04-02 00:30 in Wushan, still 2026-04-01 in UTC: 31 days.
    row = event_row(1, registered(datetime(2026, 4, 1, 16, 30, tzinfo=UTC)), None)

    assert (row["entered_late"], row["days_late"]) == (1, 31)


def test_a_fact_entered_by_hand_is_not_imported() -> None:
    row = event_row(1, registered(datetime(2026, 3, 2, 2, 0, tzinfo=UTC)), None)

    assert (row["entered_late"], row["days_late"]) == (0, 0)
    assert (row["imported_sha256"], row["imported_sheet"], row["imported_row"]) == (None,) * 3


def test_an_imported_fact_keeps_its_ledger_row_and_its_recorder() -> None:
    event = registered(datetime(2026, 11, 26, 2, 0, tzinfo=UTC), actor=ACTOR.importing(ENTRY))

    row = event_row(1, event, None)

    assert (row["imported_sha256"], row["imported_sheet"], row["imported_row"]) == (
        ENTRY.ledger_sha256,
        "劳务输出台账",
        12,
    )
    assert (row["actor_user"], row["actor_role"], row["actor_office"]) == (
        "li.ming",
        "caseworker",
        "500237",
    )
    assert (row["entered_late"], row["days_late"]) == (1, 269)


def test_an_event_without_a_business_date_is_never_late() -> None:
    opened = next(e for e in story_events() if type(e).__qualname__ == "OfficeRegister.Opened")
    long_after = dataclasses.replace(opened, timestamp=datetime(2030, 1, 1, tzinfo=UTC))

    row = event_row(1, long_after, None)

    assert row["occurred_on"] is None
    assert (row["entered_late"], row["days_late"]) == (0, 0)
