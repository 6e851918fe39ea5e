"""How long each kind of caller waits for the database before it gives up.

An HTTP request must answer within a known bound even when the database is
gone or a table is locked: each of its waits is bounded by
LABORBRIDGE_DATABASE_TIMEOUT_SECONDS and it answers 503 with Retry-After
(infrastructure/database_errors.py). The projector and the subsidy policy
process notice an outage as fast (so they recover as fast) but may run longer
statements. A command typed in a shell (`laborbridge ...`) is patient, as before.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from infrastructure.settings import Settings

# SQLite's busy timeout when no lock bound is given (shell commands).
PATIENT_SQLITE_BUSY_SECONDS = 15.0
# The projector applies a page and the policy process saves a page's subsidies
# in one statement or transaction each: more than a request's, never unbounded.
BACKGROUND_STATEMENT_SECONDS = 60.0
BACKGROUND_LOCK_SECONDS = 15.0


@dataclass(frozen=True)
class DatabaseTimeouts:
    """Seconds one database operation may wait; None: no limit of ours."""

    checkout: float  # a pooled connection, connecting included (PostgreSQL)
    statement: float | None = None  # one statement, its lock waits included (PostgreSQL)
    lock: float | None = None  # a lock (PostgreSQL lock_timeout, SQLite busy timeout)

    @property
    def connect_seconds(self) -> int:
        """libpq's connect_timeout: whole seconds, and it treats less than 2 as 2."""
        return max(2, math.ceil(self.checkout))

    @property
    def sqlite_busy_seconds(self) -> float:
        return self.lock if self.lock is not None else PATIENT_SQLITE_BUSY_SECONDS

    def session_options(self) -> list[str]:
        """PostgreSQL settings for each connection (libpq `options`)."""
        options = []
        if self.statement is not None:
            options.append(f"-c statement_timeout={_milliseconds(self.statement)}")
        if self.lock is not None:
            options.append(f"-c lock_timeout={_milliseconds(self.lock)}")
        return options


def _milliseconds(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def for_requests(settings: Settings) -> DatabaseTimeouts:
    """The API's connections: every wait within the bound."""
    bound = settings.database_timeout_seconds
    return DatabaseTimeouts(checkout=bound, statement=bound, lock=bound)


def for_background(settings: Settings) -> DatabaseTimeouts:
    """The projector's and the policy process's connections: an outage is
    noticed within the bound, a page's work may take longer."""
    bound = settings.database_timeout_seconds
    return DatabaseTimeouts(
        checkout=bound,
        statement=max(bound, BACKGROUND_STATEMENT_SECONDS),
        lock=max(bound, BACKGROUND_LOCK_SECONDS),
    )


def for_commands(settings: Settings) -> DatabaseTimeouts:
    """Shell commands (rebuilds, exports, demo data): patient, no statement limit."""
    return DatabaseTimeouts(checkout=settings.postgres_connect_timeout)
