"""GET /subsidies: the subsidy list (JSON) and the ledger (CSV), from the read model.

One subsidy, its events and the decisions on it are in `routes/subsidies.py`.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse, StreamingResponse

from domain.subsidy import SubsidyKind, SubsidyStatus
from infrastructure.readmodels import subsidy_queries
from infrastructure.readmodels.subsidy_queries import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    SubsidyFilter,
    SubsidyPage,
)
from interfaces.http.dependencies import CursorQuery, ReaderDep, ReadModelsDep
from interfaces.http.schemas.reports import ReportFormat
from interfaces.http.schemas.subsidy_ledger import LEDGER_FILENAME, ledger_csv
from interfaces.json_views import as_json

READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Your role may not read case records"},
    422: {"description": "Invalid query parameter (problem+json naming it)"},
    503: {"description": "The read models have not reached `min_position` in time"},
}

router = APIRouter(prefix="/subsidies", tags=["subsidies"], responses=READ_ERRORS)


@router.get(
    "",
    response_model=SubsidyPage,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def list_subsidies(
    reader: ReaderDep,
    read_models: ReadModelsDep,
    worker_id: UUID | None = None,
    kind: SubsidyKind | None = None,
    status: SubsidyStatus | None = None,
    office: Annotated[
        str | None,
        Query(pattern=r"^[0-9]{6}$", examples=["500237"], description="The registering office"),
    ] = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    output: Annotated[
        ReportFormat, Query(alias="format", description="`csv`: the whole ledger, unpaginated")
    ] = ReportFormat.JSON,
) -> Response:
    """Subsidies (补贴) in the order they were assessed, by worker, kind, status
    and the office that registered the worker: amounts supported, paid and
    overpaid, the policy version and dates. With `format=csv`, the ledger
    (补贴台账): every subsidy the filters match, by the date it arose, with the
    kind in Chinese; `cursor` and `limit` do not apply. No personal data."""
    given = SubsidyFilter(
        worker_id=worker_id,
        kind=kind.value if kind else None,
        status=status.value if status else None,
        office=office,
    )
    if output is ReportFormat.CSV:
        return StreamingResponse(
            ledger_csv(subsidy_queries.ledger(read_models, given, scope=reader.actor().reach)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{LEDGER_FILENAME}"'},
        )
    page = subsidy_queries.list_subsidies(
        read_models, given, scope=reader.actor().reach, cursor=cursor, limit=limit
    )
    return JSONResponse(as_json(page))
