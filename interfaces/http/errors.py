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
    RecordedByOtherSide,
    RecordNotFound,
    VersionMismatch,
    WorkerInactive,
)
from domain.exceptions import InvalidTransition, InvalidValue
from infrastructure.database_errors import is_database_unavailable
from infrastructure.readmodels.access import ReadModelBehind
from interfaces.http.middleware.idempotency import not_to_be_kept
from interfaces.http.middleware.request_guard import BodyTooLarge, body_too_large
from interfaces.http.problems import (
    database_unavailable,
    field_errors,
    invalid,
    problem,
    request_language,
    unauthenticated,
)
from interfaces.i18n.errors import Language, domain_message, validation_message

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


def language(request: Request) -> Language:
    """The language the request's Accept-Language asks for (English by default)."""
    return request_language(request.headers.get("accept-language"))


def said(request: Request, error: BaseException) -> str:
    """The error's message, in the request's language."""
    return domain_message(str(error), language(request))


def unavailable(error: BaseException, lang: Language = "en") -> JSONResponse:
    """503 for an error that `is_database_unavailable`: nothing of the error's
    text goes out (it may hold SQL, a host or a user name)."""
    log.warning("database_unavailable", error_type=type(error).__name__)
    return database_unavailable(lang)


def install_error_handlers(app: FastAPI) -> None:
    # Driver and library errors: 503 when the database is unavailable for now;
    # anything else (a bug, bad data) goes on to the 500 handler below.
    @app.exception_handler(psycopg.Error)
    @app.exception_handler(sqlite3.Error)
    @app.exception_handler(PersistenceError)
    def _database(request: Request, error: Exception) -> JSONResponse:
        if is_database_unavailable(error):
            return unavailable(error, language(request))
        raise error

    @app.exception_handler(RequestValidationError)
    def _validation(request: Request, error: RequestValidationError) -> JSONResponse:
        # The offending values are left out: they may be ID numbers or phones.
        lang = language(request)
        errors = [
            # Malformed JSON is located by character offset: name the body instead.
            {
                "field": "body" if e["type"] == "json_invalid" else _field(tuple(e["loc"])),
                "message": validation_message(e, lang),
            }
            for e in error.errors()
        ]
        return problem(
            422,
            "Invalid input",
            field_errors(errors, lang),
            slug="invalid-input",
            lang=lang,
            errors=errors,
        )

    @app.exception_handler(InvalidValue)
    def _invalid_value(request: Request, error: InvalidValue) -> JSONResponse:
        return invalid(error.field, error.message, lang=language(request))

    @app.exception_handler(InvalidTransition)
    def _transition(request: Request, error: InvalidTransition) -> JSONResponse:
        return problem(
            409,
            "Not allowed in the current state",
            said(request, error),
            slug="invalid-transition",
            lang=language(request),
            state=error.state,
            command=error.command,
        )

    @app.exception_handler(RecordNotFound)
    def _not_found(request: Request, error: RecordNotFound) -> JSONResponse:
        lang = language(request)
        return problem(404, "Not found", said(request, error), slug="not-found", lang=lang)

    @app.exception_handler(DuplicateRecord)
    def _duplicate(request: Request, error: DuplicateRecord) -> JSONResponse:
        lang = language(request)
        if isinstance(error, DuplicateRegistration):
            return problem(
                409,
                "Already registered",
                said(request, error),
                slug="duplicate-registration",
                lang=lang,
                existing_worker_id=str(error.existing_id),
                headers={"Location": f"/api/v1/workers/{error.existing_id}"},
            )
        return problem(
            409,
            "Already recorded",
            said(request, error),
            slug="duplicate-record",
            lang=lang,
            existing_id=str(error.existing_id),
        )

    @app.exception_handler(WorkerInactive)
    def _inactive(request: Request, error: WorkerInactive) -> JSONResponse:
        return problem(
            409,
            "Worker is deactivated",
            said(request, error),
            slug="worker-inactive",
            lang=language(request),
            state=error.state,
            command=error.command,
        )

    @app.exception_handler(VersionMismatch)
    def _stale(request: Request, error: VersionMismatch) -> JSONResponse:
        return problem(
            412,
            "Precondition failed",
            said(request, error),
            slug="stale-version",
            lang=language(request),
            current_version=error.current,
            headers={"ETag": f'"{error.current}"'},
        )

    @app.exception_handler(ConcurrentUpdate)
    def _race(request: Request, error: ConcurrentUpdate) -> JSONResponse:
        not_to_be_kept(request.state)  # a retry with the same key may well succeed
        return problem(
            409,
            "Concurrent update",
            said(request, error),
            slug="concurrent-update",
            lang=language(request),
        )

    @app.exception_handler(EvaluationRace)
    def _evaluation_race(request: Request, error: EvaluationRace) -> JSONResponse:
        not_to_be_kept(request.state)
        return problem(
            409,
            "Concurrent evaluation",
            said(request, error),
            slug="concurrent-evaluation",
            lang=language(request),
        )

    @app.exception_handler(ReadModelBehind)
    def _behind(request: Request, error: ReadModelBehind) -> JSONResponse:
        return problem(
            503,
            "Read model behind",
            said(request, error),
            slug="read-model-behind",
            lang=language(request),
            reached_position=error.reached,
            headers={"Retry-After": str(error.retry_after)},
        )

    @app.exception_handler(DamagedRecord)
    def _damaged(request: Request, error: DamagedRecord) -> JSONResponse:
        # Ids and the position only (the reason names no data either).
        log.error(
            "damaged_record",
            record_id=str(error.record_id),
            version=error.version,
            position=error.position,
        )
        detail = (
            f"{error}. The record is not shown; an operator finds every damaged event"
            " with `laborbridge audit verify`"
        )
        return problem(
            500,
            "Damaged record",
            domain_message(detail, language(request)),
            slug="damaged-record",
            lang=language(request),
            record_id=str(error.record_id),
            version=error.version,
            position=error.position,
        )

    @app.exception_handler(NotAuthenticated)
    def _unauthenticated(request: Request, __: NotAuthenticated) -> JSONResponse:
        return unauthenticated(language(request))

    @app.exception_handler(Forbidden)
    def _forbidden(request: Request, error: Forbidden) -> JSONResponse:
        lang = language(request)
        return problem(403, "Forbidden", said(request, error), slug="forbidden", lang=lang)

    @app.exception_handler(RecordedByOtherSide)
    def _other_side(request: Request, error: RecordedByOtherSide) -> JSONResponse:
        lang = language(request)
        return problem(
            403, "Forbidden", said(request, error), slug="recorded-by-other-side", lang=lang
        )

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        lang = language(request)
        if isinstance(error, BodyTooLarge):
            return body_too_large(error.limit, lang)
        if error.status_code == 400 and error.detail == BODY_NOT_READ:
            # FastAPI could not read the body: not UTF-8, nested too deep, a number
            # too long to convert... The body is the field, as for malformed JSON.
            return invalid("body", UNREADABLE_BODY, lang=lang)
        title = {404: "Not found", 405: "Method not allowed"}.get(error.status_code, "Error")
        return problem(
            error.status_code,
            title,
            domain_message(str(error.detail), lang),
            slug="http-error",
            lang=lang,
            headers=getattr(error, "headers", None),
        )


def unexpected_error(error: Exception, lang: Language = "en") -> JSONResponse:
    """The answer to an exception no handler took (see middleware/unexpected.py):
    503 if the database is away, else 500. Logged by type only: the message may
    quote a value the caller sent."""
    if is_database_unavailable(error):
        return unavailable(error, lang)
    log.error("request_failed", error_type=type(error).__name__, raised_at=_raised_at(error))
    return problem(
        500,
        "Internal error",
        domain_message("the request failed unexpectedly; quote the X-Request-ID to support", lang),
        slug="internal-error",
        lang=lang,
    )


def _raised_at(error: BaseException) -> str | None:
    """Where the error was raised (module:line), for whoever reads the log."""
    trace = error.__traceback__
    if trace is None:
        return None
    while trace.tb_next is not None:
        trace = trace.tb_next
    return f"{trace.tb_frame.f_globals.get('__name__', '?')}:{trace.tb_lineno}"
