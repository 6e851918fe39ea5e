"""/imports: an office's ledger (台账) uploaded, checked row by row, written in
batches in the background — and followed, and its report downloaded.

Only caseworkers import, for their own office; an import is found only by
staff whose scope covers the importing office (404 otherwise, as for any
record outside one's reach)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from infrastructure.ledger_imports import LedgerImports
from interfaces.http.dependencies import CaseworkerDep
from interfaces.http.problems import invalid, request_language
from interfaces.ledger_runs import ImportRunner
from interfaces.ledger_views import CSV, XLSX, import_for, import_view, report_file, template_file

router = APIRouter(prefix="/imports", tags=["imports"])

FILE = {"content": {XLSX: {"schema": {"type": "string"}}}}
ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Only caseworkers import ledgers"},
    404: {"description": "No such import, or not one of your office's"},
}


def runner(request: Request) -> ImportRunner:
    found: ImportRunner = request.app.state.ledger_runner
    return found


@router.get("/template.xlsx", responses={200: FILE, **ERRORS}, response_class=Response)
def ledger_template(_: CaseworkerDep) -> Response:
    """The ledger's template: Chinese headers, English in the second row, and
    a sheet of notes on each column (accepted values, defaults)."""
    return template_file()


@router.post(
    "",
    status_code=202,
    responses={
        **ERRORS,
        413: {"description": "The file is larger than LABORBRIDGE_LEDGER_MAX_BYTES"},
        422: {"description": "No file, or an empty one (problem+json naming `file`)"},
    },
)
def import_ledger(
    request: Request,
    actor: CaseworkerDep,
    file: Annotated[UploadFile, File(description="The ledger: .xlsx or .csv")],
    dry_run: Annotated[bool, Form(description="Check every row; write nothing")] = False,
) -> JSONResponse:
    """Upload a ledger (one row per worker; headers in Chinese or English, as in
    `/imports/template.xlsx`). Answers 202 with the import's id and a link to
    follow it: every row is checked by the same rules as a caseworker's entry;
    valid rows are written in batches (each one transaction) unless `dry_run`,
    invalid ones are reported (`/imports/{id}/report.xlsx` or `.csv`). Each
    fact is dated with the ledger's dates and stamped with the file's SHA-256,
    its row and you. The same file again records nothing."""
    lang = request_language(request.headers.get("accept-language"))
    file.file.seek(0, 2)
    size = file.file.tell()
    file.file.seek(0)
    if size == 0:
        return invalid("file", "must not be empty", lang=lang)
    import_id = runner(request).submit(file.file, actor, commit=not dry_run)
    entry = runner(request).imports.get(import_id)
    assert entry is not None
    location = f"{request.url.path.rstrip('/')}/{import_id}"
    return JSONResponse(
        import_view(entry, base=location), status_code=202, headers={"Location": location}
    )


@router.get("", responses=ERRORS)
def list_imports(request: Request, actor: CaseworkerDep) -> dict[str, Any]:
    """Your office's latest imports, newest first."""
    imports: LedgerImports = runner(request).imports
    base = request.url.path.rstrip("/")
    entries = imports.recent((actor.office,))
    return {"items": [import_view(e, base=f"{base}/{e.import_id}") for e in entries]}


@router.get("/{import_id}", responses=ERRORS)
def get_import(request: Request, actor: CaseworkerDep, import_id: str) -> dict[str, Any]:
    """How far the import got (`status`: running, finished, failed, interrupted),
    its counts, and the first problems (all of them in the report)."""
    entry = import_for(runner(request).imports, import_id, actor)
    view = import_view(entry, base=request.url.path.rstrip("/"))
    problems = []
    for problem in runner(request).imports.problems(entry.import_id, chunk=100):
        problems.append(
            {
                "sheet": problem.sheet,
                "row": problem.row,
                "column": problem.column.value if problem.column else None,
                "value": problem.value,
                "reason_zh": problem.reason_zh,
                "reason_en": problem.reason_en,
            }
        )
        if len(problems) >= 100:
            break
    return {**view, "problems": problems}


@router.get(
    "/{import_id}/report.{extension}",
    responses={200: {"content": {XLSX: {}, CSV: {}}}, **ERRORS},
    response_class=Response,
)
def import_report(
    request: Request, actor: CaseworkerDep, import_id: str, extension: str
) -> Response:
    """The per-row report: sheet, row, column, value (masked where personal),
    reason in Chinese and English — as .xlsx or .csv (UTF-8 with BOM)."""
    entry = import_for(runner(request).imports, import_id, actor)
    return report_file(runner(request).imports, entry, extension)
