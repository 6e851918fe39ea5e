"""Transfers and placements through the Application, on POPO, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from stdnum.cn import uscc

from application import commands as c
from application.exceptions import (
    PlacementNotFound,
    TransferNotFound,
    VersionMismatch,
    WorkerInactive,
    WorkerNotFound,
)
from application.journey import Journey
from domain.actor import Actor, Role
from domain.exceptions import InvalidTransition, InvalidValue
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import register_offices

YANTAI = Actor(user="zhang.hua", role=Role.CASEWORKER, office="370600")
EMPLOYER_CODE = "91370602MA3CXY12K" + uscc.calc_check_digit("91370602MA3CXY12K")


def worker(journey: Journey) -> UUID:
    return journey.register_worker(register_command()).aggregate_id


def arrange(journey: Journey, worker_id: UUID, **overrides: Any) -> UUID:
    fields: dict[str, Any] = {
        "actor": CASEWORKER,
        "occurred_on": date(2026, 3, 5),
        "worker_id": worker_id,
        "destination": "370600",
        "channel": "labour_office",
        "planned_on": date(2026, 3, 16),
        "employer_name": "烟台鲁渝食品有限公司",
    }
    fields.update(overrides)
    return journey.arrange_transfer(c.ArrangeTransfer(**fields)).aggregate_id


def start_command(worker_id: UUID, **overrides: Any) -> c.StartPlacement:
    """A placement recorded by the registering office: the worker has not
    arrived anywhere, so the office where they are is still their home's."""
    fields: dict[str, Any] = {
        "actor": CASEWORKER,
        "worker_id": worker_id,
        "employer_name": "烟台鲁渝食品有限公司",
        "employer_code": EMPLOYER_CODE,
        "workplace_division": "370602",
        "position": "叉车司机",
        "monthly_wage": Decimal("5200.00"),
        "contract_type": "fixed_term",
        "kind": "cross_province",
        "start_date": date(2026, 3, 18),
    }
    fields.update(overrides)
    return c.StartPlacement(**fields)


def test_a_transfer_is_arranged_departs_arrives_and_returns(journey: Journey) -> None:
    register_offices(journey)  # Yantai, the partner receiving office, confirms the arrival
    worker_id = worker(journey)
    transfer_id = arrange(journey, worker_id)
    ids: dict[str, Any] = {"transfer_id": transfer_id}

    journey.record_departure(
        c.RecordDeparture(actor=CASEWORKER, occurred_on=date(2026, 3, 16), mode="train", **ids)
    )
    journey.record_arrival(c.RecordArrival(actor=YANTAI, occurred_on=date(2026, 3, 17), **ids))
    last = journey.record_return(
        c.RecordReturn(actor=YANTAI, occurred_on=date(2026, 10, 2), reason="合同期满", **ids)
    )

    transfer = journey.transfer_details(transfer_id, CASEWORKER)
    assert (last.version, transfer.version, transfer.state) == (4, 4, "returned")
    assert (transfer.worker_id, transfer.origin_office, transfer.destination) == (
        worker_id,
        "500237",
        "370600",
    )
    assert transfer.destination_name == "山东省烟台市"
    assert (transfer.arranged_on, transfer.departed_on) == (date(2026, 3, 5), date(2026, 3, 16))
    assert (transfer.mode, transfer.confirmed_by_office) == ("train", "370600")
    assert (transfer.returned_on, transfer.return_reason) == (date(2026, 10, 2), "合同期满")
    events = journey.transfer_events(transfer_id, CASEWORKER)
    assert [e.type for e in events] == [
        "Transfer.Arranged",
        "Transfer.Departed",
        "Transfer.Arrived",
        "Transfer.Returned",
    ]
    assert [e.version for e in events] == [1, 2, 3, 4]
    assert [e.actor for e in events] == [CASEWORKER, CASEWORKER, YANTAI, YANTAI]
    assert events[0].occurred_on == date(2026, 3, 5)
    assert events[0].payload["worker_id"] == worker_id


def test_a_transfer_that_has_not_departed_can_be_cancelled_and_nothing_after(
    journey: Journey,
) -> None:
    transfer_id = arrange(journey, worker(journey))
    journey.cancel_transfer(
        c.CancelTransfer(actor=CASEWORKER, transfer_id=transfer_id, reason="家中有事")
    )

    with pytest.raises(InvalidTransition) as refused:
        journey.record_departure(
            c.RecordDeparture(actor=CASEWORKER, transfer_id=transfer_id, mode="train")
        )

    assert refused.value.state == "cancelled"
    assert journey.transfer_details(transfer_id, CASEWORKER).state == "cancelled"


def test_new_records_for_an_unknown_worker_are_refused_and_write_nothing(
    journey: Journey,
) -> None:
    before = journey.recorder.max_notification_id()
    with pytest.raises(WorkerNotFound):
        arrange(journey, uuid4())
    with pytest.raises(WorkerNotFound):
        journey.start_placement(start_command(uuid4()))
    assert journey.recorder.max_notification_id() == before


def test_new_records_for_a_deactivated_worker_are_refused(journey: Journey) -> None:
    worker_id = worker(journey)
    journey.deactivate_worker(
        c.DeactivateWorker(actor=CASEWORKER, worker_id=worker_id, reason="moved away")
    )
    before = journey.recorder.max_notification_id()

    with pytest.raises(WorkerInactive) as transfer_refused:
        arrange(journey, worker_id)
    with pytest.raises(WorkerInactive) as placement_refused:
        journey.start_placement(start_command(worker_id))

    assert transfer_refused.value.command == "arrange a transfer"
    assert placement_refused.value.command == "start a placement"
    assert journey.recorder.max_notification_id() == before


def test_a_placement_from_a_transfer_is_confirmed_month_by_month_until_stable(
    journey: Journey,
) -> None:
    worker_id = worker(journey)
    transfer_id = arrange(journey, worker_id)
    placement_id = journey.start_placement(
        start_command(worker_id, transfer_id=transfer_id)
    ).aggregate_id
    ids: dict[str, Any] = {"actor": CASEWORKER, "placement_id": placement_id}

    for month in ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"):
        journey.confirm_month(c.ConfirmMonth(**ids, month=month, evidence="payroll"))
    journey.end_placement(c.EndPlacement(**ids, end_date=date(2026, 9, 30), reason="合同期满"))

    placement = journey.placement_details(placement_id, CASEWORKER)
    assert (placement.version, placement.state) == (8, "ended")
    assert (placement.worker_id, placement.transfer_id) == (worker_id, transfer_id)
    assert isinstance(placement.transfer_id, UUID)
    assert placement.monthly_wage == Decimal("5200.00")
    assert isinstance(placement.monthly_wage, Decimal)
    assert (placement.started_on, placement.ended_on) == (date(2026, 3, 18), date(2026, 9, 30))
    assert placement.workplace_division_name == "山东省烟台市芝罘区"
    assert placement.confirmed_months[0] == "2026-03"
    assert (placement.longest_consecutive_run, placement.stably_employed) == (6, True)
    assert placement.confirmations[0]["confirmed_on"] == journey.today()
    events = journey.placement_events(placement_id, CASEWORKER)
    assert [e.type for e in events] == (
        ["Placement.Started"] + ["Placement.MonthConfirmed"] * 6 + ["Placement.Ended"]
    )
    assert [e.version for e in events] == list(range(1, 9))
    assert events[0].occurred_on == date(2026, 3, 18)
    assert events[-1].occurred_on == date(2026, 9, 30)


def test_the_start_date_defaults_to_the_business_date(journey: Journey) -> None:
    worker_id = worker(journey)
    placement_id = journey.start_placement(
        start_command(worker_id, start_date=None, occurred_on=date(2026, 4, 1))
    ).aggregate_id
    assert journey.placement_details(placement_id, CASEWORKER).started_on == date(2026, 4, 1)


def test_a_start_date_that_contradicts_occurred_on_is_refused(journey: Journey) -> None:
    worker_id = worker(journey)
    with pytest.raises(InvalidValue) as refused:
        journey.start_placement(start_command(worker_id, occurred_on=date(2026, 4, 1)))
    assert refused.value.field == "start_date"


def test_a_transfer_of_another_worker_or_no_transfer_at_all_is_refused(
    journey: Journey,
) -> None:
    worker_id, other = worker(journey), worker(journey)
    others_transfer = arrange(journey, other)
    placement_of_other = journey.start_placement(start_command(other)).aggregate_id
    before = journey.recorder.max_notification_id()

    with pytest.raises(InvalidValue) as refused:
        journey.start_placement(start_command(worker_id, transfer_id=others_transfer))
    assert refused.value.field == "transfer_id"
    for not_a_transfer in (uuid4(), placement_of_other, worker_id):
        with pytest.raises(TransferNotFound):
            journey.start_placement(start_command(worker_id, transfer_id=not_a_transfer))
    assert journey.recorder.max_notification_id() == before


def test_a_month_confirmed_twice_is_refused(journey: Journey) -> None:
    placement_id = journey.start_placement(start_command(worker(journey))).aggregate_id
    confirm = c.ConfirmMonth(
        actor=CASEWORKER, placement_id=placement_id, month="2026-04", evidence="payroll"
    )
    journey.confirm_month(confirm)

    with pytest.raises(InvalidTransition) as refused:
        journey.confirm_month(confirm)

    assert refused.value.state == "active"
    assert journey.placement_details(placement_id, CASEWORKER).version == 2


def test_a_withdrawn_month_ends_stable_employment_until_it_is_confirmed_again(
    journey: Journey,
) -> None:
    placement_id = journey.start_placement(start_command(worker(journey))).aggregate_id
    ids: dict[str, Any] = {"actor": CASEWORKER, "placement_id": placement_id}
    for month in ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"):
        journey.confirm_month(c.ConfirmMonth(**ids, month=month, evidence="payroll"))

    recorded = journey.withdraw_month(
        c.WithdrawMonth(**ids, month="2026-05", reason="工资表核对有误", expected_version=7)
    )

    placement = journey.placement_details(placement_id, CASEWORKER)
    assert (recorded.version, placement.version) == (8, 8)
    assert "2026-05" not in placement.confirmed_months
    assert (placement.longest_consecutive_run, placement.stably_employed) == (3, False)
    assert placement.withdrawals == [
        {"month": "2026-05", "reason": "工资表核对有误", "withdrawn_on": journey.today()}
    ]
    event = journey.placement_events(placement_id, CASEWORKER)[-1]
    assert (event.type, event.version, event.actor) == ("Placement.MonthWithdrawn", 8, CASEWORKER)

    journey.confirm_month(c.ConfirmMonth(**ids, month="2026-05", evidence="bank_statement"))
    assert journey.placement_details(placement_id, CASEWORKER).stably_employed is True


def test_withdrawing_a_month_that_is_not_confirmed_is_refused_and_writes_nothing(
    journey: Journey,
) -> None:
    placement_id = journey.start_placement(start_command(worker(journey))).aggregate_id
    before = journey.recorder.max_notification_id()

    with pytest.raises(InvalidTransition) as refused:
        journey.withdraw_month(
            c.WithdrawMonth(
                actor=CASEWORKER, placement_id=placement_id, month="2026-04", reason="误录"
            )
        )
    with pytest.raises(PlacementNotFound):
        journey.withdraw_month(
            c.WithdrawMonth(actor=CASEWORKER, placement_id=uuid4(), month="2026-04", reason="误录")
        )

    assert (refused.value.command, refused.value.state) == ("withdraw month 2026-04", "active")
    assert journey.recorder.max_notification_id() == before


def test_a_stale_expected_version_is_refused_and_writes_nothing(journey: Journey) -> None:
    worker_id = worker(journey)
    transfer_id = arrange(journey, worker_id)
    placement_id = journey.start_placement(start_command(worker_id)).aggregate_id
    journey.confirm_month(
        c.ConfirmMonth(
            actor=CASEWORKER, placement_id=placement_id, month="2026-04", evidence="payroll"
        )
    )
    before = journey.recorder.max_notification_id()

    with pytest.raises(VersionMismatch) as stale_placement:
        journey.end_placement(
            c.EndPlacement(
                actor=CASEWORKER, placement_id=placement_id, reason="x", expected_version=1
            )
        )
    with pytest.raises(VersionMismatch) as stale_transfer:
        journey.record_departure(
            c.RecordDeparture(
                actor=CASEWORKER, transfer_id=transfer_id, mode="train", expected_version=0
            )
        )

    assert (stale_placement.value.current, stale_transfer.value.current) == (2, 1)
    assert journey.recorder.max_notification_id() == before
    assert journey.placement_details(placement_id, CASEWORKER).state == "active"
    assert journey.transfer_details(transfer_id, CASEWORKER).state == "arranged"


def test_the_current_version_as_expected_is_accepted(journey: Journey) -> None:
    transfer_id = arrange(journey, worker(journey))
    recorded = journey.record_departure(
        c.RecordDeparture(
            actor=CASEWORKER, transfer_id=transfer_id, mode="plane", expected_version=1
        )
    )
    assert recorded.version == 2


def test_reading_a_record_of_another_kind_is_not_found(journey: Journey) -> None:
    worker_id = worker(journey)
    transfer_id = arrange(journey, worker_id)
    placement_id = journey.start_placement(start_command(worker_id)).aggregate_id

    for read in (journey.transfer_details, journey.transfer_events):
        for record_id in (uuid4(), worker_id, placement_id):
            with pytest.raises(TransferNotFound):
                read(record_id, CASEWORKER)
    for read in (journey.placement_details, journey.placement_events):
        for record_id in (uuid4(), worker_id, transfer_id):
            with pytest.raises(PlacementNotFound):
                read(record_id, CASEWORKER)
    with pytest.raises(PlacementNotFound):
        journey.end_placement(
            c.EndPlacement(actor=CASEWORKER, placement_id=transfer_id, reason="x")
        )
