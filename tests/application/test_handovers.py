"""Handing a worker over between offices (移交), on POPO, SQLite and PostgreSQL:
offer, accept, decline, withdraw, offers that lapse, and two offices accepting
at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from application import commands as c
from application.exceptions import WorkerNotFound
from application.journey import Journey
from domain.actor import Actor, Role
from domain.case_offices import case_offices_id
from tests.application.office_case_commands import offer
from tests.application.office_commands import start_job
from tests.application.office_world import AUDITOR, HOME, HOST, OFFERED, World, arrived_in_yantai
from tests.support.offices import FUSHAN, LAISHAN, WUSHAN, YANTAI_CITY

FUSHAN_OFFICE = Actor(user="zhou.qiang", role=Role.CASEWORKER, office=FUSHAN)


def states(journey: Journey, world: World) -> dict[str, str]:
    """Each offer's state, by the office it was made to."""
    handovers = journey.served_by(world.worker_id, AUDITOR).handovers
    return {h.to_office: h.state for h in handovers}


def accept(journey: Journey, world: World, actor: Actor, offer_id: UUID) -> object:
    return journey.accept_handover(
        c.AcceptHandover(actor=actor, worker_id=world.worker_id, offer_id=offer_id)
    )


def test_an_accepted_handover_moves_the_worker_to_the_office_that_accepted(
    journey: Journey,
) -> None:
    world = arrived_in_yantai(journey)
    placement_id = start_job(journey, world, HOST)
    offer_id = offer(journey, world, HOST)

    # Offered the worker, Laishan reads the file before it decides, and records nothing yet.
    assert journey.worker_details(world.worker_id, OFFERED).id == world.worker_id
    accept(journey, world, OFFERED, offer_id)

    served = journey.served_by(world.worker_id, OFFERED)
    assert (served.home_office, served.host_office) == (WUSHAN, LAISHAN)
    (handover,) = served.handovers
    assert (handover.from_office, handover.to_office, handover.state) == (
        YANTAI_CITY,
        LAISHAN,
        "accepted",
    )
    assert (handover.offered_by, handover.decided_by) == (HOST.user, OFFERED.user)
    with pytest.raises(WorkerNotFound):
        journey.worker_details(world.worker_id, HOST)  # Yantai no longer serves the worker
    with pytest.raises(WorkerNotFound):
        journey.served_by(world.worker_id, HOST)

    # Laishan now records where the worker works; the history keeps both offices' entries.
    journey.confirm_month(
        c.ConfirmMonth(
            actor=OFFERED, placement_id=placement_id, month="2026-05", evidence="payroll"
        )
    )
    history = journey.worker_as_of(
        world.worker_id, [world.transfer_id, placement_id], reader=OFFERED
    )
    offices = {(e.type, e.actor.office if e.actor else None) for e in history.events}
    assert {("Transfer.Arrived", YANTAI_CITY), ("Placement.Started", YANTAI_CITY)} <= offices
    assert ("Placement.MonthConfirmed", LAISHAN) in offices
    with pytest.raises(WorkerNotFound):
        journey.worker_as_of(world.worker_id, [placement_id], reader=HOST)


def test_a_handover_back_home_leaves_the_registering_office_alone(journey: Journey) -> None:
    world = arrived_in_yantai(journey)
    offer_id = offer(journey, world, HOST, to_office=WUSHAN)

    accept(journey, world, HOME, offer_id)

    served = journey.served_by(world.worker_id, HOME)
    assert (served.host_office, served.handovers[0].state) == (None, "accepted")
    with pytest.raises(WorkerNotFound):
        journey.worker_details(world.worker_id, HOST)


def test_a_declined_offer_keeps_the_worker_where_they_are(journey: Journey) -> None:
    world = arrived_in_yantai(journey)
    offer_id = offer(journey, world, HOST)

    journey.decline_handover(
        c.DeclineHandover(
            actor=OFFERED, worker_id=world.worker_id, offer_id=offer_id, reason="岗位已满"
        )
    )

    served = journey.served_by(world.worker_id, HOST)
    assert served.host_office == YANTAI_CITY
    assert (served.handovers[0].state, served.handovers[0].decision_reason) == (
        "declined",
        "岗位已满",
    )
    with pytest.raises(WorkerNotFound):  # no longer offered the worker
        journey.worker_details(world.worker_id, OFFERED)


def test_a_withdrawn_offer_can_no_longer_be_accepted(journey: Journey) -> None:
    world = arrived_in_yantai(journey)
    offer_id = offer(journey, world, HOST)
    withdraw = c.WithdrawHandover(actor=HOST, worker_id=world.worker_id, offer_id=offer_id)

    first = journey.withdraw_handover(withdraw)
    again = journey.withdraw_handover(withdraw)

    assert again.version == first.version  # withdrawn already: nothing new recorded
    assert states(journey, world) == {LAISHAN: "withdrawn"}
    with pytest.raises(WorkerNotFound):
        accept(journey, world, OFFERED, offer_id)
    assert journey.served_by(world.worker_id, HOME).host_office == YANTAI_CITY


def test_accepting_one_offer_lets_the_others_lapse(journey: Journey) -> None:
    world = arrived_in_yantai(journey)
    to_laishan = offer(journey, world, HOST)
    to_fushan = offer(journey, world, HOST, to_office=FUSHAN)
    assert journey.worker_details(world.worker_id, FUSHAN_OFFICE).id == world.worker_id

    accept(journey, world, OFFERED, to_laishan)

    assert states(journey, world) == {LAISHAN: "accepted", FUSHAN: "lapsed"}
    # The lapsed offer no longer lets Fushan see the worker, nor take them on.
    with pytest.raises(WorkerNotFound):
        accept(journey, world, FUSHAN_OFFICE, to_fushan)


def test_an_offer_lapses_when_the_worker_returns_home(journey: Journey) -> None:
    world = arrived_in_yantai(journey)
    offer(journey, world, HOST)

    journey.record_return(
        c.RecordReturn(
            actor=HOST,
            transfer_id=world.transfer_id,
            reason="合同期满",
            occurred_on=date(2026, 10, 2),
        )
    )

    assert journey.served_by(world.worker_id, HOME).host_office is None
    assert states(journey, world) == {LAISHAN: "lapsed"}


# -- two offices accepting at the same moment ------------------------------------------


def racing(
    journey: Journey, monkeypatch: pytest.MonkeyPatch, *calls: Callable[[], Any]
) -> list[Any]:
    """Run the calls in threads, each loading the record before either saves:
    the first save of every thread waits until all have reached it."""
    barrier = threading.Barrier(len(calls), timeout=20)
    first_save = threading.local()
    commit = journey._commit

    def commit_together(aggregate: Any, *others: Any, **options: Any) -> Any:
        if not getattr(first_save, "done", False):
            first_save.done = True
            barrier.wait()
        return commit(aggregate, *others, **options)

    monkeypatch.setattr(journey, "_commit", commit_together)
    outcomes: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            outcomes[i] = calls[i]()
        except Exception as error:
            outcomes[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def accepted_events(journey: Journey, world: World) -> int:
    events = journey.events.get(case_offices_id(world.worker_id))
    return sum(type(e).__qualname__ == "CaseOffices.HandoverAccepted" for e in events)


def test_two_offices_accepting_at_once_one_takes_the_worker_and_the_other_offer_lapses(
    journey: Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = arrived_in_yantai(journey)
    to_laishan = offer(journey, world, HOST)
    to_fushan = offer(journey, world, HOST, to_office=FUSHAN)

    outcomes = racing(
        journey,
        monkeypatch,
        lambda: accept(journey, world, OFFERED, to_laishan),
        lambda: accept(journey, world, FUSHAN_OFFICE, to_fushan),
    )

    # The loser's retry finds its offer lapsed, and the worker out of its reach.
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], WorkerNotFound), outcomes
    winner = LAISHAN if refused[0] is outcomes[1] else FUSHAN
    loser = FUSHAN if winner == LAISHAN else LAISHAN
    assert states(journey, world) == {winner: "accepted", loser: "lapsed"}
    assert journey.served_by(world.worker_id, AUDITOR).host_office == winner
    assert accepted_events(journey, world) == 1


def test_the_same_offer_accepted_twice_at_once_is_recorded_once(
    journey: Journey, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = arrived_in_yantai(journey)
    offer_id = offer(journey, world, HOST)

    outcomes = racing(
        journey,
        monkeypatch,
        lambda: accept(journey, world, OFFERED, offer_id),
        lambda: accept(journey, world, OFFERED, offer_id),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert accepted_events(journey, world) == 1
    assert journey.served_by(world.worker_id, AUDITOR).host_office == LAISHAN
