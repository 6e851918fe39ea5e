"""/admin/offices: the register of offices (机构名录) — every office, its kind
and partners; add an office, link two as partners. Each change is also a row
of the staff changes auditors read."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from domain.exceptions import InvalidTransition, InvalidValue
from domain.offices import OfficeKind
from domain.places import DESTINATIONS, HOME_COUNTIES, named
from infrastructure.office_administration import OfficeAdministration
from infrastructure.staff_administration import StaffAdministration
from interfaces.http import access
from interfaces.i18n.catalogue import translate
from interfaces.i18n.errors import domain_message
from interfaces.web.page_forms import FormPost, FormPostDep
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require

router = APIRouter()
DONE = ("added", "linked", "unchanged")
PARTNER = "partner."  # a checkbox per office of the register: partner.370600=yes
# The domain's field → the form's field (both forms share one page).
_ADDING = {"code": "code", "name": "name", "kind": "kind", "partners": "partners"}
_LINKING = {"code": "link_code", "partner": "link_partner"}


def _register(request: Request) -> OfficeAdministration:
    administration: StaffAdministration = request.app.state.staff_administration
    return OfficeAdministration(request.app.state.journey, administration.changes)


def _page(
    request: Request, *, status: int = 200, errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None, done: str = "",
) -> HTMLResponse:  # fmt: skip
    offices = _register(request).offices()
    return render(
        request,
        "admin_offices.html",
        status=status,
        offices=offices,
        names={o.code: o.name for o in offices},
        kinds=[k.value for k in OfficeKind],
        places=named((*HOME_COUNTIES, *DESTINATIONS)),
        errors=errors or {},
        values=values or {},
        done=done,
    )


def _refused(request: Request, field: str, message: str, posted: FormPost) -> HTMLResponse:
    return _page(request, status=422, errors={field: message}, values=posted.values)


@router.get("/admin/offices", response_class=HTMLResponse, include_in_schema=False)
def offices_page(request: Request, session: SessionDep, done: str = "") -> HTMLResponse:
    require(session, access.ADMINISTER)
    return _page(request, done=done if done in DONE else "")


@router.post("/admin/offices", response_class=HTMLResponse, include_in_schema=False)
def add_office(request: Request, session: SessionDep, posted: FormPostDep) -> Response:
    """Its partners must be in the register already; the partnership is recorded for both."""
    actor = require(session, access.ADMINISTER)
    values = posted.values
    partners = [
        k.removeprefix(PARTNER) for k, v in values.items() if k.startswith(PARTNER) and v == "yes"
    ]
    try:
        added = _register(request).add_office(
            actor,
            code=values.get("code", ""),
            name=values.get("name", ""),
            kind=values.get("kind", ""),
            partners=partners,
        )
    except InvalidValue as error:
        message = domain_message(error.message, language(request))
        return _refused(request, _ADDING.get(error.field, "code"), message, posted)
    except InvalidTransition:
        message = translate(language(request), "admin.offices.exists")
        return _refused(request, "code", message, posted)
    return RedirectResponse(
        f"/admin/offices?done={'added' if added else 'unchanged'}", status_code=303
    )


@router.post("/admin/offices/partners", response_class=HTMLResponse, include_in_schema=False)
def link_partners(request: Request, session: SessionDep, posted: FormPostDep) -> Response:
    actor = require(session, access.ADMINISTER)
    values = posted.values
    try:
        linked = _register(request).link_partners(
            actor, code=values.get("link_code", ""), partner=values.get("link_partner", "")
        )
    except InvalidValue as error:
        message = domain_message(error.message, language(request))
        return _refused(request, _LINKING.get(error.field, "link_code"), message, posted)
    return RedirectResponse(
        f"/admin/offices?done={'linked' if linked else 'unchanged'}", status_code=303
    )
