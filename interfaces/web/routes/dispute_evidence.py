"""Evidence files on a dispute's page: the upload form, storing an upload, and
viewing a file (mediators and auditors; each viewing recorded first).

The upload is multipart/form-data, so it cannot use FormPostDep (which takes
no file): `_upload` reads the form with at most one file, checks the CSRF
token the same way, and keeps the version and the one-time key. The file's
bytes are read bounded (evidence_files.read_bounded), hashed and typed by the
server; the description and date are checked as the declared evidence command's
body before anything is stored; the evidence is then added with
`run_declared`, like every other step of a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from application.journey import Journey
from domain.actor import Actor
from domain.dispute import TAKES_EVIDENCE
from infrastructure import evidence_files
from infrastructure.evidence_files import FileRefused
from interfaces.http import access
from interfaces.http.dependencies import DisputeIdDep, JourneyDep
from interfaces.http.routes.disputes import evidence_response, evidence_store
from interfaces.i18n.catalogue import translate
from interfaces.web.commanding import DECLARED, Refused, Stale, run_declared
from interfaces.web.forms import Form, FormRefused, body_from, form_of
from interfaces.web.page_forms import MAX_FIELDS, MAX_VALUE_LENGTH, VERSION_FIELD
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import CSRF_FIELD, SessionDep, check_csrf, require
from interfaces.web.submissions import FORM_KEY_FIELD, AlreadySubmitted, new_form_key, once

router = APIRouter()
EVIDENCE = DECLARED["add_dispute_evidence"]
# What the server fills in: the form asks only for the description, date and note.
_SERVER_FIELDS = ("document_id", "sha256", "media_type", "size")
_PLACEHOLDER = {
    "document_id": "sha256:upload",
    "sha256": "0" * 64,
    "media_type": "application/pdf",
    "size": 1,
}


@dataclass(frozen=True)
class Upload:
    values: dict[str, str]
    file: UploadFile | None
    form_key: str | None
    version: int | None


async def _upload(request: Request, session: SessionDep) -> Upload:
    form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    values = {k: v for k, v in form.items() if isinstance(v, str) and len(v) <= MAX_VALUE_LENGTH}
    check_csrf(session, values.pop(CSRF_FIELD, None))
    version = values.pop(VERSION_FIELD, "")
    form_key = values.pop(FORM_KEY_FIELD, None)
    sent = form.get("file")
    return Upload(
        values={k: v for k, v in values.items() if k not in _SERVER_FIELDS},
        file=sent if isinstance(sent, UploadFile) and sent.filename else None,
        form_key=form_key,
        version=int(version)
        if version.isascii() and version.isdigit() and len(version) < 18
        else None,
    )


UploadDep = Annotated[Upload, Depends(_upload)]


def _form(request: Request, values: dict[str, str]) -> Form:
    return form_of(EVIDENCE.body, language(request), fixed=_PLACEHOLDER, values=values)


def _page(
    request: Request,
    journey: Journey,
    actor: Actor,
    dispute_id: UUID,
    *,
    form: Form,
    version: int,
    file_error: str | None = None,
    status: int = 200,
    stale: bool = False,
) -> HTMLResponse:
    dispute = journey.dispute_details(dispute_id, actor)
    mb = request.app.state.settings.evidence_max_bytes // (1024 * 1024)
    return render(
        request,
        "dispute_upload.html",
        status=status,
        dispute=dispute,
        worker=journey.worker_details(dispute.worker_id, actor),
        form=form,
        version=version,
        form_key=new_form_key(),
        file_error=file_error,
        max_mb=mb,
        stale=stale,
    )


@router.get(
    "/disputes/{dispute_id}/evidence-files/new",
    response_class=HTMLResponse,
    include_in_schema=False,
)
def upload_form(
    request: Request, session: SessionDep, dispute_id: DisputeIdDep, journey: JourneyDep
) -> HTMLResponse:
    actor = require(session, access.HANDLE_DISPUTES)
    version = journey.dispute_details(dispute_id, actor).version
    return _page(request, journey, actor, dispute_id, form=_form(request, {}), version=version)


@router.post("/disputes/{dispute_id}/evidence-files", include_in_schema=False)
async def upload_file(
    request: Request,
    session: SessionDep,
    posted: UploadDep,
    dispute_id: DisputeIdDep,
    journey: JourneyDep,
) -> Response:
    actor = require(session, access.HANDLE_DISPUTES)
    lang = language(request)
    store = evidence_store(request)

    def refused_page(file_error: str | None, form: Form, status: int = 422) -> HTMLResponse:
        if file_error:
            form.general.insert(0, file_error)
        return _page(
            request,
            journey,
            actor,
            dispute_id,
            form=form,
            version=posted.version or 0,
            file_error=file_error,
            status=status,
        )

    form = _form(request, posted.values)
    try:
        body_from(EVIDENCE.body, posted.values, lang, fixed=_PLACEHOLDER)
    except FormRefused as refused:
        for name, message in refused.errors:
            form.error(name, message)
        return refused_page(None, form)
    try:
        if posted.file is None:
            raise FileRefused("missing")
        content = await evidence_files.read_bounded(posted.file, store.max_bytes)
        found = evidence_files.checked(content, store.max_bytes)
    except FileRefused as refused:
        mb = store.max_bytes // (1024 * 1024)
        return refused_page(translate(lang, f"disputes.upload.{refused.problem}", mb=mb), form)
    fixed = {
        "document_id": evidence_files.document_id(found.sha256),
        "sha256": found.sha256,
        "media_type": found.media_type,
        "size": found.size,
    }

    def run() -> str:
        # A state that takes no evidence stores no file (the command says why).
        if journey.dispute_details(dispute_id, actor).status in TAKES_EVIDENCE:
            store.store(content)
        recorded = run_declared(
            journey,
            EVIDENCE,
            posted.values,
            lang,
            actor=actor,
            record_id=dispute_id,
            expected=posted.version,
            fixed=fixed,
        )
        return f"/disputes/{dispute_id}?done={EVIDENCE.name}&at={recorded.position}"

    def record() -> str:
        journey.dispute_details(dispute_id, actor)  # 404 before anything is stored
        target = f"{EVIDENCE.name}:{dispute_id}"
        return once(request.app.state.idempotency, actor.user, posted.form_key, target, run)

    try:
        location = await run_in_threadpool(record)
    except AlreadySubmitted as earlier:
        location = earlier.location or f"/disputes/{dispute_id}"
    except Refused as refused:
        for name, message in refused.fields:
            form.error(name, message)
        form.general.extend(refused.general)
        return refused_page(None, form, refused.status)
    except Stale as stale:
        return _page(
            request,
            journey,
            actor,
            dispute_id,
            form=form,
            version=stale.current,
            status=409,
            stale=True,
        )
    return RedirectResponse(location, status_code=303)


@router.get("/disputes/{dispute_id}/evidence/{sha256}", include_in_schema=False)
def view_file(
    request: Request,
    session: SessionDep,
    dispute_id: DisputeIdDep,
    sha256: str,
    journey: JourneyDep,
) -> Response:
    """The file as uploaded, for mediators and auditors; the viewing recorded first."""
    reader = require(session, access.READ_EVIDENCE)
    return evidence_response(request, journey, dispute_id, sha256, reader)
