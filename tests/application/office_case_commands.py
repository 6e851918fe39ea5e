"""One valid call of every dispute, subsidy and handover command about a worker
who arrived in Yantai (the worker's file, trainings, transfers and placements:
office_commands.py, whose registry this adds to)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from application import commands as c
from application.journey import Journey
from domain.actor import Actor
from tests.application.office_commands import Call, builds
from tests.application.office_world import AUDITOR, HOME, HOST, World, served
from tests.support.offices import LAISHAN
from tests.support.subsidies import facts_from_log

DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


# -- disputes: opened where the worker works -----------------------------------------


def open_case(journey: Journey, world: World, actor: Actor) -> UUID:
    return journey.open_dispute(
        c.OpenDispute(
            actor=actor,
            worker_id=world.worker_id,
            employer_name="烟台鲁源食品有限公司",
            kind="wage_arrears",
            amount_claimed=Decimal("18600.00"),
            description="拖欠工资 3 个月",
            occurred_on=date(2026, 5, 5),
        )
    ).aggregate_id


def in_mediation(journey: Journey, world: World) -> UUID:
    dispute_id = open_case(journey, world, HOST)
    journey.assign_mediator(
        c.AssignMediator(actor=HOST, dispute_id=dispute_id, mediator="wang.fang")
    )
    return dispute_id


@builds(c.OpenDispute)
def open_dispute(journey: Journey, world: World, caller: Actor) -> Call:
    return Call(lambda: open_case(journey, world, caller))


@builds(c.AssignMediator)
def assign(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = open_case(journey, world, HOST)
    command = c.AssignMediator(actor=caller, dispute_id=dispute_id, mediator="wang.fang")
    return Call(lambda: journey.assign_mediator(command))


@builds(c.RecordSession)
def session(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = in_mediation(journey, world)
    command = c.RecordSession(
        actor=caller,
        dispute_id=dispute_id,
        attendees=["冉光明", "企业人事主管 张伟"],
        summary="企业承认拖欠",
        occurred_on=date(2026, 5, 8),
    )
    return Call(lambda: journey.record_dispute_session(command))


@builds(c.AddEvidence)
def evidence(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = open_case(journey, world, HOST)
    command = c.AddEvidence(
        actor=caller,
        dispute_id=dispute_id,
        document_id="DOC-2026-000123",
        sha256=DIGEST,
        description="工资条",
    )
    return Call(lambda: journey.add_dispute_evidence(command))


@builds(c.EscalateDispute)
def escalate(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = open_case(journey, world, HOST)
    command = c.EscalateDispute(
        actor=caller, dispute_id=dispute_id, to="labour_arbitration", reason="企业拒绝调解"
    )
    return Call(lambda: journey.escalate_dispute(command))


@builds(c.SettleDispute)
def settle(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = in_mediation(journey, world)
    command = c.SettleDispute(
        actor=caller,
        dispute_id=dispute_id,
        amount_agreed=Decimal("18600.00"),
        amount_recovered=Decimal("9300.00"),
    )
    return Call(lambda: journey.settle_dispute(command))


@builds(c.CloseDispute)
def close(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = open_case(journey, world, HOST)
    command = c.CloseDispute(actor=caller, dispute_id=dispute_id, outcome="withdrawn")
    return Call(lambda: journey.close_dispute(command))


@builds(c.ReopenDispute)
def reopen(journey: Journey, world: World, caller: Actor) -> Call:
    dispute_id = open_case(journey, world, HOST)
    journey.close_dispute(c.CloseDispute(actor=HOST, dispute_id=dispute_id, outcome="withdrawn"))
    command = c.ReopenDispute(actor=caller, dispute_id=dispute_id, reason="企业未按期支付")
    return Call(lambda: journey.reopen_dispute(command))


# -- subsidies: decided by the registering office ------------------------------------


def evaluate_now(journey: Journey, world: World, actor: Actor) -> object:
    facts = facts_from_log(journey, world.worker_id)
    return journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=actor, worker_id=world.worker_id), facts
    )


def transport_subsidy(journey: Journey, world: World, *, approved: bool = False) -> UUID:
    """The transport and living subsidy the arrival entitles the worker to."""
    evaluate_now(journey, world, HOME)
    (subsidy_id,) = facts_from_log(journey, world.worker_id).subsidies
    if approved:
        journey.approve_subsidy(c.ApproveSubsidy(actor=HOME, subsidy_id=subsidy_id))
    return subsidy_id


@builds(c.EvaluateSubsidies)
def evaluate(journey: Journey, world: World, caller: Actor) -> Call:
    return Call(lambda: evaluate_now(journey, world, caller))


@builds(c.ApproveSubsidy)
def approve(journey: Journey, world: World, caller: Actor) -> Call:
    command = c.ApproveSubsidy(actor=caller, subsidy_id=transport_subsidy(journey, world))
    return Call(lambda: journey.approve_subsidy(command))


@builds(c.RejectSubsidy)
def reject(journey: Journey, world: World, caller: Actor) -> Call:
    subsidy_id = transport_subsidy(journey, world)
    command = c.RejectSubsidy(actor=caller, subsidy_id=subsidy_id, reason="材料不全")
    return Call(lambda: journey.reject_subsidy(command))


@builds(c.PaySubsidy)
def pay(journey: Journey, world: World, caller: Actor) -> Call:
    subsidy_id = transport_subsidy(journey, world, approved=True)
    command = c.PaySubsidy(actor=caller, subsidy_id=subsidy_id, payment_reference="YT-0001")
    return Call(lambda: journey.pay_subsidy(command))


@builds(c.RevokeSubsidy)
def revoke(journey: Journey, world: World, caller: Actor) -> Call:
    subsidy_id = transport_subsidy(journey, world, approved=True)
    command = c.RevokeSubsidy(actor=caller, subsidy_id=subsidy_id, reason="重复申报")
    return Call(lambda: journey.revoke_subsidy(command))


# -- handovers: offered to 莱山区 -----------------------------------------------------


def offer(journey: Journey, world: World, actor: Actor, to_office: str = LAISHAN) -> UUID:
    """An offer of the worker to `to_office`; its id, from who serves them now."""
    journey.offer_handover(
        c.OfferHandover(
            actor=actor, worker_id=world.worker_id, to_office=to_office, reason="本人转至莱山区务工"
        )
    )
    return journey.served_by(world.worker_id, AUDITOR).handovers[-1].offer_id


@builds(c.OfferHandover)
def offer_handover(journey: Journey, world: World, caller: Actor) -> Call:
    return Call(lambda: offer(journey, world, caller))


@builds(c.AcceptHandover)
def accept(journey: Journey, world: World, caller: Actor) -> Call:
    offer_id = offer(journey, world, HOST)
    command = c.AcceptHandover(actor=caller, worker_id=world.worker_id, offer_id=offer_id)
    return Call(lambda: journey.accept_handover(command), party=LAISHAN)


@builds(c.DeclineHandover)
def decline(journey: Journey, world: World, caller: Actor) -> Call:
    offer_id = offer(journey, world, HOST)
    command = c.DeclineHandover(
        actor=caller, worker_id=world.worker_id, offer_id=offer_id, reason="岗位已满"
    )
    return Call(lambda: journey.decline_handover(command), party=LAISHAN)


@builds(c.WithdrawHandover)
def withdraw(journey: Journey, world: World, caller: Actor) -> Call:
    # Withdrawn by the office that made it: the caller's own offer where it may make one.
    offerer = caller if caller.office in served(journey, world.worker_id).serving else HOST
    offer_id = offer(journey, world, offerer)
    command = c.WithdrawHandover(actor=caller, worker_id=world.worker_id, offer_id=offer_id)
    return Call(lambda: journey.withdraw_handover(command), party=offerer.office)
