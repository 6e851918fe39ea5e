"""Before a command opens its database: is it there? One clear line if not."""

from __future__ import annotations

import shlex

import psycopg

from infrastructure.persistence import DatabaseUnavailable, check_database
from infrastructure.settings import DatabaseURL
from interfaces.cli_errors import CommandError


def check_database_is_there(url: DatabaseURL, timeout: int, *, may_make_directory: bool) -> None:
    """`may_make_directory`: only `serve` makes a missing SQLite data directory;
    any other command pointed at a directory that is not there is almost always
    pointed at the wrong place, and a new empty database would hide it."""
    if not url.is_postgres and not may_make_directory and not url.sqlite_path.parent.is_dir():
        raise CommandError(
            f"the database directory {url.sqlite_path.parent} does not exist (database {url});"
            " check LABORBRIDGE_DATABASE_URL and LABORBRIDGE_HOME, or start `laborbridge serve`"
            " once, which creates it"
        )
    try:
        check_database(url, timeout)
    except DatabaseUnavailable:
        if url.is_postgres and _postgres_database_missing(url, timeout):
            raise CommandError(
                f'the database "{url.dbname}" does not exist on {url.host}:{url.port};'
                f" create it (once) with: {createdb_command(url)}"
            ) from None
        raise


def createdb_command(url: DatabaseURL) -> str:
    """PostgreSQL's own client command that creates the database `url` names."""
    return shlex.join(["createdb", "-h", url.host, "-p", str(url.port), "-U", url.user, url.dbname])


def _postgres_database_missing(url: DatabaseURL, timeout: int) -> bool:
    """Asked of the server's maintenance database (libpq's messages are
    translated, and carry no SQLSTATE for a failed connection)."""
    try:
        with psycopg.connect(
            host=url.host,
            port=url.port,
            dbname="postgres",
            user=url.user,
            password=url.password,
            connect_timeout=timeout,
        ) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (url.dbname,)
            ).fetchone()
    except psycopg.Error:
        return False  # the server itself is away, or refuses us: the first error says so
    return found is None
