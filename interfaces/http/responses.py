"""Command responses (the record's state plus its version and log position) and
the problem+json answers every operation documents."""

from __future__ import annotations

from uuid import UUID

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from application.views import Recorded
from interfaces.json_views import as_json


class FieldError(BaseModel):
    field: str = Field(description="The field, parameter or header, e.g. `mobile`, `If-Match`")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, as `problems.problem` writes them. Some problems
    add members of their own (listed below, each optional)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="`/problems/<slug>`", examples=["/problems/invalid-input"])
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = Field(
        default=None, description="Invalid input and too large bodies: each field at fault."
    )
    state: str | None = Field(default=None, description="invalid-transition, worker-inactive")
    command: str | None = Field(default=None, description="invalid-transition, worker-inactive")
    existing_worker_id: UUID | None = Field(default=None, description="duplicate-registration")
    existing_id: UUID | None = Field(default=None, description="duplicate-record")
    current_version: int | None = Field(default=None, description="stale-version")
    reached_position: int | None = Field(default=None, description="read-model-behind")
    max_body_bytes: int | None = Field(default=None, description="body-too-large")
    record_id: UUID | None = Field(default=None, description="damaged-record")
    version: int | None = Field(default=None, description="damaged-record")
    position: int | None = Field(default=None, description="damaged-record")


# What each status means wherever it is answered; a route may say more with
# `responses={status: {"description": ...}}` (see openapi.py, which adds these).
PROBLEM_STATUSES: dict[int, str] = {
    400: "The Content-Length header is not a number of bytes",
    401: "No, unknown, expired or revoked bearer token (WWW-Authenticate: Bearer)",
    403: "Your role may not do this",
    404: "No such record (or the path names none)",
    409: "Not allowed in the current state, already recorded, a lost race, or a request"
    " with this Idempotency-Key still running",
    412: "If-Match names a version that is no longer current (ETag: the current one)",
    413: "The body is larger than LABORBRIDGE_MAX_BODY_BYTES (1 MiB by default)",
    422: "Invalid input, naming the field; or an Idempotency-Key reused for another request",
    500: "A stored event of the record is damaged, or an unexpected error (X-Request-ID)",
    503: "The database is unavailable or did not answer in time, or the read models are"
    " behind (Retry-After)",
}


def recorded_response(
    body: object, recorded: Recorded, *, location: str | None = None
) -> JSONResponse:
    headers = {"ETag": f'"{recorded.version}"', "X-Position": str(recorded.position)}
    if location:
        headers["Location"] = location
    return JSONResponse(as_json(body), status_code=201 if location else 200, headers=headers)


def current_response(body: object, version: int) -> JSONResponse:
    return JSONResponse(as_json(body), headers={"ETag": f'"{version}"'})
