"""A dispute's page: the worker's relevant history, every session, piece of
evidence and decision in order, the statutory clock, and the steps its state allows.

Mediators and auditors are shown the case notes, so their reading is recorded
as a Disclosure first, as the API does (`journey.read_dispute`). Caseworkers
see the page restricted: kind, status, amounts, dates — no notes, no files.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from domain import dispute as rules
from domain.dispute_terms import DisputeStatus
from infrastructure.readmodels.worker_records import records_of
from interfaces.http import access
from interfaces.http.dependencies import DisputeIdDep, JourneyDep
from interfaces.web.rendering import render, today
from interfaces.web.signed_in import SessionDep, may, require

router = APIRouter()
Done = Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")]
At = Annotated[int | None, Query(ge=0)]

# Which step each state offers, in the order a mediator meets them.
_OFFERED = (
    ("assign_mediator", rules.ASSIGNABLE),
    ("record_dispute_session", rules.IN_SESSION),
    ("add_dispute_evidence", rules.TAKES_EVIDENCE),
    ("escalate_dispute", rules.ESCALATABLE),
    ("settle_dispute", rules.SETTLEABLE),
    ("close_dispute", rules.CLOSABLE),
    ("reopen_dispute", rules.REOPENABLE),
)


def offered_steps(status: str) -> list[str]:
    state = DisputeStatus(status)
    return [name for name, allowed in _OFFERED if state in allowed]


@router.get("/disputes/{dispute_id}", response_class=HTMLResponse, include_in_schema=False)
def dispute_page(
    request: Request,
    session: SessionDep,
    dispute_id: DisputeIdDep,
    journey: JourneyDep,
    done: Done = "",
    at: At = None,
) -> HTMLResponse:
    actor = require(session, access.READ_DISPUTES)
    dispute = journey.read_dispute(dispute_id, actor)  # records the disclosure first
    read_models = request.app.state.read_models
    if at is not None:
        read_models = read_models.reaching(at)
    worker = journey.worker_details(dispute.worker_id, actor)
    placements = [
        journey.placement_details(i, actor)
        for i in records_of(read_models, dispute.worker_id, scope=actor.reach).placements
    ]
    history = journey.dispute_events(dispute_id, actor)
    handles = may(session, access.HANDLE_DISPUTES)
    days_late = (today() - dispute.mediation_due_on).days if dispute.overdue else 0
    return render(
        request,
        "dispute.html",
        dispute=dispute,
        worker=worker,
        placements=placements,
        history=history,
        steps=offered_steps(dispute.status) if handles else [],
        may_view_files=may(session, access.READ_EVIDENCE),
        days_late=days_late,
        done=done,
    )
