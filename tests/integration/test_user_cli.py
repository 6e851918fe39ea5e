"""`laborbridge user …`: accounts made, listed, disabled, enabled and reset from a
terminal, the password read from stdin (never an argument), errors on one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infrastructure.settings import DatabaseURL
from infrastructure.sql import open_database
from infrastructure.staff_accounts import SignInRefused, StaffAccounts
from tests.conftest import TEST_SECRET, database_url_for
from tests.support.office_register import offices_registered

BIN = Path(sys.executable).parent
PASSWORD = "yantai-wushan-2026"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = database_url_for(request.param, request, tmp_path)
    offices_registered(url)  # an account names an office of the register
    return url


def _run(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env |= {"LABORBRIDGE_DATABASE_URL": database_url, "LABORBRIDGE_SECRET_KEY": TEST_SECRET}
    return subprocess.run(
        [str(BIN / "laborbridge"), "user", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _create(
    database_url: str, user: str = "li.ming", password: str = PASSWORD
) -> subprocess.CompletedProcess[str]:
    return _run(
        database_url,
        "create", "--user", user, "--role", "caseworker", "--office", "500237",
        "--display-name", "李明",
        stdin=password + "\n",
    )  # fmt: skip


def _sign_in(database_url: str, password: str) -> str:
    db = open_database(DatabaseURL(database_url))
    try:
        return StaffAccounts(db, sleep=lambda _: None).sign_in("li.ming", password, source="t").user
    finally:
        db.close()


def test_an_account_is_made_from_stdin_and_can_sign_in(database_url: str) -> None:
    made = _create(database_url)
    assert made.returncode == 0, made.stderr
    assert "li.ming" in made.stdout and PASSWORD not in made.stdout + made.stderr
    assert _sign_in(database_url, PASSWORD) == "li.ming"

    listed = _run(database_url, "list")
    assert listed.returncode == 0
    line = next(row for row in listed.stdout.splitlines() if row.startswith("li.ming"))
    assert "李明" in line and "caseworker" in line and "500237" in line and "active" in line


def test_the_password_cannot_be_an_argument(database_url: str) -> None:
    refused = _run(
        database_url,
        "create", "--user", "li.ming", "--role", "caseworker", "--office", "500237",
        "--display-name", "李明", "--password", PASSWORD,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "unrecognized arguments" in refused.stderr


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--user", "李明", "--role", "caseworker", "--office", "500237"], PASSWORD, "--user"),
        (["--user", "li.ming", "--role", "caseworker", "--office", "5002"], PASSWORD, "--office"),
        (["--user", "li.ming", "--role", "caseworker", "--office", "500237"], "short", "password"),
        (["--user", "li.ming", "--role", "caseworker", "--office", "500237"], "", "stdin"),
    ],
)
def test_bad_input_is_one_clear_line_and_makes_nothing(
    database_url: str, args: list[str], stdin: str, message: str
) -> None:
    refused = _run(
        database_url, "create", *args, "--display-name", "李明", stdin=stdin and stdin + "\n"
    )
    assert refused.returncode == 2, refused.stdout
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert PASSWORD not in refused.stderr
    assert "li.ming" not in _run(database_url, "list").stdout


def test_a_name_is_taken_once(database_url: str) -> None:
    assert _create(database_url).returncode == 0
    again = _create(database_url, "LI.MING")
    assert again.returncode == 2
    assert "exists already" in again.stderr


def test_disable_enable_and_reset(database_url: str) -> None:
    assert _create(database_url).returncode == 0
    assert _run(database_url, "disable", "--user", "li.ming").returncode == 0
    assert "disabled" in _run(database_url, "list").stdout
    with pytest.raises(SignInRefused):
        _sign_in(database_url, PASSWORD)
    assert _run(database_url, "disable", "--user", "li.ming").returncode == 2
    assert _run(database_url, "enable", "--user", "li.ming").returncode == 0
    assert _run(database_url, "enable", "--user", "li.ming").returncode == 2

    reset = _run(database_url, "reset-password", "--user", "li.ming", stdin="a new one for 2027\n")
    assert reset.returncode == 0, reset.stderr
    assert _sign_in(database_url, "a new one for 2027") == "li.ming"
    missing = _run(database_url, "reset-password", "--user", "nobody", stdin="whatever-it-is\n")
    assert missing.returncode == 2 and "no user nobody" in missing.stderr


def test_the_sign_in_record_lists_attempts_without_passwords(database_url: str) -> None:
    assert _create(database_url).returncode == 0
    with pytest.raises(SignInRefused):
        _sign_in(database_url, "wrong password!")
    _sign_in(database_url, PASSWORD)
    record = _run(database_url, "sign-ins", "--user", "li.ming")
    assert record.returncode == 0
    outcomes = [line.split()[3] for line in record.stdout.splitlines()[1:]]
    assert outcomes == ["signed_in", "wrong_password"]
    assert "wrong password!" not in record.stdout
    assert _run(database_url, "sign-ins", "--limit", "0").returncode == 2
