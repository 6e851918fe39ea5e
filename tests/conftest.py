"""Fixtures: each test run gets its own PostgreSQL database; tests on the
Application run on every persistence through one parametrised fixture."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from application.journey import Journey
from infrastructure.persistence import event_store_env
from infrastructure.settings import Settings

ADMIN_URL = os.environ.get(
    "LABORBRIDGE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"
TEST_SECRET = "test-secret-key-0123456789abcdef"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database for this run (and this xdist worker), dropped at the end."""
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    name = f"laborbridge_test_{os.getpid()}_{secrets.token_hex(3)}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def clean_postgres(postgres_url: str) -> str:
    """The run's database with every table emptied, so tests never see each other."""
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        # The library's tracking table keeps a migration marker row: without it,
        # the next application takes the table for a legacy one and renames it.
        library_tracking = {
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.columns"
                " WHERE table_schema = 'public' AND column_name = 'application_name'"
            )
        }
        for table in [t for t in tables if t in library_tracking]:
            tables.remove(table)
            connection.execute(
                sql.SQL("DELETE FROM {} WHERE application_name <> '__migration__'").format(
                    sql.Identifier(table)
                )
            )
        if tables:
            connection.execute(
                sql.SQL("TRUNCATE {} RESTART IDENTITY").format(
                    sql.SQL(", ").join(sql.Identifier(t) for t in tables)
                )
            )
    return postgres_url


def database_url_for(persistence: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if persistence == "postgres":
        return str(request.getfixturevalue("clean_postgres"))
    return f"sqlite:///{tmp_path / 'laborbridge.db'}"


def settings_for(database_url: str, **overrides: object) -> Settings:
    """Test settings; the in-process projector is off unless a test turns it on
    (tests of the read side catch up explicitly, or ask for it)."""
    values: dict[str, object] = {"run_projector": False, **overrides}
    return Settings(database_url=database_url, secret_key=TEST_SECRET, env="test", **values)


@pytest.fixture(params=["popo", "sqlite", "postgres"])
def journey(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Journey]:
    """The Application on each persistence in turn."""
    if request.param == "popo":
        env = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    else:
        env = event_store_env(settings_for(database_url_for(request.param, request, tmp_path)))
    app = Journey(env=env, identity_key=TEST_SECRET.encode())
    yield app
    app.close()
