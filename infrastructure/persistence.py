"""Wiring the event store to SQLite or PostgreSQL from the settings."""

from __future__ import annotations

import math
import sqlite3
from contextlib import closing

import psycopg

from application.journey import Journey
from infrastructure import event_store_postgres
from infrastructure.database_timeouts import DatabaseTimeouts, for_commands
from infrastructure.event_binding import bind_journey
from infrastructure.key_check import verify_key_ring
from infrastructure.settings import DatabaseURL, Settings
from infrastructure.sql import open_database
from infrastructure.sqlite_files import prepare_database_file

# The cipher that encrypts every stored event's state with the key ring, and the
# mapper that binds each payload to its record, version and topic (AES-GCM
# associated data), so a payload copied over another event's does not decrypt.
CIPHER_TOPIC = "infrastructure.encryption:KeyRingCipher"
MAPPER_TOPIC = "infrastructure.bound_mapper:BoundMapper"
# The library's PostgreSQL recorders, each call tried once, every wait bounded.
POSTGRES_FACTORY_TOPIC = "infrastructure.event_store_postgres:Factory"


class DatabaseUnavailable(Exception):
    """The configured database cannot be reached or opened."""


def event_store_env(settings: Settings, timeouts: DatabaseTimeouts | None = None) -> dict[str, str]:
    """The `eventsourcing` environment for the configured database, whose
    waits are bounded by `timeouts` (default: a patient shell command's).

    Passed to the constructor, so it wins over anything in os.environ. Every
    event's state is encrypted with the settings' key ring, bound to its place.
    A SQLite file is created here (mode 0600) if absent: the library would create
    it with the process's umask, and its -wal and -shm files would inherit that mode.
    """
    url = settings.database
    timeouts = timeouts or for_commands(settings)
    cipher = {
        "CIPHER_TOPIC": CIPHER_TOPIC,
        "CIPHER_KEY": settings.key_ring_text,
        "MAPPER_TOPIC": MAPPER_TOPIC,
    }
    if not url.is_postgres:
        prepare_database_file(url.sqlite_path)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(url.sqlite_path),
            # The library reads whole seconds.
            "SQLITE_LOCK_TIMEOUT": str(max(1, math.ceil(timeouts.sqlite_busy_seconds))),
            **cipher,
        }
    env = {
        **cipher,
        "PERSISTENCE_MODULE": POSTGRES_FACTORY_TOPIC,
        "POSTGRES_DBNAME": url.dbname,
        "POSTGRES_HOST": url.host,
        "POSTGRES_PORT": str(url.port),
        "POSTGRES_USER": url.user,
        "POSTGRES_PASSWORD": url.password,
        "POSTGRES_POOL_SIZE": str(settings.postgres_pool_size),
        "POSTGRES_MAX_OVERFLOW": str(settings.postgres_max_overflow),
        "POSTGRES_CONNECT_TIMEOUT": str(timeouts.connect_seconds),
        event_store_postgres.CHECKOUT_SECONDS: str(timeouts.checkout),
        event_store_postgres.STATEMENT_SECONDS: _seconds(timeouts.statement),
        event_store_postgres.LOCK_SECONDS: _seconds(timeouts.lock),
        "POSTGRES_PRE_PING": "y",
    }
    if url.schema:
        env["POSTGRES_SCHEMA"] = url.schema
    return env


def _seconds(limit: float | None) -> str:
    return "" if limit is None else str(limit)


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
        prepare_database_file(url.sqlite_path)
        with closing(sqlite3.connect(url.sqlite_path)) as connection:
            connection.execute("SELECT 1").fetchone()
    except (OSError, sqlite3.Error) as error:
        raise DatabaseUnavailable(f"cannot open the database {url}: {error}") from None


def build_journey(settings: Settings, timeouts: DatabaseTimeouts | None = None) -> Journey:
    """The Application, once the key ring is known to fit the stored events
    (EncryptionRefused otherwise: a wrong key never reads garbage), its mapper
    told which stored events may be in the old, unbound form."""
    journey = Journey(
        env=event_store_env(settings, timeouts),
        identity_key=settings.identity_key,
        policies=settings.policies,
    )
    try:
        verify_encryption(journey, settings)
    except BaseException:
        journey.close()
        raise
    return journey


def check_encryption(settings: Settings) -> None:
    """At start of a process: refuse a key ring that does not fit this database."""
    small = settings.model_copy(update={"postgres_pool_size": 1, "postgres_max_overflow": 0})
    build_journey(small).close()


def verify_encryption(journey: Journey, settings: Settings) -> None:
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        verify_key_ring(settings.key_ring, db, journey.recorder, events_table(journey))
        bind_journey(journey, db)
    finally:
        db.close()


def events_table(journey: Journey) -> str:
    """The library's table of stored events (named after the Application)."""
    return str(getattr(journey.recorder, "events_table_name", "stored_events"))
