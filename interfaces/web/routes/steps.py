"""A next step on a worker's file: its form, and recording it.

`/workers/{worker_id}/steps/{command}` (with `?record=` for a step on one of the
worker's records). The form is made from the command's declared body; it carries
the record's version (a stale form is shown what changed and offered again) and
a one-time key (a second submission records nothing).
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from application.exceptions import RecordNotFound, WorkerNotFound
from application.journey import Journey
from domain.actor import Actor
from domain.divisions import division_name
from infrastructure.readmodels import timeline_queries
from infrastructure.readmodels.worker_records import records_of
from infrastructure.staff_sessions import StaffSession
from interfaces.http.commands.declaration import Declared
from interfaces.http.dependencies import JourneyDep, WorkerIdDep
from interfaces.web.commanding import DECLARED, Refused, Stale, run_declared
from interfaces.web.formats import day
from interfaces.web.forms import Choices, Form, form_of, record_choices
from interfaces.web.handover_choices import handover_choices
from interfaces.web.page_forms import FormPost, FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.submissions import AlreadySubmitted, new_form_key, once

router = APIRouter()
RecordQuery = Annotated[str, Query(max_length=36)]
PATH = "/workers/{worker_id}/steps/{command}"


def _declared(command: str) -> Declared:
    declared = DECLARED.get(command)
    if declared is None or declared.name == "register_worker":
        raise RecordNotFound("(no such step)")
    return declared


def _record(declared: Declared, worker_id: UUID, raw: str) -> UUID | None:
    """The record the step changes: the worker itself, one of the worker's
    records (from `?record=`), or none for a step that creates one."""
    if declared.creates:
        return None
    if declared.record.collection == "/workers":
        return worker_id
    try:
        return UUID(raw)
    except ValueError:
        raise RecordNotFound("(not a record id)") from None


def _owner_checked(
    journey: Journey, declared: Declared, worker_id: UUID, record_id: UUID | None, actor: Actor
) -> int | None:
    """The record's version; 404 unless the record is this worker's."""
    journey.worker_details(worker_id, actor)  # 404 for no such worker
    if record_id is None:
        return None
    shown = declared.record.view(journey, record_id, actor)
    owner = record_id if declared.record.collection == "/workers" else getattr(shown, "worker_id")  # noqa: B009
    if owner != worker_id:
        raise WorkerNotFound(worker_id)
    return int(getattr(shown, "version"))  # noqa: B009 - every record view has one


def _choices(
    journey: Journey, worker_id: UUID, request: Request, actor: Actor
) -> dict[str, Choices]:
    """Records a step may name, chosen from the worker's own: a placement's
    transfer; for a handover, the offices it may go to and the offers to decide."""
    lang = language(request)
    ids = records_of(request.app.state.read_models, worker_id, scope=actor.reach).transfers
    transfers = [journey.transfer_details(i, actor) for i in ids]
    arrived = [
        (t.id, f"{division_name(t.destination) or t.destination} · {day(t.arrived_on, lang)}")
        for t in transfers
        if t.arrived_on is not None
    ]
    return {
        "transfer_id": record_choices(arrived),
        **handover_choices(journey.served_by(worker_id, actor), journey.offices(), actor, lang),
    }


def _form(
    request: Request,
    declared: Declared,
    worker_id: UUID,
    journey: Journey,
    values: dict[str, str],
    actor: Actor,
) -> Form:
    return form_of(
        declared.body,
        language(request),
        fixed={"worker_id": worker_id},
        choices=_choices(journey, worker_id, request, actor),
        values=values,
    )


def _page(
    request: Request,
    declared: Declared,
    worker_id: UUID,
    record_id: UUID | None,
    journey: Journey,
    *,
    actor: Actor,
    form: Form,
    version: int | None,
    status: int = 200,
    changes: list[Any] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "step.html",
        status=status,
        command=declared.name,
        worker=journey.worker_details(worker_id, actor),
        record_id=record_id,
        form=form,
        version=version,
        form_key=new_form_key(),
        changes=changes,
    )


@router.get(PATH, response_class=HTMLResponse, include_in_schema=False)
def step_form(
    request: Request,
    session: SessionDep,
    worker_id: WorkerIdDep,
    command: str,
    journey: JourneyDep,
    record: RecordQuery = "",
) -> HTMLResponse:
    declared = _declared(command)
    actor = require(session, declared.permission)
    record_id = _record(declared, worker_id, record)
    version = _owner_checked(journey, declared, worker_id, record_id, actor)
    form = _form(request, declared, worker_id, journey, {}, actor)
    return _page(
        request, declared, worker_id, record_id, journey, actor=actor, form=form, version=version
    )


@router.post(PATH, include_in_schema=False)
def record_step(
    request: Request,
    session: SessionDep,
    posted: FormPostDep,
    worker_id: WorkerIdDep,
    command: str,
    journey: JourneyDep,
    record: RecordQuery = "",
) -> Response:
    declared = _declared(command)
    actor = require(session, declared.permission)
    record_id = _record(declared, worker_id, record)
    _owner_checked(journey, declared, worker_id, record_id, actor)
    try:
        location = _record_once(
            request, session, posted, declared, worker_id, record_id, journey, actor
        )
    except AlreadySubmitted as earlier:
        location = earlier.location or f"/workers/{worker_id}"
    except Refused as refused:
        form = _form(request, declared, worker_id, journey, dict(posted.values), actor)
        for name, message in refused.fields:
            form.error(name, message)
        form.general.extend(refused.general)
        return _page(
            request,
            declared,
            worker_id,
            record_id,
            journey,
            actor=actor,
            form=form,
            version=posted.version,
            status=refused.status,
        )
    except Stale as stale:
        form = _form(request, declared, worker_id, journey, dict(posted.values), actor)
        changes = _changes(request, worker_id, record_id, stale.expected, actor)
        return _page(
            request,
            declared,
            worker_id,
            record_id,
            journey,
            actor=actor,
            form=form,
            version=stale.current,
            status=409,
            changes=changes,
        )
    return RedirectResponse(location, status_code=303)


def _record_once(
    request: Request,
    session: StaffSession,
    posted: FormPost,
    declared: Declared,
    worker_id: UUID,
    record_id: UUID | None,
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
            record_id=record_id,
            expected=posted.version,
            fixed={"worker_id": worker_id},
        )
        return f"/workers/{worker_id}?done={declared.name}&at={recorded.position}"

    target = f"{declared.name}:{record_id or worker_id}"
    return once(request.app.state.idempotency, session.account.user, posted.form_key, target, run)


def _changes(
    request: Request, worker_id: UUID, record_id: UUID | None, since: int, actor: Actor
) -> list[Any]:
    """What the record's timeline holds after the version the form was made from."""
    page = timeline_queries.worker_timeline(
        request.app.state.read_models,
        worker_id,
        actor.role,
        0,
        timeline_queries.MAX_LIMIT,
        scope=actor.reach,
    )
    mine = [e for e in (page.entries if page else []) if e.aggregate_id == record_id]
    return mine[since:]
