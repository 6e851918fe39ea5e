"""/audit/export: a copy of the events recorded in a time range (auditors).

A GET with a side effect, as the programme's auditors asked for a plain
download link: every export is first recorded as an `AuditExport.Exported`
event (who, which range, which events, when), then the copy is sent.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from domain.audit_export import ExportChannel, ExportFormat
from infrastructure.audit_export import ExportRequest, StartedExport, start_export
from infrastructure.export_files import MEDIA_TYPES, csv_chunks, jsonl_chunks, write_xlsx
from interfaces.http.dependencies import AuditorDep, JourneyDep
from interfaces.http.routes.audit import TIME_BOUND
from interfaces.http.schemas.dates import IsoMoment

router = APIRouter(prefix="/audit", tags=["audit"])

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Only auditors export the records"},
    422: {"description": "Invalid format or bounds (problem+json naming the field)"},
}
FILE = {"content": {media: {"schema": {"type": "string"}} for media in MEDIA_TYPES.values()}}


@router.get("/export", responses={200: FILE, **ERRORS}, response_class=Response)
def export_audit_trail(
    request: Request,
    principal: AuditorDep,
    journey: JourneyDep,
    output: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.JSONL,
    from_: Annotated[
        IsoMoment | None,
        Query(alias="from", description=f"Recorded at or after; default: the start. {TIME_BOUND}"),
    ] = None,
    to: Annotated[
        IsoMoment | None, Query(description=f"Recorded before; default: now. {TIME_BOUND}")
    ] = None,
) -> Response:
    """Every event recorded in [from, to), in log order, one record each:
    position, recorded_at, aggregate_id, version, event_type, occurred_on,
    actor (user, role, office) and the payload with names, ID numbers and
    phone numbers masked. **Recorded first** as `AuditExport.Exported` (the
    range, the first and last positions, the count, you), whose id is in
    `X-Export-Id`; the copy holds the events up to the head of the log at
    that moment."""
    actor = principal.actor()
    started = start_export(
        journey,
        request.app.state.read_models,
        ExportRequest(from_, to, output, actor, ExportChannel.API),
    )
    headers = {
        "Content-Disposition": f'attachment; filename="{started.filename}"',
        "X-Export-Id": str(started.export_id),
        "X-Position": str(started.position),
    }
    media_type = MEDIA_TYPES[output.value]
    if output is ExportFormat.XLSX:
        return workbook_response(started, media_type, headers)
    chunks = jsonl_chunks if output is ExportFormat.JSONL else csv_chunks
    return StreamingResponse(chunks(started.events), media_type=media_type, headers=headers)


def workbook_response(
    started: StartedExport, media_type: str, headers: dict[str, str]
) -> FileResponse:
    """A workbook is not a stream: written to a temporary file, sent, deleted."""
    handle, name = tempfile.mkstemp(prefix="laborbridge-export-", suffix=".xlsx")
    os.close(handle)
    path = Path(name)
    try:
        write_xlsx(started.events, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path, media_type=media_type, headers=headers, background=BackgroundTask(path.unlink)
    )
