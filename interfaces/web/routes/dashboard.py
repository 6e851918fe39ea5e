"""/dashboard: the programme at a glance, and its numbers as CSV or .xlsx."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from interfaces.http import access
from interfaces.i18n.catalogue import translate
from interfaces.web import formats
from interfaces.web.charts import Series, bar_chart
from interfaces.web.dashboard_table import as_table, dashboard
from interfaces.web.rendering import language, render, today
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.tables import Kind, download

router = APIRouter()
YearQuery = Annotated[int | None, Query(ge=2000, le=2100)]


@router.get("/dashboard", response_class=HTMLResponse, include_in_schema=False)
def dashboard_page(request: Request, session: SessionDep, year: YearQuery = None) -> HTMLResponse:
    reach = require(session, access.READ_CASES).reach
    lang, shown = language(request), year or today().year
    read_models = request.app.state.read_models
    board = dashboard(read_models, scope=reach, year=shown, today=today())
    chart = bar_chart(
        chart_id="months",
        title=translate(lang, "dashboard.months"),
        description=translate(lang, "dashboard.months_desc", year=shown),
        labels=[formats.month(m.month, lang).removeprefix(f"{shown}年") for m in board.months],
        series=[
            Series(translate(lang, "dashboard.transfers"), [m.transfers for m in board.months]),
            Series(translate(lang, "dashboard.placements"), [m.placements for m in board.months]),
        ],
    )
    return render(request, "dashboard.html", board=board, chart=chart)


@router.get("/dashboard.csv", include_in_schema=False)
def dashboard_csv(request: Request, session: SessionDep, year: YearQuery = None) -> Response:
    return _download(request, session, year, "csv")


@router.get("/dashboard.xlsx", include_in_schema=False)
def dashboard_xlsx(request: Request, session: SessionDep, year: YearQuery = None) -> Response:
    return _download(request, session, year, "xlsx")


def _download(request: Request, session: SessionDep, year: int | None, kind: Kind) -> Response:
    reach = require(session, access.READ_CASES).reach
    shown = year or today().year
    board = dashboard(request.app.state.read_models, scope=reach, year=shown, today=today())
    return download(as_table(board, language(request)), kind)
