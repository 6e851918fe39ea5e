"""/admin/accounts: staff accounts — create with a first password shown once,
disable, enable, reset, change role, office (one of the register) or scope; and
/account/password, where a person replaces a first password with their own
before any other page opens."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from domain.actor import STAFF_ROLES, Role
from infrastructure.staff_accounts import AccountError
from infrastructure.staff_administration import StaffAdministration, scope_given
from interfaces.http import access
from interfaces.i18n.catalogue import translate
from interfaces.i18n.errors import domain_message
from interfaces.web.page_forms import FormPost, FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require

router = APIRouter()
ACTIONS = ("disable", "enable", "reset")


def _administration(request: Request) -> StaffAdministration:
    administration: StaffAdministration = request.app.state.staff_administration
    return administration


def _role(raw: str) -> Role:
    if raw not in {r.value for r in STAFF_ROLES}:
        raise AccountError("role", "must be one of " + ", ".join(r.value for r in STAFF_ROLES))
    return Role(raw)


def _accounts_page(
    request: Request, *, status: int = 200, errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None, done: str = "",
) -> HTMLResponse:  # fmt: skip
    administration = _administration(request)
    offices = request.app.state.journey.offices()
    return render(
        request,
        "admin_accounts.html",
        status=status,
        accounts=administration.accounts.all(),
        roles=STAFF_ROLES,
        offices=offices,
        office_names={o.code: o.name for o in offices},
        errors=errors or {},
        values=values or {},
        done=done,
    )


def _refused(request: Request, error: AccountError, posted: FormPost) -> HTMLResponse:
    message = domain_message(error.message, language(request))
    return _accounts_page(request, status=422, errors={error.field: message}, values=posted.values)


@router.get("/admin/accounts", response_class=HTMLResponse, include_in_schema=False)
def accounts_page(request: Request, session: SessionDep, done: str = "") -> HTMLResponse:
    require(session, access.ADMINISTER)
    return _accounts_page(request, done=done if done in (*ACTIONS, "assigned") else "")


@router.post("/admin/accounts", response_class=HTMLResponse, include_in_schema=False)
def create_account(request: Request, session: SessionDep, posted: FormPostDep) -> HTMLResponse:
    """The first password is on this answer only: not stored in clear, not in a URL."""
    actor = require(session, access.ADMINISTER)
    values = posted.values
    try:
        password = _administration(request).create(
            actor.user,
            user=values.get("user", ""),
            display_name=values.get("display_name", ""),
            role=_role(values.get("role", "")),
            office=values.get("office", ""),
            scope=scope_given(values.get("scope")),
        )
    except AccountError as error:
        return _refused(request, error, posted)
    user = values.get("user", "").strip().lower()
    return render(request, "admin_password.html", status=201, user=user, password=password)


@router.post(
    "/admin/accounts/{user}/{action}", response_class=HTMLResponse, include_in_schema=False
)
def change_account(
    request: Request, session: SessionDep, posted: FormPostDep, user: str, action: str
) -> Response:
    actor = require(session, access.ADMINISTER)
    administration = _administration(request)
    try:
        if action == "reset":
            password = administration.reset(actor.user, user)
            return render(request, "admin_password.html", user=user, password=password)
        if action == "disable":
            administration.disable(actor.user, user)
        elif action == "enable":
            administration.enable(actor.user, user)
        elif action == "assignment":
            values = posted.values
            administration.reassign(
                actor.user,
                user,
                role=_role(values.get("role", "")),
                office=values.get("office", ""),
                scope=scope_given(values.get("scope")),
            )
            action = "assigned"
        else:
            return render(request, "error.html", status=404, message="error.not_found")
    except AccountError as error:
        return _refused(request, error, posted)
    return RedirectResponse(f"/admin/accounts?done={action}", status_code=303)


@router.get("/account/password", response_class=HTMLResponse, include_in_schema=False)
def own_password_page(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "account_password.html", error=None)


@router.post("/account/password", response_class=HTMLResponse, include_in_schema=False)
def choose_own_password(request: Request, session: SessionDep, posted: FormPostDep) -> Response:
    """Any signed-in person may choose their own password; the sessions end and
    they sign in with it."""
    password, again = posted.values.get("password", ""), posted.values.get("again", "")
    lang = language(request)
    if password != again:
        return render(
            request,
            "account_password.html",
            status=422,
            error=translate(lang, "admin.password_differs"),
        )
    try:
        _administration(request).choose_password(session.account.user, password)
    except AccountError as error:
        message = domain_message(error.message, lang)
        return render(request, "account_password.html", status=422, error=message)
    return RedirectResponse("/sign-in?password_set=1", status_code=303)
