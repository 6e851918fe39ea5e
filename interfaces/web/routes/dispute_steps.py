"""A step on a dispute: its form, and recording it.

`/disputes/{dispute_id}/steps/{command}` for the declared mediator commands
(take it on, a session, escalation, settlement, closure, reopening). As on a
worker's steps (steps.py) the form is made from the command's declared body,
carries the dispute's version (a stale form is shown what changed and offered
again) and a one-time key (a second submission records nothing); success
answers 303 back to the dispute's page.
"""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from application.exceptions import RecordNotFound
from application.journey import Journey
from application.views import RecordedEvent
from domain.actor import Actor
from interfaces.http.commands.declaration import Declared
from interfaces.http.dependencies import DisputeIdDep, JourneyDep
from interfaces.web.commanding import DECLARED, Refused, Stale, run_declared
from interfaces.web.forms import Form, form_of
from interfaces.web.page_forms import FormPost, FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.submissions import AlreadySubmitted, new_form_key, once

router = APIRouter()
PATH = "/disputes/{dispute_id}/steps/{command}"
# The steps a page offers; evidence goes through the file upload (dispute_evidence.py).
STEPS = (
    "assign_mediator",
    "record_dispute_session",
    "escalate_dispute",
    "settle_dispute",
    "close_dispute",
    "reopen_dispute",
)


def _declared(command: str) -> Declared:
    if command not in STEPS:
        raise RecordNotFound("(no such step)")
    return DECLARED[command]


def _form(request: Request, declared: Declared, values: dict[str, str]) -> Form:
    return form_of(declared.body, language(request), values=values)


def _page(
    request: Request,
    declared: Declared,
    dispute_id: UUID,
    journey: Journey,
    actor: Actor,
    *,
    form: Form,
    version: int,
    status: int = 200,
    changes: list[RecordedEvent] | None = None,
) -> HTMLResponse:
    dispute = journey.dispute_details(dispute_id, actor)
    return render(
        request,
        "dispute_step.html",
        status=status,
        command=declared.name,
        dispute=dispute,
        worker=journey.worker_details(dispute.worker_id, actor),
        form=form,
        version=version,
        form_key=new_form_key(),
        changes=changes,
    )


@router.get(PATH, response_class=HTMLResponse, include_in_schema=False)
def dispute_step_form(
    request: Request,
    session: SessionDep,
    dispute_id: DisputeIdDep,
    command: str,
    journey: JourneyDep,
) -> HTMLResponse:
    declared = _declared(command)
    actor = require(session, declared.permission)
    version = journey.dispute_details(dispute_id, actor).version
    form = _form(request, declared, {})
    return _page(request, declared, dispute_id, journey, actor, form=form, version=version)


@router.post(PATH, include_in_schema=False)
def record_dispute_step(
    request: Request,
    session: SessionDep,
    posted: FormPostDep,
    dispute_id: DisputeIdDep,
    command: str,
    journey: JourneyDep,
) -> Response:
    declared = _declared(command)
    actor = require(session, declared.permission)
    journey.dispute_details(dispute_id, actor)  # 404 for no such dispute
    try:
        location = _record_once(
            request, session.account.user, posted, declared, dispute_id, journey, actor
        )
    except AlreadySubmitted as earlier:
        location = earlier.location or f"/disputes/{dispute_id}"
    except Refused as refused:
        form = _form(request, declared, dict(posted.values))
        for name, message in refused.fields:
            form.error(name, message)
        form.general.extend(refused.general)
        version = posted.version or 0
        return _page(
            request,
            declared,
            dispute_id,
            journey,
            actor,
            form=form,
            version=version,
            status=refused.status,
        )
    except Stale as stale:
        form = _form(request, declared, dict(posted.values))
        # What was recorded since the form was made, as the reader may see it.
        changes = journey.dispute_events(dispute_id, actor)[stale.expected :]
        return _page(
            request,
            declared,
            dispute_id,
            journey,
            actor,
            form=form,
            version=stale.current,
            status=409,
            changes=changes,
        )
    return RedirectResponse(location, status_code=303)


def _record_once(
    request: Request,
    user: str,
    posted: FormPost,
    declared: Declared,
    dispute_id: UUID,
    journey: Journey,
    actor: Actor,
) -> str:
    def run() -> str:
        recorded = run_declared(
            journey,
            declared,
            posted.values,
            language(request),
            actor=actor,
            record_id=dispute_id,
            expected=posted.version,
            fixed={},
        )
        return f"/disputes/{dispute_id}?done={declared.name}&at={recorded.position}"

    target = f"{declared.name}:{dispute_id}"
    return once(request.app.state.idempotency, user, posted.form_key, target, run)
