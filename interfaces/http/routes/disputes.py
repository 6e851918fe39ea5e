"""/disputes: labour disputes (劳动争议) — opened by caseworkers or mediators,
handled by mediators; caseworkers read them without the case notes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application import commands as c
from application.views import Recorded
from domain.actor import Actor
from domain.dispute_terms import DisputeKind, DisputeStatus
from infrastructure.readmodels import case_file_queries
from infrastructure.readmodels.case_file_queries import DEFAULT_LIMIT, MAX_LIMIT
from interfaces.http.dependencies import (
    DisputeIdDep,
    DisputeOpenerDep,
    ExpectedVersionDep,
    JourneyDep,
    MediatorDep,
    ReaderDep,
    ReadingActorDep,
    ReadModelsDep,
)
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.disputes import (
    ClosureIn,
    DisputeOut,
    DisputeRegisterOut,
    EscalationIn,
    EvidenceIn,
    MediatorIn,
    OpenDisputeIn,
    ReopeningIn,
    SessionIn,
    SettlementIn,
)

router = APIRouter(prefix="/disputes", tags=["disputes"])


def _answer(
    journey: JourneyDep, recorded: Recorded, actor: Actor, *, created: bool = False
) -> JSONResponse:
    """The dispute as the caller may read it: a caseworker who opened it gets
    the view without case notes."""
    dispute = DisputeOut.of(journey.dispute_details(recorded.aggregate_id, actor.role))
    location = f"/api/v1/disputes/{recorded.aggregate_id}" if created else None
    return recorded_response(dispute, recorded, location=location)


@router.post("", status_code=201, response_model=DisputeOut)
def open_dispute(body: OpenDisputeIn, actor: DisputeOpenerDep, journey: JourneyDep) -> JSONResponse:
    """Accept (受理) an active worker's dispute with an employer. `occurred_on`
    (the acceptance date, not before the worker's registration) starts the 15-day
    mediation clock (劳动争议调解仲裁法 art. 14)."""
    recorded = journey.open_dispute(
        c.OpenDispute(
            actor=actor,
            occurred_on=body.occurred_on,
            note=body.note,
            worker_id=body.worker_id,
            employer_name=body.employer_name,
            employer_code=body.employer_code,
            kind=body.kind.value,
            amount_claimed=body.amount_claimed,
            description=body.description,
        )
    )
    return _answer(journey, recorded, actor, created=True)


@router.get("/{dispute_id}", response_model=DisputeOut)
def get_dispute(
    reader: ReadingActorDep, dispute_id: DisputeIdDep, journey: JourneyDep
) -> JSONResponse:
    """Mediators and auditors see everything — and their reading of the case notes
    is recorded (a `Disclosure`, in the audit trail); caseworkers see kind, status,
    amounts, dates and the clock, not the description, sessions, evidence or reasons."""
    dispute = journey.read_dispute(dispute_id, reader)
    return current_response(DisputeOut.of(dispute), dispute.version)


@router.get("/{dispute_id}/events", response_model=EventsOut)
def dispute_events(
    reader: ReadingActorDep, dispute_id: DisputeIdDep, journey: JourneyDep
) -> EventsOut:
    """Every event in order; for caseworkers sessions and evidence have an empty
    payload and the other events lose their free text. A mediator's or auditor's
    reading is recorded."""
    return EventsOut.of(dispute_id, journey.read_dispute_events(dispute_id, reader))


@router.post("/{dispute_id}/mediator", response_model=DisputeOut)
def assign_mediator(
    body: MediatorIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Assign the mediator (调解员) — you, unless `mediator` names another. The
    mediator already assigned records nothing (200 with the dispute as it is)."""
    recorded = journey.assign_mediator(
        c.AssignMediator(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            mediator=body.mediator,
        )
    )
    return _answer(journey, recorded, actor)


@router.post("/{dispute_id}/sessions", response_model=DisputeOut)
def record_session(
    body: SessionIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record a mediation session held on `occurred_on`; only while in mediation."""
    recorded = journey.record_dispute_session(
        c.RecordSession(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            attendees=body.attendees,
            summary=body.summary,
        )
    )
    return _answer(journey, recorded, actor)


@router.post("/{dispute_id}/evidence", response_model=DisputeOut)
def add_evidence(
    body: EvidenceIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Add a document and its SHA-256 as evidence (证据). A document already added
    with the same digest records nothing (200 with the dispute as it is)."""
    recorded = journey.add_dispute_evidence(
        c.AddEvidence(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            document_id=body.document_id,
            sha256=body.sha256,
            description=body.description,
        )
    )
    return _answer(journey, recorded, actor)


@router.post("/{dispute_id}/escalation", response_model=DisputeOut)
def escalate(
    body: EscalationIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Refer the dispute to labour arbitration, work-injury determination or a court."""
    recorded = journey.escalate_dispute(
        c.EscalateDispute(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            to=body.to.value,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded, actor)


@router.post("/{dispute_id}/settlement", response_model=DisputeOut)
def settle(
    body: SettlementIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the agreement (调解协议): amount agreed and amount recovered so far."""
    recorded = journey.settle_dispute(
        c.SettleDispute(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            amount_agreed=body.amount_agreed,
            amount_recovered=body.amount_recovered,
        )
    )
    return _answer(journey, recorded, actor)


@router.post("/{dispute_id}/closure", response_model=DisputeOut)
def close(
    body: ClosureIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Close the dispute (结案) with its outcome."""
    recorded = journey.close_dispute(
        c.CloseDispute(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            outcome=body.outcome.value,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded, actor)


@router.post("/{dispute_id}/reopening", response_model=DisputeOut)
def reopen(
    body: ReopeningIn,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Reopen a closed dispute, not before its closure: back in mediation if it
    has a mediator. The reopening date starts a new 15-day mediation period
    (`mediation_due_on`); earlier periods stay in `mediation_periods`."""
    recorded = journey.reopen_dispute(
        c.ReopenDispute(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded, actor)


@router.get("", response_model=DisputeRegisterOut)
def dispute_register(
    _: ReaderDep,
    read_models: ReadModelsDep,
    journey: JourneyDep,
    status: DisputeStatus | None = None,
    kind: DisputeKind | None = None,
    overdue: Annotated[
        bool | None, Query(description="Only overdue (true) or only not overdue (false)")
    ] = None,
    cursor: Annotated[
        str | None, Query(max_length=20, description="The `next_cursor` of the page before")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> DisputeRegisterOut:
    """The dispute register (劳动争议台账) in the order disputes were accepted:
    status, amounts and the statutory clock — overdue when still accepted or in
    mediation more than 15 days after acceptance or the last reopening — with
    the totals claimed and recovered over the whole filter. No descriptions or
    case notes."""
    register = case_file_queries.dispute_register(
        read_models,
        today=journey.today(),
        status=status.value if status else None,
        kind=kind.value if kind else None,
        overdue=overdue,
        cursor=cursor,
        limit=limit,
    )
    return DisputeRegisterOut.of(register)
