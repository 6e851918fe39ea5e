"""Templates (Jinja2, autoescaped) and what every page is given."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from application.clock import today_in_shanghai
from domain.divisions import division_name
from interfaces.i18n.catalogue import Language, translate
from interfaces.web import formats
from interfaces.web.languages import page_language
from interfaces.web.navigation import navigation

# The pages hold personal data: no cache keeps them, no other site frames them.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
    " form-action 'self'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("interfaces.web", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["division_name"] = division_name
    return env


ENVIRONMENT = _environment()


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    lang = page_language(request)
    session = getattr(request.state, "staff_session", None)
    page = ENVIRONMENT.get_template(template).render(
        request=request,
        lang=lang,
        other_lang="en" if lang == "zh" else "zh",
        t=partial(translate, lang),
        day=partial(formats.day, lang=lang),
        moment=partial(formats.moment, lang=lang),
        month=partial(formats.month, lang=lang),
        money=partial(formats.money, lang=lang),
        code=partial(formats.code, lang=lang),
        session=session,
        nav=navigation(session),
        today=today(),
        now=datetime.now(UTC),
        here=request.url.path,
        **context,
    )
    return HTMLResponse(page, status_code=status, headers=PAGE_HEADERS)


def today() -> date:
    return today_in_shanghai()


def language(request: Request) -> Language:
    return page_language(request)
