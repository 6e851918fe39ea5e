"""Finding a worker, and registering one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from application.projections.case_file_rows import JourneyStage
from domain.places import WUSHAN_TOWNSHIPS
from domain.worker_profile import PovertyStatus
from infrastructure.readmodels import case_file_queries as queries
from interfaces.http import access
from interfaces.http.dependencies import JourneyDep
from interfaces.web.case_tables import WorkerFilters, worker_table
from interfaces.web.commanding import DECLARED, AlreadyRegistered, Refused, run_declared
from interfaces.web.forms import Form, form_of
from interfaces.web.page_forms import FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.submissions import AlreadySubmitted, new_form_key, once
from interfaces.web.tables import Kind, download

router = APIRouter()
PAGE_SIZE = 50
REGISTER = DECLARED["register_worker"]
# A township is chosen from the list; the registering office is the caller's own.
TOWNSHIP_CHOICES = [(name, name) for name in WUSHAN_TOWNSHIPS]


Text = Annotated[str, Query(max_length=50)]


def _filters(q: str, township: str, poverty_status: str, stage: str) -> WorkerFilters:
    """Unknown choices (an old bookmark, a hand-edited URL) filter nothing."""
    return WorkerFilters(
        q=q or None,
        township=township or None,
        poverty_status=poverty_status if poverty_status in set(PovertyStatus) else None,
        stage=stage if stage in set(JourneyStage) else None,
    )


@router.get("/workers.csv", include_in_schema=False)
def search_csv(
    request: Request,
    session: SessionDep,
    q: Text = "",
    township: Text = "",
    poverty_status: Text = "",
    stage: Text = "",
) -> Response:
    return _download(request, session, _filters(q, township, poverty_status, stage), "csv")


@router.get("/workers.xlsx", include_in_schema=False)
def search_xlsx(
    request: Request,
    session: SessionDep,
    q: Text = "",
    township: Text = "",
    poverty_status: Text = "",
    stage: Text = "",
) -> Response:
    return _download(request, session, _filters(q, township, poverty_status, stage), "xlsx")


def _download(request: Request, session: SessionDep, filters: WorkerFilters, to: Kind) -> Response:
    """Every worker the search finds, with the page's columns (ID numbers masked)."""
    reader = require(session, access.READ_CASES)
    read_models = request.app.state.read_models
    return download(worker_table(read_models, filters, language(request), reader.reach), to)


@router.get("/workers", response_class=HTMLResponse, include_in_schema=False)
def search(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(max_length=50)] = "",
    township: Annotated[str, Query(max_length=50)] = "",
    poverty_status: Annotated[str, Query(max_length=40)] = "",
    stage: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    after: Annotated[str, Query(max_length=20, pattern=r"^[0-9]*$")] = "",
) -> HTMLResponse:
    reach = require(session, access.READ_CASES).reach
    read_models = request.app.state.read_models
    filters = vars(_filters(q, township, poverty_status, stage))
    found = queries.search_workers(
        read_models, **filters, scope=reach, cursor=after or None, limit=PAGE_SIZE
    )
    total = queries.count_workers(read_models, **filters, scope=reach)
    first = (page - 1) * PAGE_SIZE + 1
    return render(
        request,
        "workers.html",
        workers=found.items,
        total=total,
        first=first,
        last=first + len(found.items) - 1,
        page=page,
        next_cursor=found.next_cursor,
        filters={"q": q, "township": township, "poverty_status": poverty_status, "stage": stage},
        townships=WUSHAN_TOWNSHIPS,
        poverty_statuses=list(PovertyStatus),
        stages=list(JourneyStage),
    )


def _registration_form(request: Request, values: dict[str, str]) -> Form:
    return form_of(
        REGISTER.body,
        language(request),
        choices={"hukou_township": TOWNSHIP_CHOICES},
        values=values,
    )


@router.get("/workers/new", response_class=HTMLResponse, include_in_schema=False)
def registration_page(request: Request, session: SessionDep) -> HTMLResponse:
    require(session, access.RECORD_JOURNEY)
    values = {"hukou_division": session.account.office, "occurred_on": ""}
    form = _registration_form(request, values)
    return render(request, "register.html", form=form, form_key=new_form_key())


@router.post("/workers/new", include_in_schema=False)
def register(
    request: Request, session: SessionDep, posted: FormPostDep, journey: JourneyDep
) -> Response:
    actor = require(session, access.RECORD_JOURNEY)
    lang = language(request)

    def record() -> str:
        recorded = run_declared(
            journey,
            REGISTER,
            posted.values,
            lang,
            actor=actor,
            record_id=None,
            expected=None,
            fixed={},
        )
        return f"/workers/{recorded.aggregate_id}?done=register_worker&at={recorded.position}"

    try:
        location = once(
            request.app.state.idempotency, actor.user, posted.form_key, "register", record
        )
    except AlreadySubmitted as earlier:
        location = earlier.location or "/workers"
    except AlreadyRegistered as duplicate:
        location = f"/workers/{duplicate.worker_id}?done=already_registered"
    except Refused as refused:
        form = _registration_form(request, dict(posted.values))
        for name, message in refused.fields:
            form.error(name, message)
        form.general.extend(refused.general)
        return render(
            request, "register.html", status=refused.status, form=form, form_key=new_form_key()
        )
    return RedirectResponse(location, status_code=303)
