"""RFC 9457 problem details: every error leaves the API in this shape."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

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


def database_unavailable(retry_after: int) -> JSONResponse:
    return problem(
        503,
        "Database unavailable",
        "the database did not answer in time; try again shortly",
        slug="database-unavailable",
        headers={"Retry-After": str(retry_after)},
    )
