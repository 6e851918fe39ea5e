"""Office-scoped access (issue 14), on POPO, SQLite and PostgreSQL: every command
that records a fact and every query that takes a reader, called by each office
about a Wushan worker who arrived in Yantai. What each caller may do is worked
out from the table of which side records what (domain/recording_sides), not
listed by hand; registration, which has no worker yet, has its own tests below."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest

import tests.application.office_case_commands as case_commands
from application import commands as c
from application.exceptions import RecordedByOtherSide, RecordNotFound
from application.journey import Journey
from domain.actor import Actor
from domain.exceptions import InvalidTransition, InvalidValue
from domain.recording_sides import Fact
from tests.application.office_commands import BUILDERS, Call, enrol_in_course, start_job
from tests.application.office_world import (
    AUDITOR,
    HOME,
    HOST,
    OFFERED,
    OUTSIDER,
    PAIR_MEDIATOR,
    Outcome,
    World,
    arrival_receivers,
    arrived_in_yantai,
    expected_access,
    expected_visibility,
    served,
)
from tests.support.factories import register_command
from tests.support.offices import WUSHAN, YANTAI_CITY, register_offices


def fact_commands() -> list[type[c.Command]]:
    """Every command class that records a fact of the table (not the bases)."""
    kinds = [k for k in vars(c).values() if isinstance(k, type) and issubclass(k, c.Command)]
    recording = [k for k in kinds if k.fact is not None]
    return [k for k in recording if not any(o is not k and issubclass(o, k) for o in kinds)]


MATRIX_COMMANDS = sorted(
    (k for k in fact_commands() if k.fact is not Fact.REGISTRATION), key=lambda k: k.__name__
)


def callers_for(fact: Fact | None) -> dict[str, Actor]:
    callers = {"registering office": HOME, "receiving office": HOST, "unrelated office": OUTSIDER}
    if fact in (Fact.DISPUTE, Fact.DISPUTE_HANDLING):
        callers["mediator of the pair"] = PAIR_MEDIATOR
    if fact is Fact.HANDOVER:
        callers["Laishan district office"] = OFFERED
    return callers


def attempt(journey: Journey, call: Call) -> Outcome:
    """What became of the call; a refused call writes nothing, a recorded one does."""
    head = journey.recorder.max_notification_id()
    try:
        call.run()
    except RecordedByOtherSide:
        outcome = Outcome.OTHER_SIDE
    except RecordNotFound:
        outcome = Outcome.NOT_FOUND
    except InvalidTransition:
        outcome = Outcome.REFUSED
    else:
        outcome = Outcome.RECORDED
    written = journey.recorder.max_notification_id() != head
    assert written == (outcome is Outcome.RECORDED), (call, outcome)
    return outcome


def test_every_command_that_records_a_fact_has_a_call_in_the_matrix() -> None:
    assert set(BUILDERS) == set(MATRIX_COMMANDS)
    assert {k.fact for k in MATRIX_COMMANDS} == set(Fact) - {Fact.REGISTRATION}


@pytest.mark.parametrize("kind", MATRIX_COMMANDS, ids=lambda k: k.__name__)
def test_each_office_records_what_the_table_gives_its_side(
    journey: Journey, kind: type[c.Command]
) -> None:
    assert kind.fact is not None
    found: dict[str, Outcome] = {}
    expected: dict[str, Outcome] = {}
    for name, caller in callers_for(kind.fact).items():
        world = arrived_in_yantai(journey)
        call = BUILDERS[kind](journey, world, caller)
        now = served(journey, world.worker_id)
        receivers = arrival_receivers(journey, now.home, YANTAI_CITY)
        expected[name] = expected_access(kind.fact, caller, now, receivers)
        if expected[name] is Outcome.RECORDED and call.party not in (None, caller.office):
            # A handover is decided by the office offered it, withdrawn by the one offering.
            expected[name] = Outcome.REFUSED
        found[name] = attempt(journey, call)
    assert found == expected


# -- queries -------------------------------------------------------------------------

NOT_QUERIES = {"record_case_notes_read"}  # records that a reader was shown case notes


def queries() -> dict[str, inspect.Signature]:
    """Every query of the Journey that is told who reads."""
    found = {}
    for name, method in vars(Journey).items():
        if not inspect.isfunction(method) or name.startswith("_") or name in NOT_QUERIES:
            continue
        signature = inspect.signature(method)
        if {"reader", "auditor"} & signature.parameters.keys():
            found[name] = signature
    return found


RECORD_KINDS = ["worker", "training", "transfer", "placement", "dispute", "subsidy", "disclosure"]
QUERY_CASES = [
    pytest.param(name, kind, id=f"{name}-{kind}" if kind else name)
    for name, signature in sorted(queries().items())
    for kind in (RECORD_KINDS if "record_id" in signature.parameters else [None])
]
QUERY_CALLERS = {
    "registering office": HOME,
    "receiving office": HOST,
    "unrelated office": OUTSIDER,
    "mediator of the pair": PAIR_MEDIATOR,
    "auditor of everything": AUDITOR,
}


def records_of(journey: Journey, world: World) -> dict[str, UUID]:
    """One record of each kind about the worker, each made by the side that records it."""
    revealed = journey.reveal_id_number(
        c.RevealIdNumber(actor=HOME, worker_id=world.worker_id, reason="核对社保信息")
    )
    return {
        "worker": world.worker_id,
        "training": enrol_in_course(journey, world, HOME),
        "transfer": world.transfer_id,
        "placement": start_job(journey, world, HOST),
        "dispute": case_commands.open_case(journey, world, HOST),
        "subsidy": case_commands.transport_subsidy(journey, world),
        "disclosure": revealed.disclosure_id,
    }


def query(
    journey: Journey, name: str, kind: str | None, ids: dict[str, UUID]
) -> Callable[..., Any]:
    """The query called with the records' ids, by parameter name, for a caller."""
    parameters = queries()[name].parameters
    values: dict[str, Any] = {f"{k}_id": v for k, v in ids.items()}
    values["record_id"] = ids[kind] if kind else None
    values["record_ids"] = list(ids.values())
    needed = [p for p in parameters if p not in ("self", "reader", "auditor", "when")]
    missing = [
        p for p in needed if p not in values and parameters[p].default is inspect.Parameter.empty
    ]
    assert not missing, f"{name}: the matrix has no record for {missing}"

    def run(caller: Actor) -> Any:
        reader = "reader" if "reader" in parameters else "auditor"
        arguments = {p: values[p] for p in needed if p in values}
        return getattr(journey, name)(**arguments, **{reader: caller})

    return run


def answer(run: Callable[[Actor], Any], caller: Actor) -> tuple[Outcome, type | None]:
    try:
        run(caller)
    except RecordNotFound as error:
        return Outcome.NOT_FOUND, type(error)
    return Outcome.VISIBLE, None


@pytest.mark.parametrize(("name", "kind"), QUERY_CASES)
def test_each_office_reads_the_workers_it_serves_and_nothing_of_the_others(
    journey: Journey, name: str, kind: str | None
) -> None:
    world = arrived_in_yantai(journey)
    ids = records_of(journey, world)
    now = served(journey, world.worker_id)
    run = query(journey, name, kind, ids)

    found = {who: answer(run, caller)[0] for who, caller in QUERY_CALLERS.items()}

    assert found == {who: expected_visibility(c, now) for who, c in QUERY_CALLERS.items()}
    # Outside the reach the answer is the one for a record that does not exist.
    unknown = query(journey, name, kind, {k: uuid4() for k in ids})
    assert answer(run, OUTSIDER) == answer(unknown, AUDITOR)


# -- registration: the registering office's own division, or a partner's with a reason


def test_an_office_registers_the_workers_of_its_own_division(journey: Journey) -> None:
    register_offices(journey)
    recorded = journey.register_worker(register_command(actor=HOME))
    assert journey.served_by(recorded.aggregate_id, HOME).home_office == WUSHAN


@pytest.mark.parametrize(
    ("actor", "hukou"),
    [(HOME, "110101"), (OUTSIDER, "500237"), (HOST, "110101")],
    ids=["wushan-registers-a-beijing-hukou", "beijing-a-wushan-hukou", "yantai-a-beijing-hukou"],
)
def test_registering_outside_the_offices_and_its_partners_divisions_is_refused(
    journey: Journey, actor: Actor, hukou: str
) -> None:
    register_offices(journey)
    head = journey.recorder.max_notification_id()
    with pytest.raises(InvalidValue) as refused:
        journey.register_worker(
            register_command(actor=actor, hukou_division=hukou, outside_division_reason="代为登记")
        )
    assert refused.value.field == "hukou_division"
    assert journey.recorder.max_notification_id() == head


@pytest.mark.parametrize(
    ("actor", "hukou"),
    [(HOST, WUSHAN), (HOME, "370613")],
    ids=["yantai-registers-a-wushan-hukou", "wushan-a-laishan-hukou"],
)
def test_a_partner_office_registers_a_worker_of_its_partners_division_with_a_reason(
    journey: Journey, actor: Actor, hukou: str
) -> None:
    register_offices(journey)
    head = journey.recorder.max_notification_id()
    for reason in (None, "  "):
        with pytest.raises(InvalidValue) as refused:
            journey.register_worker(
                register_command(actor=actor, hukou_division=hukou, outside_division_reason=reason)
            )
        assert refused.value.field == "outside_division_reason"
    assert journey.recorder.max_notification_id() == head

    recorded = journey.register_worker(
        register_command(
            actor=actor, hukou_division=hukou, outside_division_reason="本人自行前来务工，代为登记"
        )
    )

    # The office that registered the worker is their registering office.
    assert journey.served_by(recorded.aggregate_id, actor).home_office == actor.office
    assert journey.worker_details(recorded.aggregate_id, actor).hukou_division == hukou


def test_without_a_partnership_in_the_register_no_office_registers_outside_its_division(
    journey: Journey,
) -> None:
    with pytest.raises(InvalidValue) as refused:
        journey.register_worker(register_command(actor=HOST, outside_division_reason="代为登记"))
    assert refused.value.field == "hukou_division"
