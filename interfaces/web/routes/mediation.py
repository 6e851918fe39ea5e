"""The mediator's workbench: the dispute register and its downloads; a
dispute's page and its steps are in dispute_page.py and dispute_steps.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from domain.dispute_terms import DisputeKind, DisputeStatus
from interfaces.http import access
from interfaces.web.dispute_register import PAGE_SIZE, RegisterQuery, register_table, workbench
from interfaces.web.rendering import language, render, today
from interfaces.web.routes import dispute_evidence, dispute_page, dispute_steps
from interfaces.web.signed_in import SessionDep, may, require
from interfaces.web.tables import Kind, download

router = APIRouter()
router.include_router(dispute_page.router)
router.include_router(dispute_steps.router)
router.include_router(dispute_evidence.router)

Text = Annotated[str, Query(max_length=50)]
PageNumber = Annotated[int, Query(ge=1, le=10_000)]


def _query(
    status: Text = "", kind: Text = "", employer: Text = "", office: Text = ""
) -> RegisterQuery:
    return RegisterQuery(status=status, kind=kind, employer=employer, office=office)


QueryDep = Annotated[RegisterQuery, Depends(_query)]


@router.get("/disputes", response_class=HTMLResponse, include_in_schema=False)
def register_page(
    request: Request, session: SessionDep, query: QueryDep, page: PageNumber = 1
) -> HTMLResponse:
    reach = require(session, access.READ_CASES).reach
    found = workbench(request.app.state.read_models, query, today(), page, reach)
    return render(
        request,
        "disputes.html",
        bench=found,
        query=query,
        page=page,
        more=page * PAGE_SIZE < found.total_count,
        statuses=list(DisputeStatus),
        kinds=list(DisputeKind),
        may_open=may(session, access.OPEN_DISPUTE),
    )


@router.get("/disputes.csv", include_in_schema=False)
def register_csv(request: Request, session: SessionDep, query: QueryDep) -> Response:
    return _download(request, session, query, "csv")


@router.get("/disputes.xlsx", include_in_schema=False)
def register_xlsx(request: Request, session: SessionDep, query: QueryDep) -> Response:
    return _download(request, session, query, "xlsx")


def _download(request: Request, session: SessionDep, query: RegisterQuery, kind: Kind) -> Response:
    reach = require(session, access.READ_CASES).reach
    read_models = request.app.state.read_models
    table = register_table(read_models, query, today(), language(request), reach)
    return download(table, kind)
