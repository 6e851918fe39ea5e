"""An import as the API and the pages answer it: status, counts, links, and
the files (template, report) both download."""

from __future__ import annotations

import io
from typing import Any
from uuid import UUID

from fastapi.responses import Response

from application.exceptions import ImportNotFound
from domain.actor import Actor
from infrastructure.ledger_imports import ImportEntry, LedgerImports
from infrastructure.ledger_reports import write_report_csv, write_report_xlsx, write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def import_view(entry: ImportEntry, *, base: str) -> dict[str, Any]:
    """`base`: the import's own path (/api/v1/imports/{id} or /imports/{id})."""
    return {
        "id": str(entry.import_id),
        "office": entry.office,
        "by": entry.by,
        "mode": entry.mode,
        "ledger_sha256": entry.ledger_sha256,
        "status": entry.status,
        "started_at": entry.started_at.isoformat(),
        "finished_at": entry.finished_at.isoformat() if entry.finished_at else None,
        "rows_total": entry.rows_total,
        "rows_done": entry.rows_done,
        "counts": entry.counts,
        "failure": entry.failure,
        "problem_count": entry.problem_count,
        "links": {
            "self": base,
            "report_xlsx": f"{base}/report.xlsx",
            "report_csv": f"{base}/report.csv",
        },
    }


def report_name(entry: ImportEntry, extension: str) -> str:
    """No personal data in a file name: the date and the file's hash prefix."""
    return f"ledger-report-{entry.started_at:%Y%m%d}-{entry.ledger_sha256[:8]}.{extension}"


def import_for(imports: LedgerImports, import_id: str, reader: Actor) -> ImportEntry:
    """The import by its id, if the reader's scope covers the importing office;
    otherwise not found, as for any record outside one's reach."""
    try:
        wanted = UUID(import_id)
    except ValueError:
        raise ImportNotFound("(not an import id)") from None
    entry = imports.get(wanted)
    if entry is None or not reader.reach.covers(entry.office):
        raise ImportNotFound(wanted)
    return entry


def report_file(imports: LedgerImports, entry: ImportEntry, extension: str) -> Response:
    """The per-row report as a download: .xlsx (with a summary sheet) or CSV."""
    if extension not in ("xlsx", "csv"):
        raise ImportNotFound("(report.xlsx or report.csv)")
    out = io.BytesIO()
    problems = imports.problems(entry.import_id)
    if extension == "csv":
        write_report_csv(problems, out)
    else:
        summary = {"import": str(entry.import_id), "ledger_sha256": entry.ledger_sha256}
        summary.update({k: str(v) for k, v in entry.counts.items()})
        write_report_xlsx(problems, out, summary)
    return Response(
        out.getvalue(),
        media_type=CSV if extension == "csv" else XLSX,
        headers={"Content-Disposition": f"attachment; filename={report_name(entry, extension)}"},
    )


def template_file() -> Response:
    out = io.BytesIO()
    write_template(out)
    return Response(
        out.getvalue(),
        media_type=XLSX,
        headers={"Content-Disposition": "attachment; filename=ledger-template.xlsx"},
    )
