"""The auditor's workbench: the audit trail (this module, with its downloads),
time travel (audit_replay), integrity, exports and disclosures (audit_tools)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from domain.late_entry import LATE_ENTRY_DAYS
from infrastructure.readmodels import timeline_queries as q
from interfaces.http import access
from interfaces.web import audit_views as v
from interfaces.web.rendering import language, render
from interfaces.web.routes import audit_replay, audit_tools
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.tables import Kind, download

router = APIRouter()
router.include_router(audit_replay.router)
router.include_router(audit_tools.router)


def _after(request: Request) -> int:
    text = request.query_params.get("after", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 18 else 0


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def trail_page(request: Request, session: SessionDep) -> HTMLResponse:
    reach = require(session, access.READ_AUDIT_TRAIL).reach
    lang = language(request)
    filters, arguments = v.read_filter(request.query_params, lang)
    read_models = request.app.state.read_models
    entries, next_after = v.trail_rows(read_models, arguments, _after(request), v.PAGE_SIZE, reach)
    return render(
        request,
        "audit.html",
        status=422 if filters.errors else 200,
        filters=filters,
        query=filters.query(),
        table=v.trail_table(entries, lang),
        entries=entries,
        next_after=next_after,
        kinds=v.RECORD_KINDS,
        late_entry_days=LATE_ENTRY_DAYS,
        max_rows=v.MAX_DOWNLOAD_ROWS,
        capped=not filters.errors
        and q.audit_events_exceed(read_models, v.MAX_DOWNLOAD_ROWS, scope=reach, **arguments),
    )


@router.get("/audit.csv", include_in_schema=False)
def trail_csv(request: Request, session: SessionDep) -> Response:
    return _download(request, session, "csv")


@router.get("/audit.xlsx", include_in_schema=False)
def trail_xlsx(request: Request, session: SessionDep) -> Response:
    return _download(request, session, "xlsx")


def _download(request: Request, session: SessionDep, kind: Kind) -> Response:
    """The filtered trail from its start, at most MAX_DOWNLOAD_ROWS events."""
    reach = require(session, access.READ_AUDIT_TRAIL).reach
    lang = language(request)
    filters, arguments = v.read_filter(request.query_params, lang)
    if filters.errors:
        return render(request, "error.html", status=422, message="error.bad_request")
    read_models = request.app.state.read_models
    entries, _ = v.trail_rows(read_models, arguments, 0, v.MAX_DOWNLOAD_ROWS, reach)
    return download(v.trail_table(entries, lang), kind)
