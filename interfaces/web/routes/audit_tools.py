"""The auditor's tools: the log's integrity with "verify now", exports of the
log (recorded first, like the API's), and the record of disclosures."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import (
    HTMLResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)

from application.clock import SHANGHAI
from domain.actor import Actor
from domain.audit_export import ExportChannel, ExportFormat
from domain.exceptions import InvalidValue
from infrastructure.audit_export import ExportRequest, start_export
from infrastructure.checkpoints import public_key_hex
from infrastructure.export_files import MEDIA_TYPES, csv_chunks, jsonl_chunks
from infrastructure.integrity_verifications import last_verification
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.readmodels.integrity import chain_head
from infrastructure.readmodels.timeline_queries import TimelineEntry
from infrastructure.signing_keys import is_development_key
from interfaces.http import access
from interfaces.http.dependencies import JourneyDep
from interfaces.http.routes.audit_export import workbook_response
from interfaces.i18n.catalogue import Language, translate
from interfaces.i18n.errors import domain_message
from interfaces.web import audit_views as v
from interfaces.web.audit_verification import verifier_of
from interfaces.web.page_forms import FormPostDep
from interfaces.web.rendering import PAGE_HEADERS, language, render
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.tables import BOM, Cell, Kind, Table, download

router = APIRouter()


@router.get("/audit/integrity", response_class=HTMLResponse, include_in_schema=False)
def integrity_page(request: Request, session: SessionDep, journey: JourneyDep) -> HTMLResponse:
    require(session, access.READ_AUDIT_TRAIL)
    state = request.app.state
    with state.db.transaction(write=False) as cursor:
        head = chain_head(cursor, LIVE_PREFIX)
    last = last_verification(state.db)
    return render(
        request,
        "audit_integrity.html",
        last=last,
        verified_at=datetime.fromisoformat(last.verified_at) if last else None,
        log_head=int(journey.recorder.max_notification_id() or 0),
        head=head,
        development_key=is_development_key(state.settings.signing_seed),
        public_key=public_key_hex(state.settings.signing_seed),
        progress=verifier_of(state).progress,
    )


@router.post("/audit/integrity", include_in_schema=False)
def verify_now(request: Request, session: SessionDep, _: FormPostDep) -> Response:
    """Starts a verification (unless one is running) and returns at once."""
    require(session, access.READ_AUDIT_TRAIL)
    verifier_of(request.app.state).start(request.app.state)
    return RedirectResponse("/audit/integrity", status_code=303)


def _exports(request: Request) -> list[TimelineEntry]:
    reach = request.state.staff_session.account.actor().reach  # exports: `all` scope only
    entries, _ = v.trail_rows(
        request.app.state.read_models,
        {"aggregate_type": "audit_export"},
        0,
        v.MAX_DOWNLOAD_ROWS,
        reach,
    )
    return list(reversed(entries))


@router.get("/audit/exports", response_class=HTMLResponse, include_in_schema=False)
def exports_page(request: Request, session: SessionDep) -> HTMLResponse:
    require(session, access.READ_AUDIT_TRAIL)
    return _exports_page(request, {"from": "", "to": "", "format": "xlsx"}, {})


def _exports_page(
    request: Request, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "audit_exports.html",
        status=status,
        form=form,
        errors=errors,
        formats=list(ExportFormat),
        exports=_exports(request),
    )


@router.post("/audit/exports", include_in_schema=False)
def export(
    request: Request, session: SessionDep, posted: FormPostDep, journey: JourneyDep
) -> Response:
    """Recorded first (`AuditExport.Exported`, channel pages), then sent."""
    actor = require(session, access.READ_AUDIT_TRAIL)
    lang = language(request)
    form = {k: posted.values.get(k, "").strip()[:40] for k in ("from", "to", "format")}
    errors: dict[str, str] = {}
    start = v.read_day(form["from"], "from", errors, lang)
    end = v.read_day(form["to"], "to", errors, lang)
    if form["format"] not in set(ExportFormat):
        errors["format"] = translate(lang, "audit.error.format")
    if start and end and end < start:
        errors["to"] = translate(lang, "audit.error.order")
    if errors:
        return _exports_page(request, form, errors, 422)
    output = ExportFormat(form["format"])
    bounds = (v.midnight(start), v.midnight(end + timedelta(days=1)) if end else None)
    try:
        started = start_export(
            journey,
            request.app.state.read_models,
            ExportRequest(bounds[0], bounds[1], output, actor, ExportChannel.PAGES),
        )
    except InvalidValue as invalid:
        field = invalid.field if invalid.field in ("from", "to", "format") else "format"
        errors[field] = domain_message(invalid.message, lang)
        return _exports_page(request, form, errors, 422)
    headers = {
        **PAGE_HEADERS,
        "Content-Disposition": f'attachment; filename="{started.filename}"',
    }
    media = MEDIA_TYPES[output.value]
    if output is ExportFormat.XLSX:
        return workbook_response(started, media, headers)
    if output is ExportFormat.JSONL:
        return StreamingResponse(jsonl_chunks(started.events), media_type=media, headers=headers)
    # From the pages the CSV is opened in Excel: a BOM tells it the text is UTF-8.
    with_bom = itertools.chain([BOM], csv_chunks(started.events))
    return StreamingResponse(with_bom, media_type=media, headers=headers)


# ---- disclosures ---------------------------------------------------------------

DISCLOSURE_KINDS = ("id_number", "dispute_case_notes", "evidence_file")


def _disclosures(
    request: Request, journey: JourneyDep, actor: Actor
) -> tuple[v.TrailFilter, list[list[Cell]], list[UUID]]:
    lang = language(request)
    values = dict(request.query_params)
    kind = values.pop("kind", "").strip()
    filters, arguments = v.read_filter(values, lang)
    filters.kind = kind
    if kind and kind not in DISCLOSURE_KINDS:
        filters.errors["kind"] = translate(lang, "audit.error.kind")
    arguments["aggregate_type"] = "disclosure"
    read_models = request.app.state.read_models
    entries, _ = v.trail_rows(read_models, arguments, 0, v.MAX_DOWNLOAD_ROWS, actor.reach)
    rows: list[list[Cell]] = []
    workers: list[UUID] = []
    for e in reversed(entries):  # newest first
        d = journey.disclosure_details(e.aggregate_id, actor)
        if kind in DISCLOSURE_KINDS and d.kind != kind:
            continue
        rows.append([
            e.recorded_at.astimezone(SHANGHAI).replace(microsecond=0),
            d.disclosed_to.user,
            translate(lang, f"role.{d.disclosed_to.role.value}"),
            d.disclosed_to.office,
            translate(lang, f"audit.disclosure.{d.kind}"),
            str(d.worker_id),
            str(d.record_id),
            d.reason or "",
        ])  # fmt: skip
        workers.append(d.worker_id)
    return filters, rows, workers


def _disclosure_table(rows: list[list[Cell]], lang: Language) -> Table:
    names = ("recorded_at", "user", "role", "office", "kind", "worker", "record_id", "reason")
    header = [translate(lang, f"audit.col.{n}") for n in names]
    return Table(
        "laborbridge-disclosures", translate(lang, "audit.disclosures.title"), header, rows
    )


@router.get("/audit/disclosures", response_class=HTMLResponse, include_in_schema=False)
def disclosures_page(request: Request, session: SessionDep, journey: JourneyDep) -> HTMLResponse:
    actor = require(session, access.READ_AUDIT_TRAIL)
    filters, rows, _ = _disclosures(request, journey, actor)
    return render(
        request,
        "audit_disclosures.html",
        status=422 if filters.errors else 200,
        filters=filters,
        query=filters.query(),
        table=_disclosure_table(rows, language(request)),
        kinds=DISCLOSURE_KINDS,
    )


@router.get("/audit/disclosures.csv", include_in_schema=False)
def disclosures_csv(request: Request, session: SessionDep, journey: JourneyDep) -> Response:
    return _disclosures_download(request, session, journey, "csv")


@router.get("/audit/disclosures.xlsx", include_in_schema=False)
def disclosures_xlsx(request: Request, session: SessionDep, journey: JourneyDep) -> Response:
    return _disclosures_download(request, session, journey, "xlsx")


def _disclosures_download(
    request: Request, session: SessionDep, journey: JourneyDep, kind: Kind
) -> Response:
    actor = require(session, access.READ_AUDIT_TRAIL)
    filters, rows, _ = _disclosures(request, journey, actor)
    if filters.errors:
        return render(request, "error.html", status=422, message="error.bad_request")
    return download(_disclosure_table(rows, language(request)), kind)
