"""The HTTP mapping of database errors: unavailable for now is 503 with
Retry-After and tells nothing of the error; any other database error is a 500."""

from __future__ import annotations

import sqlite3

import psycopg.errors as pg
import psycopg_pool
import pytest
from eventsourcing import persistence as es
from fastapi import FastAPI
from fastapi.testclient import TestClient

from infrastructure.database_errors import RETRY_AFTER_SECONDS
from interfaces.http.errors import install_error_handlers, unexpected_error
from interfaces.http.middleware.unexpected import UnexpectedErrorMiddleware

SECRET_LOOKING = 'connection to server at "10.1.2.3", port 6543 failed; SELECT * FROM secrets'


def _raising(error: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(UnexpectedErrorMiddleware, answer=unexpected_error)

    @app.get("/")
    def fail() -> None:
        raise error

    return TestClient(app, raise_server_exceptions=False)


def _wrapped(cause: Exception) -> es.OperationalError:
    try:
        raise es.OperationalError(str(cause)) from cause
    except es.OperationalError as error:
        return error


@pytest.mark.parametrize(
    "error",
    [
        psycopg_pool.PoolTimeout(SECRET_LOOKING),
        pg.LockNotAvailable(SECRET_LOOKING),
        pg.QueryCanceled(SECRET_LOOKING),
        _wrapped(pg.AdminShutdown(SECRET_LOOKING)),
        sqlite3.OperationalError("database is locked"),
        _wrapped(sqlite3.OperationalError("database is locked")),
    ],
    ids=lambda e: type(e).__name__,
)
def test_an_unavailable_database_answers_503_with_retry_after_and_no_detail_of_the_error(
    error: Exception,
) -> None:
    response = _raising(error).get("/")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == str(RETRY_AFTER_SECONDS)
    assert response.json()["type"] == "/problems/database-unavailable"
    for leak in ("10.1.2.3", "6543", "SELECT", "secrets", "locked"):
        assert leak not in response.text


@pytest.mark.parametrize(
    "error",
    [pg.UniqueViolation("duplicate"), pg.UndefinedTable("no such"), es.DataError("bad")],
    ids=lambda e: type(e).__name__,
)
def test_other_database_errors_stay_internal_errors(error: Exception) -> None:
    response = _raising(error).get("/")
    assert response.status_code == 500
    assert response.json()["type"] == "/problems/internal-error"
