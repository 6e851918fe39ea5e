"""RFC 9457 problem details: every error leaves the API in this shape."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from infrastructure.database_errors import RETRY_AFTER_SECONDS

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def invalid(field: str, message: str, *, status: int = 422) -> JSONResponse:
    return problem(
        status,
        "Invalid input",
        f"{field}: {message}",
        slug="invalid-input",
        errors=[{"field": field, "message": message}],
    )


def unauthenticated() -> JSONResponse:
    return problem(
        401,
        "Not authenticated",
        "send a valid token as 'Authorization: Bearer <token>'",
        slug="not-authenticated",
        headers={"WWW-Authenticate": "Bearer"},
    )


def database_unavailable() -> JSONResponse:
    """Nothing of the underlying error goes out (it may hold SQL, a host or a user)."""
    return problem(
        503,
        "Database unavailable",
        "the database is unavailable or did not answer in time;"
        " retry after the number of seconds in Retry-After",
        slug="database-unavailable",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
