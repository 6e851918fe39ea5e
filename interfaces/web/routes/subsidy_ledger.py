"""/subsidies: the subsidy ledger (补贴台账) as a page, and as .xlsx or CSV."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from domain.subsidy import SubsidyKind, SubsidyStatus
from infrastructure.readmodels.subsidy_queries import SubsidyFilter
from interfaces.http import access
from interfaces.web.case_tables import MAX_ROWS, ledger_table
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.tables import Kind, download

router = APIRouter()
KindQuery = Annotated[str, Query(max_length=40)]
PAGE_ROWS = 200  # the page shows the first rows; the downloads hold them all


def _filter(kind: str, status: str) -> SubsidyFilter:
    """Unknown choices (an old bookmark, a hand-edited URL) filter nothing."""
    return SubsidyFilter(
        kind=kind if kind in set(SubsidyKind) else None,
        status=status if status in set(SubsidyStatus) else None,
    )


@router.get("/subsidies", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(
    request: Request, session: SessionDep, kind: KindQuery = "", status: KindQuery = ""
) -> HTMLResponse:
    reach = require(session, access.READ_CASES).reach
    read_models = request.app.state.read_models
    ledger = ledger_table(read_models, _filter(kind, status), language(request), reach)
    table = ledger.table
    totals = {"amount": ledger.assessed, "paid": ledger.paid}
    return render(
        request,
        "subsidies.html",
        table=table,
        shown=table.rows[:PAGE_ROWS],
        page_rows=PAGE_ROWS,
        capped=len(table.rows) >= MAX_ROWS,
        max_rows=MAX_ROWS,
        totals=totals,
        filters={"kind": kind, "status": status},
        kinds=list(SubsidyKind),
        statuses=list(SubsidyStatus),
    )


@router.get("/subsidies.csv", include_in_schema=False)
def ledger_csv(
    request: Request, session: SessionDep, kind: KindQuery = "", status: KindQuery = ""
) -> Response:
    return _download(request, session, kind, status, "csv")


@router.get("/subsidies.xlsx", include_in_schema=False)
def ledger_xlsx(
    request: Request, session: SessionDep, kind: KindQuery = "", status: KindQuery = ""
) -> Response:
    return _download(request, session, kind, status, "xlsx")


def _download(request: Request, session: SessionDep, kind: str, status: str, to: Kind) -> Response:
    reach = require(session, access.READ_CASES).reach
    read_models = request.app.state.read_models
    ledger = ledger_table(read_models, _filter(kind, status), language(request), reach)
    return download(ledger.table, to)
