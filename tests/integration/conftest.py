"""Fixtures of the staff-account tests: a database on each persistence and a clock they set."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infrastructure.schema import create_tables
from infrastructure.settings import DatabaseURL
from infrastructure.sql import SqlDatabase, open_database
from tests.conftest import database_url_for

START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


class Clock:
    """Now, as a test sets it (starting at START)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["sqlite", "postgres"])
def staff_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlDatabase]:
    database = open_database(DatabaseURL(database_url_for(request.param, request, tmp_path)))
    create_tables(database)
    yield database
    database.close()
