"""RFC 9457 problem details: every error leaves the API in this shape.

The words (`title`, `detail`, each `errors[].message`) are in the caller's
language (`lang`, from Accept-Language; English by default), said by
`Content-Language`; `type`, `status`, the fields and the other members never
change with it.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from infrastructure.database_errors import RETRY_AFTER_SECONDS
from interfaces.i18n import errors as i18n
from interfaces.i18n.errors import Language, domain_message, language_of

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    lang: Language = "en",
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """`title` is one of the titles, in English: it is translated here.
    `detail` and the `errors` messages are given in `lang` already."""
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": i18n.title(title, lang),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    headers = {**(headers or {}), "Content-Language": lang}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def request_language(accept_language: str | None) -> Language:
    """The language of the API's answers: what Accept-Language asks for, else English."""
    return language_of(accept_language, default="en")


def field_errors(errors: list[dict[str, str]], lang: Language) -> str:
    """The `detail` that lists `errors` (already in `lang`): `field: message; …`."""
    colon, separator = ("：", "；") if lang == "zh" else (": ", "; ")
    return separator.join(f"{e['field']}{colon}{e['message']}" for e in errors)


def invalid(field: str, message: str, *, status: int = 422, lang: Language = "en") -> JSONResponse:
    """422 (or `status`) for one field; `message` in English, as raised."""
    errors = [{"field": field, "message": domain_message(message, lang)}]
    return problem(
        status,
        "Invalid input",
        field_errors(errors, lang),
        slug="invalid-input",
        lang=lang,
        errors=errors,
    )


def unauthenticated(lang: Language = "en") -> JSONResponse:
    return problem(
        401,
        "Not authenticated",
        domain_message("send a valid token as 'Authorization: Bearer <token>'", lang),
        slug="not-authenticated",
        lang=lang,
        headers={"WWW-Authenticate": "Bearer"},
    )


def database_unavailable(lang: Language = "en") -> JSONResponse:
    """Nothing of the underlying error goes out (it may hold SQL, a host or a user)."""
    return problem(
        503,
        "Database unavailable",
        domain_message(
            "the database is unavailable or did not answer in time;"
            " retry after the number of seconds in Retry-After",
            lang,
        ),
        slug="database-unavailable",
        lang=lang,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
