"""The caseworker's ledger import (台账导入): upload a spreadsheet, follow it, see
and download what it found. The work itself is the API's (interfaces/
ledger_runs): the page only takes the file and shows the import's record."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from infrastructure.ledger_imports import ImportEntry
from interfaces.http import access
from interfaces.http.routes.imports import runner
from interfaces.i18n.catalogue import translate
from interfaces.ledger_views import import_for, report_file, template_file
from interfaces.web.page_forms import MAX_FIELDS
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import CSRF_FIELD, SessionDep, check_csrf, require

router = APIRouter(include_in_schema=False)
SHOWN_PROBLEMS = 200


def _entry(request: Request, session: SessionDep, import_id: str) -> ImportEntry:
    return import_for(runner(request).imports, import_id, require(session, access.RECORD_JOURNEY))


def _upload_page(
    request: Request, session: SessionDep, *, error: str | None = None, status: int = 200
) -> HTMLResponse:
    actor = require(session, access.RECORD_JOURNEY)
    settings = request.app.state.settings
    return render(
        request,
        "imports.html",
        status=status,
        imports=runner(request).imports.recent((actor.office,)),
        file_error=error,
        max_mb=settings.ledger_max_bytes // (1024 * 1024),
    )


@router.get("/imports", response_class=HTMLResponse)
def imports_page(request: Request, session: SessionDep) -> HTMLResponse:
    return _upload_page(request, session)


@router.post("/imports", response_model=None)
async def upload_ledger(request: Request, session: SessionDep) -> Response:
    actor = require(session, access.RECORD_JOURNEY)
    form = await request.form(max_files=1, max_fields=MAX_FIELDS)
    token = form.get(CSRF_FIELD)
    check_csrf(session, token if isinstance(token, str) else None)
    sent = form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename or not sent.size:
        message = translate(language(request), "imports.no_file")
        return _upload_page(request, session, error=message, status=422)
    commit = form.get("mode") != "dry_run"
    import_id = runner(request).submit(sent.file, actor, commit=commit)
    return RedirectResponse(f"/imports/{import_id}", status_code=303)


@router.get("/imports/template.xlsx")
def template(session: SessionDep) -> Response:
    require(session, access.RECORD_JOURNEY)
    return template_file()


@router.get("/imports/{import_id}", response_class=HTMLResponse)
def import_page(request: Request, session: SessionDep, import_id: str) -> HTMLResponse:
    entry = _entry(request, session, import_id)
    problems = []
    for problem in runner(request).imports.problems(entry.import_id, chunk=SHOWN_PROBLEMS):
        problems.append(problem)
        if len(problems) >= SHOWN_PROBLEMS:
            break
    return render(
        request,
        "import.html",
        entry=entry,
        problems=problems,
        shown=SHOWN_PROBLEMS,
        running=entry.status == "running",
    )


@router.get("/imports/{import_id}/report.{extension}")
def report(request: Request, session: SessionDep, import_id: str, extension: str) -> Response:
    entry = _entry(request, session, import_id)
    return report_file(runner(request).imports, entry, extension)
