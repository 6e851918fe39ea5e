"""/disputes: labour disputes (劳动争议) — opened by caseworkers or mediators,
handled by mediators; caseworkers read them without the case notes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.views import DisputeDetails
from domain.dispute_terms import DisputeKind, DisputeStatus
from infrastructure.readmodels import case_file_queries
from infrastructure.readmodels.case_file_queries import DEFAULT_LIMIT, MAX_LIMIT, DisputeRegister
from interfaces.http.dependencies import (
    CursorQuery,
    DisputeIdDep,
    JourneyDep,
    ReaderDep,
    ReadingActorDep,
    ReadModelsDep,
)
from interfaces.http.responses import current_response
from interfaces.http.schemas.common import EventsOut

router = APIRouter(prefix="/disputes", tags=["disputes"])


@router.get("/{dispute_id}", response_model=DisputeDetails)
def get_dispute(
    reader: ReadingActorDep, dispute_id: DisputeIdDep, journey: JourneyDep
) -> JSONResponse:
    """Mediators and auditors see everything — and their reading of the case notes
    is recorded (a `Disclosure`, in the audit trail); caseworkers see kind, status,
    amounts, dates and the clock, not the description, sessions, evidence or reasons."""
    dispute = journey.read_dispute(dispute_id, reader)
    return current_response(dispute, dispute.version)


@router.get("/{dispute_id}/events", response_model=EventsOut)
def dispute_events(
    reader: ReadingActorDep, dispute_id: DisputeIdDep, journey: JourneyDep
) -> EventsOut:
    """Every event in order; for caseworkers sessions and evidence have an empty
    payload and the other events lose their free text. A mediator's or auditor's
    reading is recorded."""
    return EventsOut.of(dispute_id, journey.read_dispute_events(dispute_id, reader))


@router.get("", response_model=DisputeRegister)
def dispute_register(
    _: ReaderDep,
    read_models: ReadModelsDep,
    journey: JourneyDep,
    status: DisputeStatus | None = None,
    kind: DisputeKind | None = None,
    overdue: Annotated[
        bool | None, Query(description="Only overdue (true) or only not overdue (false)")
    ] = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> DisputeRegister:
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
    return register
