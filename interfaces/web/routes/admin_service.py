"""/admin/tokens (issue, shown once; list; revoke), /admin/read-models (status,
lag, rebuild), and for auditors /audit/staff-changes: every such change."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from domain.actor import STAFF_ROLES
from infrastructure.readmodels.registry import all_projections, projection_named
from infrastructure.staff_accounts import AccountError
from infrastructure.staff_administration import StaffAdministration, scope_given
from interfaces.http import access
from interfaces.i18n.catalogue import translate
from interfaces.i18n.errors import domain_message
from interfaces.web.admin_status import rebuild, service_status
from interfaces.web.page_forms import FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.routes.admin_accounts import _role
from interfaces.web.signed_in import SessionDep, require
from interfaces.web.tables import Kind, Table, download

router = APIRouter()


def _administration(request: Request) -> StaffAdministration:
    administration: StaffAdministration = request.app.state.staff_administration
    return administration


def _tokens_page(
    request: Request, *, status: int = 200, errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> HTMLResponse:  # fmt: skip
    tokens = sorted(_administration(request).tokens.all(), key=lambda t: t.created_at, reverse=True)
    return render(
        request,
        "admin_tokens.html",
        status=status,
        tokens=tokens,
        roles=STAFF_ROLES,
        offices=request.app.state.journey.offices(),
        errors=errors or {},
        values=values or {"days": "90"},
    )


@router.get("/admin/tokens", response_class=HTMLResponse, include_in_schema=False)
def tokens_page(request: Request, session: SessionDep) -> HTMLResponse:
    require(session, access.ADMINISTER)
    return _tokens_page(request)


@router.post("/admin/tokens", response_class=HTMLResponse, include_in_schema=False)
def issue_token(request: Request, session: SessionDep, posted: FormPostDep) -> HTMLResponse:
    """The secret is on this answer only; the list shows the token's id, never it."""
    actor = require(session, access.ADMINISTER)
    values = posted.values
    days = values.get("days", "").strip()
    try:
        token, secret = _administration(request).issue_token(
            actor.user,
            user=values.get("user", "").strip(),
            role=_role(values.get("role", "")),
            office=values.get("office", "").strip(),
            days=int(days) if days.isascii() and days.isdigit() and len(days) < 4 else 0,
            scope=scope_given(values.get("scope")),
        )
    except AccountError as error:
        message = domain_message(error.message, language(request))
        return _tokens_page(request, status=422, errors={error.field: message}, values=values)
    return render(request, "admin_token.html", status=201, token=token, secret=secret)


@router.post("/admin/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token(
    request: Request, session: SessionDep, posted: FormPostDep, token_id: str
) -> Response:
    actor = require(session, access.ADMINISTER)
    _administration(request).revoke_token(actor.user, token_id[:64])
    return RedirectResponse("/admin/tokens", status_code=303)


@router.get("/admin/read-models", response_class=HTMLResponse, include_in_schema=False)
def read_models_page(request: Request, session: SessionDep) -> HTMLResponse:
    require(session, access.ADMINISTER)
    status = service_status(request.app)
    return render(
        request,
        "admin_read_models.html",
        status_of=status,
        behind=any(m.lag > 0 for m in status.read_models),
        runs_projector=request.app.state.settings.run_projector,
    )


@router.post("/admin/read-models/{name}/rebuild", include_in_schema=False)
def rebuild_read_model(
    request: Request, session: SessionDep, posted: FormPostDep, name: str
) -> Response:
    """Emptied and started again from position 0: the projector (in this process or
    its own) brings it back to the head; the page shows the lag going down."""
    actor = require(session, access.ADMINISTER)
    if name not in {p.name for p in all_projections()}:
        return render(request, "error.html", status=404, message="error.not_found")
    if posted.values.get("confirm") != "yes":
        return RedirectResponse("/admin/read-models", status_code=303)
    rebuild(request.app, projection_named(name))
    _administration(request).record_rebuild(actor.user, name)
    return RedirectResponse("/admin/read-models", status_code=303)


Limit = Annotated[int, Query(ge=1, le=1000)]


def _changes_table(request: Request, limit: int) -> Table:
    lang = language(request)

    def t(key: str) -> str:
        return translate(lang, key)

    changes = _administration(request).changes.recent(limit=limit)
    return Table(
        "laborbridge-staff-changes",
        t("admin.changes_title"),
        [t("admin.at"), t("admin.by"), t("admin.action"), t("admin.subject"), t("admin.detail")],
        [[c.at, c.by, t(f"admin.change.{c.action.value}"), c.subject, c.detail] for c in changes],
    )


@router.get("/audit/staff-changes", response_class=HTMLResponse, include_in_schema=False)
def staff_changes_page(request: Request, session: SessionDep, limit: Limit = 200) -> HTMLResponse:
    require(session, access.READ_AUDIT_TRAIL)
    return render(request, "audit_staff_changes.html", table=_changes_table(request, limit))


@router.get("/audit/staff-changes.csv", include_in_schema=False)
def staff_changes_csv(request: Request, session: SessionDep, limit: Limit = 1000) -> Response:
    return _download(request, session, limit, "csv")


@router.get("/audit/staff-changes.xlsx", include_in_schema=False)
def staff_changes_xlsx(request: Request, session: SessionDep, limit: Limit = 1000) -> Response:
    return _download(request, session, limit, "xlsx")


def _download(request: Request, session: SessionDep, limit: int, kind: Kind) -> Response:
    require(session, access.READ_AUDIT_TRAIL)
    return download(_changes_table(request, limit), kind)
