"""Command responses: the record's state plus its version and log position."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from application.views import Recorded

# Documented on every command route, answered by the middleware and error mapping.
COMMAND_ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Your role may not do this"},
    404: {"description": "No such record"},
    409: {"description": "Not allowed in the current state, already registered, or lost a race"},
    412: {"description": "If-Match names a version that is no longer current"},
    413: {"description": "The body is larger than LABORBRIDGE_MAX_BODY_BYTES (1 MiB)"},
    422: {"description": "Invalid input (problem+json naming the field) or reused Idempotency-Key"},
    500: {"description": "A stored event of the record is damaged, or an unexpected error"},
    503: {"description": "The database did not answer in time (Retry-After)"},
}


def recorded_response(
    body: BaseModel, recorded: Recorded, *, location: str | None = None
) -> JSONResponse:
    headers = {"ETag": f'"{recorded.version}"', "X-Position": str(recorded.position)}
    if location:
        headers["Location"] = location
    return JSONResponse(
        body.model_dump(mode="json"), status_code=201 if location else 200, headers=headers
    )


def current_response(body: BaseModel, version: int) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), headers={"ETag": f'"{version}"'})
