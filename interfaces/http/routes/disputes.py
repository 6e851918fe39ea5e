"""/disputes: labour disputes (劳动争议) — opened by caseworkers or mediators,
handled by mediators; caseworkers read them without the case notes."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from application import commands as c
from application.exceptions import RecordNotFound
from application.journey import Journey
from application.views import DisputeDetails
from domain.actor import Actor
from domain.dispute import TAKES_EVIDENCE
from domain.dispute_terms import DisputeKind, DisputeStatus
from infrastructure import evidence_files
from infrastructure.evidence_files import EvidenceFiles, FileRefused
from infrastructure.readmodels import case_file_queries
from infrastructure.readmodels.case_file_queries import DEFAULT_LIMIT, MAX_LIMIT, DisputeRegister
from interfaces.http import access
from interfaces.http.dependencies import (
    CursorQuery,
    DisputeIdDep,
    ExpectedVersionDep,
    JourneyDep,
    MediatorDep,
    ReaderDep,
    ReadingActorDep,
    ReadModelsDep,
    acting,
)
from interfaces.http.problems import invalid, request_language
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.disputes import EvidenceIn
from interfaces.i18n.catalogue import translate

router = APIRouter(prefix="/disputes", tags=["disputes"])
EvidenceReaderDep = Annotated[Actor, Depends(acting(access.READ_EVIDENCE))]


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
    reader: ReaderDep,
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
        scope=reader.actor().reach,
        today=journey.today(),
        status=status.value if status else None,
        kind=kind.value if kind else None,
        overdue=overdue,
        cursor=cursor,
        limit=limit,
    )
    return register


def evidence_store(request: Request) -> EvidenceFiles:
    settings = request.app.state.settings
    return EvidenceFiles(
        request.app.state.db, settings.key_ring, max_bytes=settings.evidence_max_bytes
    )


def refusal_message(refused: FileRefused, request: Request) -> str:
    """Why the file is refused, in `lang` (the size limit in MiB)."""
    lang = request_language(request.headers.get("accept-language"))
    mb = request.app.state.settings.evidence_max_bytes // (1024 * 1024)
    return translate(lang, f"disputes.upload.{refused.problem}", mb=mb)


@router.post(
    "/{dispute_id}/evidence-files",
    response_model=DisputeDetails,
    responses={413: {"description": "The body is larger than the evidence size limit"}},
)
async def upload_evidence_file(
    request: Request,
    actor: MediatorDep,
    dispute_id: DisputeIdDep,
    journey: JourneyDep,
    expected: ExpectedVersionDep,
    file: Annotated[UploadFile, File(description="PDF, JPEG or PNG")],
    description: Annotated[str, Form(min_length=1, max_length=500)],
    occurred_on: Annotated[date | None, Form()] = None,
    note: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    """Upload an evidence file (证据材料, multipart) and add it as evidence. The
    server hashes the bytes (SHA-256) and detects the type from them: PDF, JPEG
    or PNG only (422 on `file` otherwise, or for an empty file), at most
    `LABORBRIDGE_EVIDENCE_MAX_BYTES` (10 MiB by default; 413 or 422 beyond).
    The file is stored encrypted, once however often it is uploaded; the same
    file again records nothing (200 with the dispute as it is). If-Match honoured."""
    store = evidence_store(request)
    lang = request_language(request.headers.get("accept-language"))
    try:
        content = await evidence_files.read_bounded(file, store.max_bytes)
        found = evidence_files.checked(content, store.max_bytes)
    except FileRefused as refused:
        return invalid("file", refusal_message(refused, request), lang=lang)
    try:
        body = EvidenceIn(
            document_id=evidence_files.document_id(found.sha256),
            sha256=found.sha256,
            description=description,
            media_type=found.media_type,
            size=found.size,
            occurred_on=occurred_on,
            note=note,
        )
    except ValidationError as refused:
        raise RequestValidationError(refused.errors()) from None

    def record() -> Response:
        command = c.AddEvidence(
            actor=actor,
            dispute_id=dispute_id,
            expected_version=expected,
            **body.model_dump(),
        )
        # 404 before anything is stored; a state that takes no evidence stores
        # no file (the command then answers why).
        if journey.dispute_details(dispute_id, actor).status in TAKES_EVIDENCE:
            store.store(content)
        recorded = journey.add_dispute_evidence(command)
        return recorded_response(journey.read_dispute(dispute_id, actor), recorded)

    return await run_in_threadpool(record)


@router.get(
    "/{dispute_id}/evidence/{sha256}",
    response_class=Response,
    responses={200: {"content": {t: {} for t in sorted(evidence_files.MEDIA_TYPES)}}},
)
def get_evidence_file(
    request: Request,
    reader: EvidenceReaderDep,
    dispute_id: DisputeIdDep,
    sha256: str,
    journey: JourneyDep,
) -> Response:
    """One of the dispute's evidence files, as uploaded (mediators and auditors).
    The viewing is recorded (a `Disclosure` of kind evidence_file, the hash in
    its reason) before a byte is sent. 404 unless that hash is a stored file of
    this dispute's evidence."""
    return evidence_response(request, journey, dispute_id, sha256, reader)


def evidence_response(
    request: Request, journey: Journey, dispute_id: UUID, sha256: str, reader: Actor
) -> Response:
    """The stored file, once its viewing is recorded (for the API and the pages)."""
    digest = sha256.lower()
    found = evidence_store(request).load(digest)
    if found is None:
        raise RecordNotFound(f"{dispute_id}/evidence/{digest}")
    stored, content = found
    # 404 unless it is this dispute's evidence; recorded before a byte is sent.
    journey.disclosures.record_evidence_file_read(dispute_id, digest, reader)
    return Response(content, media_type=stored.media_type, headers=file_headers(stored))


EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def file_headers(stored: evidence_files.EvidenceFile) -> dict[str, str]:
    """A download, never rendered in the site's origin: attachment, no sniffing,
    not kept by caches, and sandboxed should a browser show it anyway."""
    name = f"evidence-{stored.sha256[:12]}.{EXTENSIONS.get(stored.media_type, 'bin')}"
    return {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
        "Content-Security-Policy": "sandbox; default-src 'none'",
    }
