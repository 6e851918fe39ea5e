"""Wiring the event store to SQLite or PostgreSQL from the settings."""

from __future__ import annotations

import sqlite3

import psycopg

from application.journey import Journey
from infrastructure.settings import DatabaseURL, Settings


class DatabaseUnavailable(Exception):
    """The configured database cannot be reached or opened."""


def event_store_env(settings: Settings) -> dict[str, str]:
    """The `eventsourcing` environment for the configured database.

    Passed to the constructor, so it wins over anything in os.environ.
    """
    url = settings.database
    if not url.is_postgres:
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(url.sqlite_path),
            "SQLITE_LOCK_TIMEOUT": "15",
        }
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.dbname,
        "POSTGRES_HOST": url.host,
        "POSTGRES_PORT": str(url.port),
        "POSTGRES_USER": url.user,
        "POSTGRES_PASSWORD": url.password,
        "POSTGRES_POOL_SIZE": str(settings.postgres_pool_size),
        "POSTGRES_MAX_OVERFLOW": str(settings.postgres_max_overflow),
        # Also the pool checkout timeout; the library retries ten times, so a
        # small value keeps an exhausted pool from hanging a request for minutes.
        "POSTGRES_CONNECT_TIMEOUT": str(settings.postgres_connect_timeout),
        "POSTGRES_PRE_PING": "y",
    }
    if url.schema:
        env["POSTGRES_SCHEMA"] = url.schema
    return env


def check_database(url: DatabaseURL, timeout: int = 5) -> None:
    """Fail fast with one clear sentence if the database cannot be used."""
    if url.is_postgres:
        try:
            with psycopg.connect(
                host=url.host,
                port=url.port,
                dbname=url.dbname,
                user=url.user,
                password=url.password,
                connect_timeout=timeout,
            ) as connection:
                connection.execute("SELECT 1")
        except psycopg.Error as error:
            reason = (
                str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
            )
            raise DatabaseUnavailable(f"cannot reach the database {url}: {reason}") from None
        return
    try:
        url.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        sqlite3.connect(url.sqlite_path).execute("SELECT 1").fetchone()
    except (OSError, sqlite3.Error) as error:
        raise DatabaseUnavailable(f"cannot open the database {url}: {error}") from None


def build_journey(settings: Settings) -> Journey:
    return Journey(env=event_store_env(settings), identity_key=settings.identity_key)
