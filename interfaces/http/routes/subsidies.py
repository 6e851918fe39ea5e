"""/subsidies: one entitlement, why it is owed, and the office's decisions on it.

The list and the ledger (GET /subsidies) read the `subsidies` read model; one
subsidy is read from its events, so it is always current.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from application import commands as c
from application.views import Recorded
from infrastructure.policy_process import facts_when_caught_up
from interfaces.http.dependencies import (
    CaseworkerDep,
    ExpectedVersionDep,
    JourneyDep,
    ReaderDep,
    SubsidyIdDep,
)
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.subsidy import (
    ApprovalIn,
    EvaluationOut,
    PaymentIn,
    RejectionIn,
    RevocationIn,
    SubsidyOut,
)

router = APIRouter(prefix="/subsidies", tags=["subsidies"])


def _answer(journey: JourneyDep, recorded: Recorded) -> JSONResponse:
    return recorded_response(
        SubsidyOut.of(journey.subsidy_details(recorded.aggregate_id)), recorded
    )


@router.post(
    "/evaluation",
    response_model=EvaluationOut,
    responses={
        404: {"description": "No such worker"},
        503: {"description": "The policy process is behind; Retry-After says when"},
    },
)
def evaluate(
    request: Request,
    actor: CaseworkerDep,
    journey: JourneyDep,
    worker_id: Annotated[UUID, Query(description="The worker to re-evaluate now.")],
) -> JSONResponse:
    """Re-evaluate one worker's subsidies now, on everything recorded before
    this request: new entitlements are assessed, ones the history no longer
    supports are withdrawn (unpaid) or flagged as overpaid (paid). Evaluating
    an unchanged history records nothing. Answers 503 if the policy process
    has not read the log that far in time."""
    journey.worker_details(worker_id)  # 404 for an unknown worker
    settings = request.app.state.settings
    facts = facts_when_caught_up(
        journey,
        request.app.state.db,
        worker_id,
        wanted=int(journey.recorder.max_notification_id() or 0),
        wait_seconds=settings.read_wait_seconds,
    )
    evaluation = journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=actor, worker_id=worker_id), facts
    )
    body = EvaluationOut.of(evaluation, [journey.subsidy_details(i) for i in evaluation.changed])
    headers = {"X-Position": str(evaluation.position)} if evaluation.position else {}
    return JSONResponse(body.model_dump(mode="json"), headers=headers)


@router.get("/{subsidy_id}", response_model=SubsidyOut)
def get_subsidy(_: ReaderDep, subsidy_id: SubsidyIdDep, journey: JourneyDep) -> JSONResponse:
    """The subsidy now: amount, status, the computation in words (zh, en), and
    each event it relied on with its log position."""
    subsidy = journey.subsidy_details(subsidy_id)
    return current_response(SubsidyOut.of(subsidy), subsidy.version)


@router.get("/{subsidy_id}/events", response_model=EventsOut)
def subsidy_events(_: ReaderDep, subsidy_id: SubsidyIdDep, journey: JourneyDep) -> EventsOut:
    return EventsOut.of(subsidy_id, journey.subsidy_events(subsidy_id))


@router.post("/{subsidy_id}/approval", response_model=SubsidyOut)
def approve(
    body: ApprovalIn,
    actor: CaseworkerDep,
    subsidy_id: SubsidyIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Approve (审批) an assessed subsidy. Approving twice answers 409."""
    recorded = journey.approve_subsidy(
        c.ApproveSubsidy(
            actor=actor,
            subsidy_id=subsidy_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
        )
    )
    return _answer(journey, recorded)


@router.post("/{subsidy_id}/rejection", response_model=SubsidyOut)
def reject(
    body: RejectionIn,
    actor: CaseworkerDep,
    subsidy_id: SubsidyIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Refuse an assessed subsidy, with the reason."""
    recorded = journey.reject_subsidy(
        c.RejectSubsidy(
            actor=actor,
            subsidy_id=subsidy_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)


@router.post("/{subsidy_id}/payment", response_model=SubsidyOut)
def pay(
    body: PaymentIn,
    actor: CaseworkerDep,
    subsidy_id: SubsidyIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the payment (发放) of an approved subsidy with its reference.
    Paying an unapproved subsidy, or paying twice, answers 409."""
    recorded = journey.pay_subsidy(
        c.PaySubsidy(
            actor=actor,
            subsidy_id=subsidy_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            payment_reference=body.payment_reference,
            paid_on=body.paid_on,
        )
    )
    return _answer(journey, recorded)


@router.post("/{subsidy_id}/revocation", response_model=SubsidyOut)
def revoke(
    body: RevocationIn,
    actor: CaseworkerDep,
    subsidy_id: SubsidyIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Revoke (撤销) a subsidy — assessed, approved or paid — with the reason."""
    recorded = journey.revoke_subsidy(
        c.RevokeSubsidy(
            actor=actor,
            subsidy_id=subsidy_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)
