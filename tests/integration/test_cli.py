"""The `laborbridge` command: tokens, settings and clear one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from domain.actor import Role
from infrastructure.settings import DatabaseURL
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from tests.conftest import TEST_SECRET
from tests.support.office_register import offices_registered

BIN = Path(sys.executable).parent


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    clean.update(env)
    return subprocess.run(
        [str(BIN / "laborbridge"), *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        url = str(request.getfixturevalue("clean_postgres"))
    else:
        url = f"sqlite:///{tmp_path / 'lb.db'}"
    offices_registered(url)  # a token names an office of the register
    return url


def test_tokens_are_created_listed_and_revoked(database_url: str) -> None:
    env = {"LABORBRIDGE_DATABASE_URL": database_url, "LABORBRIDGE_SECRET_KEY": TEST_SECRET}
    created = _run(
        "token", "create", "--user", "wang.fang", "--role", "mediator", "--office", "370600", **env
    )
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip().splitlines()[-1]
    token_id = created.stdout.split("token ")[1].split()[0]

    listed = _run("token", "list", **env)
    assert "wang.fang" in listed.stdout and "mediator" in listed.stdout
    assert token_id in listed.stdout
    assert secret not in listed.stdout

    assert _run("token", "revoke", token_id, **env).returncode == 0
    again = _run("token", "revoke", token_id, **env)
    assert again.returncode == 2
    assert "no active token" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "boss", "--office", "500237"], "invalid choice"),
        (["--role", "caseworker", "--office", "123"], "--office"),
    ],
)
def test_token_create_refuses_bad_arguments(
    database_url: str, args: list[str], message: str
) -> None:
    result = _run("token", "create", "--user", "a", *args, LABORBRIDGE_DATABASE_URL=database_url)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LABORBRIDGE_DATABASE_URL": "mysql://x/y"}, "LABORBRIDGE_DATABASE_URL"),
        (
            {"LABORBRIDGE_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/nope"},
            "cannot reach the database",
        ),
        ({"LABORBRIDGE_ENV": "production"}, "LABORBRIDGE_SECRET_KEY"),
        (
            {"LABORBRIDGE_ENV": "production", "LABORBRIDGE_SECRET_KEY": "short"},
            "LABORBRIDGE_SECRET_KEY",
        ),
    ],
)
def test_bad_settings_give_one_clear_line_and_no_traceback(
    env: dict[str, str], message: str, tmp_path: Path
) -> None:
    env.setdefault("LABORBRIDGE_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    result = _run("serve", "--port", "1", **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_password_in_the_database_url_is_never_printed() -> None:
    result = _run(
        "token", "list", LABORBRIDGE_DATABASE_URL="postgresql://bob:s3cret-pw@127.0.0.1:1/db"
    )
    assert result.returncode == 2
    assert "s3cret-pw" not in result.stderr


def _created_until(stdout: str) -> datetime:
    """The expiry `token create` prints: `..., until 2026-03-01 09:00 UTC.`"""
    until = stdout.split(", until ")[1].split(" UTC")[0]
    return datetime.strptime(until, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def test_a_token_lives_as_long_as_asked_and_the_list_shows_its_expiry(database_url: str) -> None:
    env = {"LABORBRIDGE_DATABASE_URL": database_url, "LABORBRIDGE_SECRET_KEY": TEST_SECRET}
    args = ("token", "create", "--role", "auditor", "--office", "500237")
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    short = _run(*args, "--user", "short.lived", "--expires-in", "12h", **env)
    default = _run(*args, "--user", "usual", **env)
    after = datetime.now(UTC)
    db = open_database(DatabaseURL(database_url))
    TokenStore(db).issue(
        user="long.gone", role=Role.AUDITOR, office="500237", expires_at=after - timedelta(days=1)
    )
    db.close()

    listed = _run("token", "list", **env)

    assert short.returncode == default.returncode == 0, short.stderr + default.stderr
    assert "valid for 12 hours, until" in short.stdout
    assert (
        before + timedelta(hours=12) <= _created_until(short.stdout) <= after + timedelta(hours=12)
    )
    assert "valid for 90 days, until" in default.stdout
    assert (
        before + timedelta(days=90) <= _created_until(default.stdout) <= after + timedelta(days=90)
    )
    rows = {line.split()[1]: line for line in listed.stdout.splitlines()[1:]}
    assert f"{_created_until(short.stdout):%Y-%m-%d %H:%M}" in rows["short.lived"]
    assert rows["short.lived"].endswith(" active")
    assert rows["usual"].endswith(" active")
    assert f"{after - timedelta(days=1):%Y-%m-%d}" in rows["long.gone"]
    assert rows["long.gone"].endswith(" expired")
    assert "EXPIRES" in listed.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("lifetime", "message"),
    [
        ("0d", "more than 0 and at most 730d"),
        ("731d", "more than 0 and at most 730d"),
        ("-5d", "a number of days or hours, like 90d or 12h"),
        ("abc", "a number of days or hours, like 90d or 12h"),
    ],
)
def test_token_create_refuses_a_lifetime_it_cannot_use(
    database_url: str, lifetime: str, message: str
) -> None:
    result = _run(
        "token",
        "create",
        *("--user", "li.ming", "--role", "caseworker", "--office", "500237"),
        f"--expires-in={lifetime}",
        LABORBRIDGE_DATABASE_URL=database_url,
    )

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"laborbridge: --expires-in must be {message}")
    assert result.stdout == ""


def test_token_create_refuses_a_user_name_with_invisible_characters(database_url: str) -> None:
    result = _run(
        "token",
        "create",
        *("--user", "li\u200bming", "--role", "caseworker", "--office", "500237"),
        LABORBRIDGE_DATABASE_URL=database_url,
    )

    assert result.returncode == 2
    assert result.stderr == (
        "laborbridge: --user must not contain invisible or direction-changing characters\n"
    )


def test_demo_logs_on_stderr_like_every_command_and_prints_only_its_result(
    tmp_path: Path,
) -> None:
    result = _run(
        "demo",
        "--workers",
        "3",
        LABORBRIDGE_DATABASE_URL=f"sqlite:///{tmp_path / 'lb.db'}",
        LABORBRIDGE_LOG_FORMAT="json",
    )

    assert result.returncode == 0, result.stderr
    first, *counts = result.stdout.splitlines()
    assert first.startswith("Loaded a programme year (seed 2025): 3 workers")
    assert counts and all(line.startswith("  ") for line in counts), result.stdout
    logged = [json.loads(line) for line in result.stderr.splitlines()]
    assert "subsidies_evaluated" in {line["event"] for line in logged}
