"""Which language a page speaks: the reader's choice (a cookie), else what the
browser asks for (Accept-Language), else Chinese."""

from __future__ import annotations

from fastapi import Request

from interfaces.i18n.catalogue import LANGUAGES, Language
from interfaces.i18n.errors import language_of

LANGUAGE_COOKIE = "lb_lang"
ONE_YEAR = 365 * 24 * 3600


def page_language(request: Request) -> Language:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    for lang in LANGUAGES:
        if chosen == lang:
            return lang
    return language_of(request.headers.get("accept-language"), default="zh")
