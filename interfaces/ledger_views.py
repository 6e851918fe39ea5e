"""An import as the API and the pages answer it: status, counts and links."""

from __future__ import annotations

from typing import Any

from infrastructure.ledger_imports import ImportEntry


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
