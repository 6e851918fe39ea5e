"""One place that maps every error class to its HTTP status and problem body."""

from __future__ import annotations

import sqlite3

import psycopg
import structlog
from eventsourcing.persistence import PersistenceError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from application.exceptions import (
    ConcurrentUpdate,
    DamagedRecord,
    DuplicateRecord,
    DuplicateRegistration,
    EvaluationRace,
    RecordNotFound,
    VersionMismatch,
    WorkerInactive,
)
from domain.exceptions import InvalidTransition, InvalidValue
from infrastructure.database_errors import is_database_unavailable
from infrastructure.readmodels.access import ReadModelBehind
from interfaces.http.middleware.idempotency import not_to_be_kept
from interfaces.http.middleware.request_guard import BodyTooLarge, body_too_large
from interfaces.http.problems import database_unavailable, invalid, problem, unauthenticated

log = structlog.get_logger()

BODY_NOT_READ = "There was an error parsing the body"  # FastAPI's words
UNREADABLE_BODY = (
    "must be JSON text in UTF-8, not nested thousands deep, without numbers thousands of"
    " digits long"
)


class NotAuthenticated(Exception):
    pass


class Forbidden(Exception):
    def __init__(self, role: str, action: str) -> None:
        super().__init__(f"the {role} role may not {action}")


def _field(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


def unavailable(error: BaseException) -> JSONResponse:
    """503 for an error that `is_database_unavailable`: nothing of the error's
    text goes out (it may hold SQL, a host or a user name)."""
    log.warning("database_unavailable", error_type=type(error).__name__)
    return database_unavailable()


def install_error_handlers(app: FastAPI) -> None:
    # Driver and library errors: 503 when the database is unavailable for now;
    # anything else (a bug, bad data) goes on to the 500 handler below.
    @app.exception_handler(psycopg.Error)
    @app.exception_handler(sqlite3.Error)
    @app.exception_handler(PersistenceError)
    def _database(_: Request, error: Exception) -> JSONResponse:
        if is_database_unavailable(error):
            return unavailable(error)
        raise error

    @app.exception_handler(RequestValidationError)
    def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        # The offending values are left out: they may be ID numbers or phones.
        errors = [
            # Malformed JSON is located by character offset: name the body instead.
            {
                "field": "body" if e["type"] == "json_invalid" else _field(tuple(e["loc"])),
                "message": e["msg"],
            }
            for e in error.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem(422, "Invalid input", detail, slug="invalid-input", errors=errors)

    @app.exception_handler(InvalidValue)
    def _invalid_value(_: Request, error: InvalidValue) -> JSONResponse:
        return invalid(error.field, error.message)

    @app.exception_handler(InvalidTransition)
    def _transition(_: Request, error: InvalidTransition) -> JSONResponse:
        return problem(
            409,
            "Not allowed in the current state",
            str(error),
            slug="invalid-transition",
            state=error.state,
            command=error.command,
        )

    @app.exception_handler(RecordNotFound)
    def _not_found(_: Request, error: RecordNotFound) -> JSONResponse:
        return problem(404, "Not found", str(error), slug="not-found")

    @app.exception_handler(DuplicateRecord)
    def _duplicate(_: Request, error: DuplicateRecord) -> JSONResponse:
        if isinstance(error, DuplicateRegistration):
            return problem(
                409,
                "Already registered",
                str(error),
                slug="duplicate-registration",
                existing_worker_id=str(error.existing_id),
                headers={"Location": f"/api/v1/workers/{error.existing_id}"},
            )
        return problem(
            409,
            "Already recorded",
            str(error),
            slug="duplicate-record",
            existing_id=str(error.existing_id),
        )

    @app.exception_handler(WorkerInactive)
    def _inactive(_: Request, error: WorkerInactive) -> JSONResponse:
        return problem(
            409,
            "Worker is deactivated",
            str(error),
            slug="worker-inactive",
            state=error.state,
            command=error.command,
        )

    @app.exception_handler(VersionMismatch)
    def _stale(_: Request, error: VersionMismatch) -> JSONResponse:
        return problem(
            412,
            "Precondition failed",
            str(error),
            slug="stale-version",
            current_version=error.current,
            headers={"ETag": f'"{error.current}"'},
        )

    @app.exception_handler(ConcurrentUpdate)
    def _race(request: Request, error: ConcurrentUpdate) -> JSONResponse:
        not_to_be_kept(request.state)  # a retry with the same key may well succeed
        return problem(409, "Concurrent update", str(error), slug="concurrent-update")

    @app.exception_handler(EvaluationRace)
    def _evaluation_race(request: Request, error: EvaluationRace) -> JSONResponse:
        not_to_be_kept(request.state)
        return problem(409, "Concurrent evaluation", str(error), slug="concurrent-evaluation")

    @app.exception_handler(ReadModelBehind)
    def _behind(_: Request, error: ReadModelBehind) -> JSONResponse:
        return problem(
            503,
            "Read model behind",
            str(error),
            slug="read-model-behind",
            reached_position=error.reached,
            headers={"Retry-After": str(error.retry_after)},
        )

    @app.exception_handler(DamagedRecord)
    def _damaged(_: Request, error: DamagedRecord) -> JSONResponse:
        # Ids and the position only (the reason names no data either).
        log.error(
            "damaged_record",
            record_id=str(error.record_id),
            version=error.version,
            position=error.position,
        )
        return problem(
            500,
            "Damaged record",
            f"{error}. The record is not shown; an operator finds every damaged event"
            " with `laborbridge audit verify`",
            slug="damaged-record",
            record_id=str(error.record_id),
            version=error.version,
            position=error.position,
        )

    @app.exception_handler(NotAuthenticated)
    def _unauthenticated(_: Request, __: NotAuthenticated) -> JSONResponse:
        return unauthenticated()

    @app.exception_handler(Forbidden)
    def _forbidden(_: Request, error: Forbidden) -> JSONResponse:
        return problem(403, "Forbidden", str(error), slug="forbidden")

    @app.exception_handler(StarletteHTTPException)
    def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        if isinstance(error, BodyTooLarge):
            return body_too_large(error.limit)
        if error.status_code == 400 and error.detail == BODY_NOT_READ:
            # FastAPI could not read the body: not UTF-8, nested too deep, a number
            # too long to convert... The body is the field, as for malformed JSON.
            return invalid("body", UNREADABLE_BODY)
        title = {404: "Not found", 405: "Method not allowed"}.get(error.status_code, "Error")
        return problem(
            error.status_code,
            title,
            str(error.detail),
            slug="http-error",
            headers=getattr(error, "headers", None),
        )


def unexpected_error(error: Exception) -> JSONResponse:
    """The answer to an exception no handler took (see middleware/unexpected.py):
    503 if the database is away, else 500. Logged by type only: the message may
    quote a value the caller sent."""
    if is_database_unavailable(error):
        return unavailable(error)
    log.error("request_failed", error_type=type(error).__name__, raised_at=_raised_at(error))
    return problem(
        500,
        "Internal error",
        "the request failed unexpectedly; quote the X-Request-ID to support",
        slug="internal-error",
    )


def _raised_at(error: BaseException) -> str | None:
    """Where the error was raised (module:line), for whoever reads the log."""
    trace = error.__traceback__
    if trace is None:
        return None
    while trace.tb_next is not None:
        trace = trace.tb_next
    return f"{trace.tb_frame.f_globals.get('__name__', '?')}:{trace.tb_lineno}"
