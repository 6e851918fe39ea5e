"""Which failures mean "the database is not available right now" (answered 503
with Retry-After), as opposed to bugs and bad data."""

from __future__ import annotations

import sqlite3

import psycopg
from eventsourcing import persistence

RETRY_AFTER_SECONDS = 2


def is_database_unavailable(error: BaseException) -> bool:
    if isinstance(error, psycopg.OperationalError | persistence.OperationalError):
        return True
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
