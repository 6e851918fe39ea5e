"""/reports: the figures the programme reports, from the read models."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from domain.exceptions import InvalidValue
from domain.scope import Scope, parse_scope
from infrastructure.readmodels import case_file_queries
from infrastructure.readmodels.summary_report import SummaryReport
from interfaces.http.dependencies import ReaderDep, ReadModelsDep
from interfaces.http.schemas.reports import (
    ReportFormat,
    summary_csv,
    summary_filename,
)
from interfaces.json_views import as_json

READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Your role may not read case records"},
    422: {"description": "Invalid query parameter (problem+json naming it)"},
    503: {"description": "The read models have not reached `min_position` in time"},
}

router = APIRouter(prefix="/reports", tags=["reports"], responses=READ_ERRORS)


@router.get(
    "/summary",
    response_model=SummaryReport,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def summary_report(
    reader: ReaderDep,
    read_models: ReadModelsDep,
    year: Annotated[
        int | None, Query(ge=2000, le=2100, description="All years if left out")
    ] = None,
    office: Annotated[str | None, Query(pattern=r"^[0-9]{6}$", examples=["500237"])] = None,
    township: Annotated[str | None, Query(max_length=50, examples=["骡坪镇"])] = None,
    scope: Annotated[
        str | None,
        Query(
            max_length=40,
            description="A wider set of offices: `pair:500237-370600`, `province:37` or `all`"
            " (within your own scope); `office` is the same as `office:CODE`.",
            examples=["pair:500237-370600"],
        ),
    ] = None,
    output: Annotated[ReportFormat, Query(alias="format")] = ReportFormat.JSON,
) -> Response:
    """The programme's figures (工作成效): workers registered, training
    person-times and how many then found a job, organised transfers and how
    many were lifted out of poverty, placements started by kind, stable
    employment in the partner province, disputes handled and the money involved
    and recovered; subsidies by kind: entitled (assessed, approved or paid; in
    the year each arose), approved (approved or paid; in the year of the
    approval), paid (paid or overpaid; the amount paid, in the year of `paid_on`)
    and the overpaid amount to recover (in the year of the payment). Every
    figure counts by business date, never by when it was recorded. The figures
    are those of the offices the caller reaches, or of `office` (one of them):
    each fact counts for one office — registrations, trainings and subsidies
    for the registering office, an arrival for the office that confirmed it, a
    placement and stable employment for the office that recorded the
    placement, a dispute for the office that accepted it. `township` filters
    through the worker's household-registration township."""
    reach = reader.actor().reach
    asked = parse_scope(scope, "scope") if scope else None
    counted = asked or (Scope.of_office(office) if office else reach)
    if not reach.includes(counted):
        field = "scope" if asked else "office"
        raise InvalidValue(field, "must be an office you reach")
    report = case_file_queries.summary_report(
        read_models, scope=counted, year=year, township=township
    )
    if output is ReportFormat.CSV:
        return Response(
            summary_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{summary_filename(report)}"'},
        )
    return JSONResponse(as_json(report))
