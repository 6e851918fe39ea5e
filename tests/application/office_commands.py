"""One valid call of every command about a worker who arrived in Yantai, for any
caller: what the command needs is set up first by the side that records it, so
the call itself fails only for who makes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from application import commands as c
from application.journey import Journey
from domain.actor import Actor
from tests.application.office_world import HOME, HOST, World
from tests.support.subsidies import EMPLOYER_CODE


@dataclass(frozen=True)
class Call:
    run: Callable[[], object]
    # The office the record itself lets act (a handover's addressee or offerer);
    # None when any office the table allows may.
    party: str | None = None


Builder = Callable[[Journey, World, Actor], Call]
BUILDERS: dict[type[c.Command], Builder] = {}


def builds(*kinds: type[c.Command]) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        for kind in kinds:
            BUILDERS[kind] = builder
        return builder

    return register


# -- the worker's file -------------------------------------------------------------

WORKER_CHANGES: dict[type[c.Command], dict[str, Any]] = {
    c.ChangeContact: {"mobile": "13900001111"},
    c.ChangePovertyStatus: {
        "status": "monitored_at_risk",
        "effective_on": date(2026, 1, 1),
        "source": "县乡村振兴局监测名单",
    },
    c.RecordJobIntention: {"destination": "370613", "sector": "port logistics"},
    c.RecordSkills: {"skills": ["电焊", "叉车"]},
    c.RecordSupportService: {"kind": "hardship_aid", "amount": Decimal("800.00")},
    c.DeactivateWorker: {"reason": "moved away"},
    c.RevealIdNumber: {"reason": "核对社保信息"},
}
WORKER_METHODS = {
    c.ChangeContact: "change_contact",
    c.ChangePovertyStatus: "change_poverty_status",
    c.RecordJobIntention: "record_job_intention",
    c.RecordSkills: "record_skills",
    c.RecordSupportService: "record_support_service",
    c.DeactivateWorker: "deactivate_worker",
    c.RevealIdNumber: "reveal_id_number",
}


def _worker_change(kind: type[c.Command]) -> Builder:
    def build(journey: Journey, world: World, caller: Actor) -> Call:
        fields = {"actor": caller, "worker_id": world.worker_id, **WORKER_CHANGES[kind]}
        command = kind(**fields)
        return Call(lambda: getattr(journey, WORKER_METHODS[kind])(command))

    return build


for _kind in WORKER_METHODS:
    BUILDERS[_kind] = _worker_change(_kind)


@builds(c.ReactivateWorker)
def reactivate(journey: Journey, world: World, caller: Actor) -> Call:
    journey.deactivate_worker(c.DeactivateWorker(actor=HOME, worker_id=world.worker_id, reason="x"))
    command = c.ReactivateWorker(actor=caller, worker_id=world.worker_id, reason="came back")
    return Call(lambda: journey.reactivate_worker(command))


# -- training ------------------------------------------------------------------------


def enrol_in_course(journey: Journey, world: World, actor: Actor) -> UUID:
    return journey.enroll_in_training(
        c.EnrollInTraining(
            actor=actor,
            worker_id=world.worker_id,
            course_name="叉车操作",
            training_type="specialty",
            provider="烟台职业技能学校",
            planned_start=date(2026, 4, 1),
            planned_end=date(2026, 4, 10),
            occurred_on=date(2026, 3, 20),
        )
    ).aggregate_id


@builds(c.EnrollInTraining)
def enrol(journey: Journey, world: World, caller: Actor) -> Call:
    return Call(lambda: enrol_in_course(journey, world, caller))


def complete_course(journey: Journey, training_id: UUID, actor: Actor) -> object:
    return journey.complete_training(
        c.CompleteTraining(
            actor=actor,
            training_id=training_id,
            hours=Decimal("64"),
            result="passed",
            occurred_on=date(2026, 4, 10),
        )
    )


@builds(c.CompleteTraining)
def complete(journey: Journey, world: World, caller: Actor) -> Call:
    training_id = enrol_in_course(journey, world, HOME)
    return Call(lambda: complete_course(journey, training_id, caller))


@builds(c.CertifyTraining)
def certify(journey: Journey, world: World, caller: Actor) -> Call:
    training_id = enrol_in_course(journey, world, HOME)
    complete_course(journey, training_id, HOME)
    command = c.CertifyTraining(
        actor=caller,
        training_id=training_id,
        certificate_type="特种作业操作证",
        certificate_number="T370600001",
        occurred_on=date(2026, 4, 20),
    )
    return Call(lambda: journey.certify_training(command))


@builds(c.WithdrawFromTraining)
def withdraw_from_training(journey: Journey, world: World, caller: Actor) -> Call:
    training_id = enrol_in_course(journey, world, HOME)
    command = c.WithdrawFromTraining(
        actor=caller, training_id=training_id, reason="ill", occurred_on=date(2026, 4, 2)
    )
    return Call(lambda: journey.withdraw_from_training(command))


# -- transfers: a second one, arranged once the worker is in Yantai -----------------


def arrange_second(journey: Journey, world: World, actor: Actor) -> UUID:
    return journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=actor,
            occurred_on=date(2026, 4, 1),
            worker_id=world.worker_id,
            destination="370600",
            channel="labour_office",
            planned_on=date(2026, 4, 15),
        )
    ).aggregate_id


def depart_second(journey: Journey, transfer_id: UUID, actor: Actor) -> object:
    return journey.record_departure(
        c.RecordDeparture(
            actor=actor, transfer_id=transfer_id, mode="train", occurred_on=date(2026, 4, 15)
        )
    )


@builds(c.ArrangeTransfer)
def arrange(journey: Journey, world: World, caller: Actor) -> Call:
    return Call(lambda: arrange_second(journey, world, caller))


@builds(c.RecordDeparture)
def depart(journey: Journey, world: World, caller: Actor) -> Call:
    transfer_id = arrange_second(journey, world, HOME)
    return Call(lambda: depart_second(journey, transfer_id, caller))


@builds(c.RecordArrival)
def arrive(journey: Journey, world: World, caller: Actor) -> Call:
    transfer_id = arrange_second(journey, world, HOME)
    depart_second(journey, transfer_id, HOME)
    command = c.RecordArrival(actor=caller, transfer_id=transfer_id, occurred_on=date(2026, 4, 16))
    return Call(lambda: journey.record_arrival(command))


@builds(c.CancelTransfer)
def cancel(journey: Journey, world: World, caller: Actor) -> Call:
    transfer_id = arrange_second(journey, world, HOME)
    command = c.CancelTransfer(actor=caller, transfer_id=transfer_id, reason="家中有事")
    return Call(lambda: journey.cancel_transfer(command))


@builds(c.RecordReturn)
def record_return(journey: Journey, world: World, caller: Actor) -> Call:
    command = c.RecordReturn(
        actor=caller,
        transfer_id=world.transfer_id,
        reason="合同期满",
        occurred_on=date(2026, 10, 2),
    )
    return Call(lambda: journey.record_return(command))


# -- placements ----------------------------------------------------------------------


def start_job(journey: Journey, world: World, actor: Actor) -> UUID:
    return journey.start_placement(
        c.StartPlacement(
            actor=actor,
            worker_id=world.worker_id,
            transfer_id=world.transfer_id,
            employer_name="烟台鲁渝食品有限公司",
            employer_code=EMPLOYER_CODE,
            workplace_division="370602",
            position="叉车司机",
            monthly_wage=Decimal("5200.00"),
            contract_type="fixed_term",
            kind="cross_province",
            start_date=date(2026, 3, 18),
        )
    ).aggregate_id


def confirm_april(journey: Journey, placement_id: UUID, actor: Actor) -> object:
    return journey.confirm_month(
        c.ConfirmMonth(actor=actor, placement_id=placement_id, month="2026-04", evidence="payroll")
    )


@builds(c.StartPlacement)
def place(journey: Journey, world: World, caller: Actor) -> Call:
    return Call(lambda: start_job(journey, world, caller))


@builds(c.ConfirmMonth)
def confirm(journey: Journey, world: World, caller: Actor) -> Call:
    placement_id = start_job(journey, world, HOST)
    return Call(lambda: confirm_april(journey, placement_id, caller))


@builds(c.WithdrawMonth)
def withdraw_month(journey: Journey, world: World, caller: Actor) -> Call:
    placement_id = start_job(journey, world, HOST)
    confirm_april(journey, placement_id, HOST)
    command = c.WithdrawMonth(
        actor=caller, placement_id=placement_id, month="2026-04", reason="工资表核对有误"
    )
    return Call(lambda: journey.withdraw_month(command))


@builds(c.EndPlacement)
def end(journey: Journey, world: World, caller: Actor) -> Call:
    placement_id = start_job(journey, world, HOST)
    command = c.EndPlacement(
        actor=caller, placement_id=placement_id, reason="合同期满", end_date=date(2026, 9, 30)
    )
    return Call(lambda: journey.end_placement(command))
