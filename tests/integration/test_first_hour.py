"""A newcomer's first hour: `make run PORT=…`, the start-up lines, the first
token's hint pasted anywhere, commands run from any directory, and a missing
database named in one line (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql

from tests.conftest import ADMIN_URL
from tests.support.server import running_server

BIN = Path(sys.executable).parent
CHECKOUT = Path(__file__).resolve().parents[2]


def _env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env.update(settings)
    return env


def _laborbridge(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(600):  # a bound, not a timing: a hung start fails instead of hanging
        if process.poll() is not None:
            break
        try:
            if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not start: " + log.read_text())


def test_make_run_serves_on_the_port_given_and_names_the_database_by_its_absolute_path(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    port = _free_port()
    venv = Path(sys.prefix)
    # The environment is installed already: `-o` tells make not to install it again.
    checksum = subprocess.run(
        ["cksum", "pyproject.toml"], cwd=CHECKOUT, capture_output=True, text=True, check=True
    ).stdout.split()[0]
    log_path = tmp_path / "make-run.log"
    with log_path.open("w") as log:
        make = subprocess.Popen(
            ["make", "-o", f"{venv}/.installed-{checksum}", "run", f"PORT={port}", f"VENV={venv}"],
            cwd=CHECKOUT,
            env=_env(LABORBRIDGE_HOME=str(home)),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # make and the server it starts are stopped together
        )
    try:
        _wait_until_healthy(f"http://127.0.0.1:{port}", make, log_path)
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        make.wait(timeout=20)
    started = log_path.read_text()

    assert f"LaborBridge on http://127.0.0.1:{port} (API docs at /docs)" in started
    assert f"database sqlite:///{home}/data/laborbridge.db" in started
    assert (home / "data" / "laborbridge.db").is_file()


def test_the_first_token_hint_works_pasted_in_another_directory(tmp_path: Path) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    elsewhere.mkdir()
    with running_server("sqlite:///data/lb.db", tmp_path / "server.log", home=str(home)) as server:
        started = server.log_path.read_text()
        # On a new database: the first office of the register, then the token naming it.
        told = started.split("No access tokens yet")[1]
        commands = [line.strip() for line in told.splitlines()[1:] if line.startswith("  ")]
        assert len(commands) == 2 and " office create " in commands[0], told
        assert " token create " in commands[1], told
        hint = "\n".join(commands)
        pasted = hint.replace("YOUR_NAME", "li.ming")
        # A second terminal: none of the server's LABORBRIDGE_* variables but the
        # ones the hint names (here: its ENV and SECRET_KEY).
        named = re.findall(r"LABORBRIDGE_[A-Z_]+", told.splitlines()[0])
        env = _env(**{k: server.env[k] for k in named if k in server.env and k not in pasted})
        created = subprocess.run(
            ["sh", "-c", pasted],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        token = created.stdout.strip().splitlines()[-1] if created.stdout.strip() else ""
        answer = httpx.get(
            f"{server.base_url}/api/v1/workers/{uuid.uuid4()}",
            headers={"Authorization": f"Bearer {token}"},
        )

    assert created.returncode == 0, hint + "\n" + created.stderr
    assert answer.status_code == 404  # the server knows the token: not 401
    assert f"database sqlite:///{home}/data/lb.db" in started
    assert not (elsewhere / "data").exists()


def test_commands_run_from_any_directory_share_one_database_under_the_home(
    tmp_path: Path,
) -> None:
    home, first, second = tmp_path / "home", tmp_path / "first", tmp_path / "second"
    for directory in (home / "data", first, second):
        directory.mkdir(parents=True)
    env = _env(LABORBRIDGE_DATABASE_URL="sqlite:///data/lb.db", LABORBRIDGE_HOME=str(home))

    office = _laborbridge(
        *("office", "create", "--code", "500237", "--name", "巫山县就业和人才中心"),
        *("--kind", "sending_county"),
        cwd=second,
        env=env,
    )
    created = _laborbridge(
        "token",
        "create",
        "--user",
        "li.ming",
        "--role",
        "auditor",
        "--office",
        "500237",
        cwd=first,
        env=env,
    )
    listed = _laborbridge("token", "list", cwd=second, env=env)

    assert office.returncode == 0, office.stderr
    assert created.returncode == 0, created.stderr  # the office registered from elsewhere
    assert "li.ming" in listed.stdout
    assert (home / "data" / "lb.db").is_file()
    assert not (first / "data").exists() and not (second / "data").exists()


def test_a_command_never_makes_a_missing_database_directory(tmp_path: Path) -> None:
    missing = tmp_path / "not-made" / "data"
    env = _env(LABORBRIDGE_DATABASE_URL=f"sqlite:///{missing}/lb.db")

    result = _laborbridge("token", "list", cwd=tmp_path, env=env)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"laborbridge: the database directory {missing} does not exist (database"
        f" sqlite:///{missing}/lb.db); check LABORBRIDGE_DATABASE_URL and LABORBRIDGE_HOME,"
        " or start `laborbridge serve` once, which creates it"
    ]
    assert not (tmp_path / "not-made").exists()


def test_a_relative_sqlite_path_with_a_relative_home_is_refused(tmp_path: Path) -> None:
    env = _env(LABORBRIDGE_HOME="somewhere")

    result = _laborbridge("token", "list", cwd=tmp_path, env=env)

    assert result.returncode == 2
    assert result.stderr.startswith("laborbridge: invalid settings: LABORBRIDGE_HOME: ")
    assert "must be an absolute path" in result.stderr


@pytest.mark.parametrize("command", [["serve", "--port", "1"], ["token", "list"]])
def test_a_missing_postgres_database_is_named_with_the_command_that_creates_it(
    postgres_url: str, tmp_path: Path, command: list[str]
) -> None:
    name = f"laborbridge_missing_{uuid.uuid4().hex[:8]}"
    url = f"{postgres_url.rsplit('/', 1)[0]}/{name}"
    env = _env(LABORBRIDGE_DATABASE_URL=url)

    missing = _laborbridge(*command, cwd=tmp_path, env=env)
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        listed = _laborbridge("token", "list", cwd=tmp_path, env=env)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))

    host, port = url.split("@")[1].split("/")[0].split(":")
    user = url.split("://")[1].split("@")[0].split(":")[0]
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        f'laborbridge: the database "{name}" does not exist on {host}:{port}; create it'
        f" (once) with: {shlex.join(['createdb', '-h', host, '-p', port, '-U', user, name])}"
    ]
    assert listed.returncode == 0, listed.stderr
