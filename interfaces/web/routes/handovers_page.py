"""/handovers: a caseworker's worklist between offices — handovers offered to
and by their office, and workers on their way whose arrival it confirms."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from infrastructure.readmodels.expected_arrivals import expected_arrivals
from infrastructure.readmodels.handover_worklist import handover_worklist
from interfaces.http import access
from interfaces.http.dependencies import JourneyDep
from interfaces.web.rendering import render
from interfaces.web.signed_in import SessionDep, require

router = APIRouter()


@router.get("/handovers", response_class=HTMLResponse, include_in_schema=False)
def worklist(request: Request, session: SessionDep, journey: JourneyDep) -> HTMLResponse:
    actor = require(session, access.RECORD_JOURNEY)
    read_models = request.app.state.read_models
    office = journey.office(actor.office)
    partners = office.partners if office else []
    return render(
        request,
        "handovers.html",
        incoming=handover_worklist(
            read_models, scope=actor.reach, office=actor.office, direction="incoming"
        ),
        outgoing=handover_worklist(
            read_models, scope=actor.reach, office=actor.office, direction="outgoing"
        ),
        arrivals=expected_arrivals(read_models, office=actor.office, partners=partners),
        names={o.code: o.name for o in journey.offices()},
    )
