"""Processes starting at once on a brand-new PostgreSQL database all succeed:
the schema (event store, tokens, read models, facts) is created under locks."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.conftest import ADMIN_URL

BIN = Path(sys.executable).parent
ROUNDS = 3


@pytest.fixture
def new_database(postgres_url: str) -> Iterator[Callable[[], str]]:
    """Makes brand-new databases (each dropped at the end): `new_database()` -> URL."""
    made: list[str] = []

    def make() -> str:
        name = f"laborbridge_first_{os.getpid()}_{secrets.token_hex(3)}"
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        made.append(name)
        return f"{postgres_url.rsplit('/', 1)[0]}/{name}"

    yield make
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        for name in made:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _start_at_once(database_url: str, commands: list[list[str]]) -> list[tuple[int, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env["LABORBRIDGE_DATABASE_URL"] = database_url
    processes = [
        subprocess.Popen(
            [str(BIN / "laborbridge"), *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    return [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]


def _office_create() -> list[str]:
    """The first command on a new database: a token names an office of the register."""
    return [
        *("office", "create", "--code", "500237", "--name", "巫山县就业和人才中心"),
        *("--kind", "sending_county"),
    ]


def test_four_first_commands_on_a_new_database_at_once_all_succeed(
    new_database: Callable[[], str],
) -> None:
    for _ in range(ROUNDS):
        results = _start_at_once(new_database(), [_office_create() for _ in range(4)])

        assert [code for code, _ in results] == [0, 0, 0, 0], [err for _, err in results]


def test_the_read_side_and_the_write_side_starting_at_once_all_succeed(
    new_database: Callable[[], str],
) -> None:
    # `projections status` creates what the projector and the policy process need
    # (read models, facts, the library's tracking), `office create` the rest.
    commands = [["projections", "status"], _office_create(), ["projections", "status"]]
    for _ in range(ROUNDS):
        results = _start_at_once(new_database(), [*commands, _office_create()])

        assert [code for code, _ in results] == [0, 0, 0, 0], [err for _, err in results]
