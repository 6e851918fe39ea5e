"""From real domain events to the facts the subsidy rules read (pure folds)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.subsidy_facts import history_from, index_events
from domain.placement_terms import PlacementKind
from domain.subsidy_history import EventRef
from domain.transfer import Transfer, TransferState
from domain.worker_profile import PovertyStatus
from tests.unit import placement_builders as pb
from tests.unit import transfer_builders as tb
from tests.unit.worker_builders import ACTOR, TODAY, register


def journey_events() -> tuple[UUID, list[object]]:
    """A worker registered, transferred to Yantai, placed there for three months,
    one of them withdrawn, then declared general from 2026-05-01."""
    worker = register()
    transfer = Transfer.arrange(
        worker=worker.dates,
        destination="370600",
        channel="job_fair",
        planned_on=date(2026, 3, 16),
        **tb.stamp(tb.ARRANGED_ON),
    )
    transfer.record_departure(mode="train", **tb.stamp(tb.DEPARTED_ON))
    transfer.confirm_arrival(**tb.stamp(tb.ARRIVED_ON, tb.RECEIVING))
    placement = pb.start(worker=worker.dates, transfer=transfer)
    pb.confirm(placement, "2026-03", "2026-04", "2026-05")
    placement.withdraw_month(month="2026-04", reason="核对有误", **pb.stamp())
    worker.change_poverty_status(
        status="general",
        effective_on=date(2026, 5, 1),
        source="动态调整",
        actor=ACTOR,
        occurred_on=date(2026, 6, 1),
        today=TODAY,
    )
    events = [*worker.collect_events(), *transfer.collect_events(), *placement.collect_events()]
    return worker.id, events


def test_the_history_holds_statuses_arrivals_and_the_months_still_confirmed() -> None:
    worker_id, events = journey_events()

    history = history_from(worker_id, reversed(events))  # order does not matter

    assert [(s.effective_on, s.status) for s in history.statuses] == [
        (date(2026, 3, 2), PovertyStatus.LIFTED_OUT_OF_POVERTY),
        (date(2026, 5, 1), PovertyStatus.GENERAL),
    ]
    (transfer,) = history.transfers
    assert (transfer.state, transfer.arrived_on, transfer.destination) == (
        TransferState.ARRIVED,
        tb.ARRIVED_ON,
        "370600",
    )
    assert [ref.version for ref in transfer.evidence] == [1, 3]  # arranged, arrived
    (placement,) = history.placements
    assert placement.kind is PlacementKind.CROSS_PROVINCE
    assert placement.transfer_id == transfer.transfer_id
    assert [m.month for m in placement.months] == ["2026-03", "2026-05"]
    assert placement.months[1].evidence == EventRef(placement.placement_id, 4)


def test_index_rows_name_the_worker_of_every_relevant_event() -> None:
    worker_id, events = journey_events()
    notified = list(enumerate(events, start=101))

    rows = index_events(notified, {})

    assert {r.worker_id for r in rows} == {worker_id}
    assert [r.kind for r in rows].count("placement") == 5  # started, 3 confirmed, 1 withdrawn
    assert [r.kind for r in rows].count("worker") == 2  # registered, status changed
    assert rows[0].position == 101


def test_a_later_page_finds_the_worker_of_a_record_from_rows_indexed_before() -> None:
    worker_id, events = journey_events()
    placement_events = [e for e in events if type(e).__qualname__.startswith("Placement.")]
    later = [(200 + i, e) for i, e in enumerate(placement_events[1:])]
    placement_id = UUID(str(placement_events[0].originator_id))  # type: ignore[attr-defined]

    assert index_events(later, {}) == []  # the creation was on an earlier page
    rows = index_events(later, {placement_id: worker_id})
    assert len(rows) == 4 and {r.worker_id for r in rows} == {worker_id}
