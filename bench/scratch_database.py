"""A PostgreSQL database of a benchmark's own, dropped at the end even on SIGTERM."""

from __future__ import annotations

from typing import NoReturn
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def url_for_database(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def exit_on_sigterm(signum: int, frame: object) -> NoReturn:
    # Turn SIGTERM into SystemExit so the `finally` that drops the database runs.
    raise SystemExit(128 + signum)
