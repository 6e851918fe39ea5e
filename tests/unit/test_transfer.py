"""Transfer (有组织转移): every transition and every rule, with no I/O."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from domain.exceptions import InvalidTransition, InvalidValue
from domain.transfer import Transfer, TransferChannel, TransferState, TravelMode
from domain.worker_dates import WorkerDates
from tests.unit.transfer_builders import (
    ACTOR,
    ARRANGED_ON,
    ARRIVED_ON,
    DEPARTED_ON,
    RECEIVING,
    TODAY,
    WORKER,
    arrange,
    arranged,
    arrived,
    cancelled,
    departed,
    names,
    returned,
    stamp,
)


def test_arranging_records_the_move_and_starts_arranged() -> None:
    transfer = arrange(destination="３７０６１３", employer_name=" 烟台鲁渝食品有限公司 ")

    assert transfer.state is TransferState.ARRANGED
    assert (transfer.worker_id, transfer.origin_office) == (WORKER, "500237")
    assert (transfer.destination, transfer.channel) == ("370613", TransferChannel.JOB_FAIR)
    assert (transfer.planned_on, transfer.arranged_on) == (date(2026, 3, 16), ARRANGED_ON)
    assert transfer.employer_name == "烟台鲁渝食品有限公司"
    [event] = transfer.collect_events()
    assert type(event).__qualname__ == "Transfer.Arranged"
    assert (event.actor, event.occurred_on) == (ACTOR, ARRANGED_ON)
    assert type(event.channel) is str  # stored schema: plain values, not enums


def test_the_origin_office_defaults_to_the_actors_office_but_may_be_given() -> None:
    assert arrange(actor=RECEIVING).origin_office == "370600"
    assert arrange(origin_office="500237", actor=RECEIVING).origin_office == "500237"


def test_every_arrangement_gets_a_new_random_id() -> None:
    first, second = arrange(), arrange()
    assert first.id != second.id
    assert first.id.version == 4


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("occurred_on", {"occurred_on": date(2026, 11, 27)}),
        ("planned_on", {"planned_on": date(2026, 3, 1)}),
        ("destination", {"destination": "12345"}),
        ("destination", {"destination": "999999"}),
        ("origin_office", {"origin_office": "000000"}),
        ("channel", {"channel": "word_of_mouth"}),
        ("employer_name", {"employer_name": "厂" * 101}),
        ("note", {"note": "x" * 1001}),
    ],
)
def test_invalid_arrangements_are_refused_naming_the_field(
    field: str, overrides: dict[str, Any]
) -> None:
    with pytest.raises(InvalidValue) as refused:
        arrange(**overrides)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"occurred_on": date(2026, 3, 1), "planned_on": date(2026, 3, 16)},
            "occurred_on: must not be before the worker's registration (2026-03-02)",
        ),
        (
            {"occurred_on": date(1900, 1, 1), "planned_on": date(1900, 1, 1)},
            "occurred_on: must not be before the worker's registration (2026-03-02)",
        ),
        (
            {"planned_on": date(2028, 11, 27)},
            "planned_on: must not be after 2028-11-26 (more than 2 years ahead)",
        ),
        (
            {"planned_on": date(9999, 12, 31)},
            "planned_on: must not be after 2028-11-26 (more than 2 years ahead)",
        ),
    ],
)
def test_an_arrangement_on_an_impossible_date_is_refused_naming_the_date(
    overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        arrange(**overrides)
    assert str(refused.value) == message


def test_a_transfer_may_be_arranged_on_the_registration_day_and_planned_two_years_ahead() -> None:
    transfer = arrange(occurred_on=ARRANGED_ON, planned_on=date(2028, 11, 26))
    assert (transfer.arranged_on, transfer.planned_on) == (ARRANGED_ON, date(2028, 11, 26))


def test_no_transfer_is_arranged_before_the_workers_sixteenth_birthday() -> None:
    # The transfer checks the working age itself, whatever the registration held.
    young = WorkerDates(WORKER, born_on=date(2010, 9, 1), registered_on=date(2026, 3, 2))
    with pytest.raises(InvalidValue) as refused:
        arrange(worker=young, occurred_on=date(2026, 8, 31), planned_on=date(2026, 9, 1))

    assert str(refused.value) == (
        "occurred_on: must not be before the worker's 16th birthday (2026-09-01)"
    )


def test_a_transfer_departs_arrives_and_returns() -> None:
    transfer = arranged()

    transfer.record_departure(mode="train", note="G字头高铁", **stamp(DEPARTED_ON))
    transfer.confirm_arrival(**stamp(ARRIVED_ON, RECEIVING))
    transfer.record_return(reason="合同期满返乡", **stamp(date(2026, 10, 1)))

    assert transfer.state is TransferState.RETURNED
    assert (transfer.mode, transfer.departed_on) == (TravelMode.TRAIN, DEPARTED_ON)
    assert (transfer.arrived_on, transfer.confirmed_by_office) == (ARRIVED_ON, "370600")
    assert (transfer.returned_on, transfer.return_reason) == (date(2026, 10, 1), "合同期满返乡")
    events = transfer.collect_events()
    assert [type(e).__qualname__ for e in events] == [
        "Transfer.Departed",
        "Transfer.Arrived",
        "Transfer.Returned",
    ]
    assert events[0].note == "G字头高铁"
    assert (events[1].confirmed_by_office, events[1].actor) == ("370600", RECEIVING)


def test_an_arranged_transfer_can_be_cancelled() -> None:
    transfer = arranged()
    transfer.cancel(reason="家中老人生病", **stamp(date(2026, 3, 10)))

    assert transfer.state is TransferState.CANCELLED
    assert (transfer.cancelled_on, transfer.cancel_reason) == (date(2026, 3, 10), "家中老人生病")
    assert names(transfer) == ["Transfer.Cancelled"]


def test_steps_may_happen_on_the_same_day_as_the_step_before() -> None:
    transfer = arranged()
    transfer.record_departure(mode="self_arranged", **stamp(ARRANGED_ON))
    transfer.confirm_arrival(**stamp(ARRANGED_ON))
    transfer.record_return(reason="不适应", **stamp(ARRANGED_ON))
    assert transfer.state is TransferState.RETURNED


Step = Callable[[Transfer], None]
STEPS: dict[str, tuple[str, Step]] = {
    "depart": ("record the departure", lambda t: t.record_departure(mode="train", **stamp(TODAY))),
    "arrive": ("record the arrival", lambda t: t.confirm_arrival(**stamp(TODAY))),
    "cancel": ("cancel the transfer", lambda t: t.cancel(reason="x", **stamp(TODAY))),
    "return": ("record the return", lambda t: t.record_return(reason="x", **stamp(TODAY))),
}
STATES: dict[str, Callable[[], Transfer]] = {
    "arranged": arranged,
    "departed": departed,
    "arrived": arrived,
    "cancelled": cancelled,
    "returned": returned,
}
ALLOWED = {("arranged", "depart"), ("arranged", "cancel"), ("departed", "arrive")}
ALLOWED |= {("arrived", "return")}
REFUSED = [(s, c) for s in STATES for c in STEPS if (s, c) not in ALLOWED]


@pytest.mark.parametrize(("state", "step"), REFUSED)
def test_a_step_in_the_wrong_state_is_refused_naming_the_state(state: str, step: str) -> None:
    transfer = STATES[state]()
    command, call = STEPS[step]

    with pytest.raises(InvalidTransition) as refused:
        call(transfer)

    assert (refused.value.state, refused.value.command) == (state, command)
    assert transfer.state.value == state
    assert transfer.collect_events() == []


@pytest.mark.parametrize(("state", "step"), sorted(ALLOWED))
def test_each_allowed_step_records_one_event(state: str, step: str) -> None:
    transfer = STATES[state]()
    STEPS[step][1](transfer)
    assert len(transfer.collect_events()) == 1


@pytest.mark.parametrize(
    ("state", "call"),
    [
        ("arranged", lambda t: t.record_departure(mode="train", **stamp(date(2026, 3, 1)))),
        ("arranged", lambda t: t.cancel(reason="x", **stamp(date(2026, 3, 1)))),
        ("departed", lambda t: t.confirm_arrival(**stamp(date(2026, 3, 15)))),
        ("arrived", lambda t: t.record_return(reason="x", **stamp(date(2026, 3, 16)))),
    ],
)
def test_a_step_dated_before_the_step_it_follows_is_refused(state: str, call: Step) -> None:
    transfer = STATES[state]()
    with pytest.raises(InvalidValue) as refused:
        call(transfer)
    assert refused.value.field == "occurred_on"
    assert transfer.collect_events() == []


@pytest.mark.parametrize(("state", "step"), sorted(ALLOWED))
def test_a_step_dated_in_the_future_is_refused(state: str, step: str) -> None:
    transfer = STATES[state]()
    tomorrow = date(2026, 11, 27)
    calls: dict[str, Step] = {
        "depart": lambda t: t.record_departure(mode="train", **stamp(tomorrow)),
        "arrive": lambda t: t.confirm_arrival(**stamp(tomorrow)),
        "cancel": lambda t: t.cancel(reason="x", **stamp(tomorrow)),
        "return": lambda t: t.record_return(reason="x", **stamp(tomorrow)),
    }
    with pytest.raises(InvalidValue) as refused:
        calls[step](transfer)
    assert (refused.value.field, refused.value.message) == (
        "occurred_on",
        "must not be in the future",
    )


def test_an_unknown_travel_mode_and_an_empty_reason_are_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        arranged().record_departure(mode="horse", **stamp(DEPARTED_ON))
    assert refused.value.field == "mode"
    with pytest.raises(InvalidValue) as refused:
        arranged().cancel(reason="  ", **stamp(DEPARTED_ON))
    assert refused.value.field == "reason"


def test_replaying_the_events_rebuilds_the_same_transfer() -> None:
    transfer = arrange()
    transfer.record_departure(mode="plane", **stamp(DEPARTED_ON))
    transfer.confirm_arrival(**stamp(ARRIVED_ON, RECEIVING))

    rebuilt: Transfer | None = None
    for event in transfer.collect_events():
        rebuilt = event.mutate(rebuilt)

    assert rebuilt is not None
    assert vars(rebuilt) == {**vars(transfer), "_pending_events": []}
