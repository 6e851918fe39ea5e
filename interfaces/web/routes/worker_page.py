"""The worker's page: who, how far along, every record with its next steps, the
timeline; and revealing the full ID number for a stated reason."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from application import commands as c
from application.exceptions import RecordNotFound
from domain.contact import mask_mobile
from domain.exceptions import InvalidValue
from domain.late_entry import LATE_ENTRY_DAYS
from interfaces.http import access
from interfaces.http.dependencies import JourneyDep, WorkerIdDep
from interfaces.i18n.errors import domain_message
from interfaces.web.case_file import case_file
from interfaces.web.page_forms import FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, may, require

router = APIRouter()
Done = Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")]
At = Annotated[int | None, Query(ge=0)]


@router.get("/workers/{worker_id}", response_class=HTMLResponse, include_in_schema=False)
def worker_page(
    request: Request,
    session: SessionDep,
    worker_id: WorkerIdDep,
    journey: JourneyDep,
    done: Done = "",
    at: At = None,
) -> HTMLResponse:
    actor = require(session, access.READ_CASES)
    read_models = request.app.state.read_models
    if at is not None:  # what the step just recorded is in the lists and the timeline
        read_models = read_models.reaching(at)
    file = case_file(journey, read_models, worker_id, actor)
    return render(
        request,
        "worker.html",
        file=file,
        worker=file.worker,
        mobile=mask_mobile(file.worker.mobile),
        done=done,
        may_record=may(session, access.RECORD_JOURNEY),
        # Revealing the full ID number is the registering office's (recording_sides).
        may_reveal=may(session, access.REVEAL_ID_NUMBER)
        and actor.office == file.served.home_office,
        may_open_dispute=may(session, access.OPEN_DISPUTE),
        late_entry_days=LATE_ENTRY_DAYS,
    )


@router.post("/workers/{worker_id}/id-number", response_class=HTMLResponse, include_in_schema=False)
def reveal_id_number(
    request: Request,
    session: SessionDep,
    posted: FormPostDep,
    worker_id: WorkerIdDep,
    journey: JourneyDep,
) -> HTMLResponse:
    """The reveal is recorded (who, when, why) before the number is shown; the
    page is never cached (PAGE_HEADERS) and the number never reaches a URL."""
    actor = require(session, access.REVEAL_ID_NUMBER)
    reason = posted.values.get("reason", "")
    worker = journey.worker_details(worker_id, actor)
    try:
        revealed = journey.reveal_id_number(
            c.RevealIdNumber(actor=actor, worker_id=worker_id, reason=reason)
        )
    except InvalidValue as invalid:
        error = domain_message(invalid.message, language(request))
        return render(request, "reveal.html", status=422, worker=worker, error=error, number=None)
    return render(request, "reveal.html", worker=worker, error=None, number=revealed.id_number)


def not_found(request: Request, _: RecordNotFound) -> HTMLResponse:
    return render(request, "error.html", status=404, message="error.not_found")
