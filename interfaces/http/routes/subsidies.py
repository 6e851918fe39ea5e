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
from application.subsidy_queries import SubsidyDetails
from infrastructure.policy_process import facts_when_caught_up
from interfaces.http.dependencies import (
    CaseworkerDep,
    JourneyDep,
    ReaderDep,
    SubsidyIdDep,
)
from interfaces.http.responses import current_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.subsidy import (
    EvaluationOut,
)

router = APIRouter(prefix="/subsidies", tags=["subsidies"])


@router.post(
    "/evaluation",
    response_model=EvaluationOut,
    responses={
        404: {"description": "No such worker"},
        503: {"description": "The policy process is behind; Retry-After says when"},
    },
)
def evaluate_subsidies(
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
    journey.worker_details(worker_id, actor)  # 404 for an unknown worker
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
    body = EvaluationOut.of(
        evaluation, [journey.subsidy_details(i, actor) for i in evaluation.changed]
    )
    # Nothing recorded now: the head of the log, as for any no-op — what the
    # policy process recorded for this history lies before it (read-your-writes).
    position = evaluation.position or int(journey.recorder.max_notification_id() or 0)
    return JSONResponse(body.model_dump(mode="json"), headers={"X-Position": str(position)})


@router.get("/{subsidy_id}", response_model=SubsidyDetails)
def get_subsidy(reader: ReaderDep, subsidy_id: SubsidyIdDep, journey: JourneyDep) -> JSONResponse:
    """The subsidy now: amount, status, the computation in words (zh, en), and
    each event it relied on with its log position."""
    subsidy = journey.subsidy_details(subsidy_id, reader.actor())
    return current_response(subsidy, subsidy.version)


@router.get("/{subsidy_id}/events", response_model=EventsOut)
def subsidy_events(reader: ReaderDep, subsidy_id: SubsidyIdDep, journey: JourneyDep) -> EventsOut:
    return EventsOut.of(subsidy_id, journey.subsidy_events(subsidy_id, reader.actor()))
