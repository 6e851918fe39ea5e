"""`laborbridge office …`: the register of offices kept from a terminal — added,
linked, listed, each change a row of staff_changes — and accounts and tokens
made on the command line that must name an office of it (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.actor import Role
from domain.offices import REGISTER_ID
from infrastructure.persistence import build_journey
from infrastructure.settings import DatabaseURL
from infrastructure.sql import open_database
from infrastructure.staff_changes import StaffChangeEntry, StaffChanges, command_line_user
from tests.conftest import TEST_SECRET, database_url_for, settings_for

BIN = Path(sys.executable).parent
WUSHAN = ("--code", "500237", "--name", "巫山县就业和人才中心", "--kind", "sending_county")
YANTAI = ("--code", "370600", "--name", "烟台市鲁渝劳务协作办公室", "--kind", "receiving_city")
LAISHAN = (
    "--code",
    "370613",
    "--name",
    "莱山区人力资源和社会保障局",
    "--kind",
    "receiving_district",
)
PASSWORD = "yantai-wushan-2026"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return database_url_for(request.param, request, tmp_path)


def _run(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env |= {"LABORBRIDGE_DATABASE_URL": database_url, "LABORBRIDGE_SECRET_KEY": TEST_SECRET}
    return subprocess.run(
        [str(BIN / "laborbridge"), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _office(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(database_url, "office", *args)


def _changes(database_url: str) -> list[StaffChangeEntry]:
    db = open_database(DatabaseURL(database_url))
    try:
        return list(reversed(StaffChanges(db).recent()))  # oldest first
    finally:
        db.close()


@pytest.fixture
def register_events(database_url: str) -> Iterator[Any]:
    """The register's events as stored, decoded (what an auditor replays)."""
    journey = build_journey(settings_for(database_url))

    def events() -> list[Any]:
        stored = journey.recorder.select_events(REGISTER_ID)
        return [journey.mapper.to_domain_event(e) for e in stored]

    try:
        yield events
    finally:
        journey.close()


def test_offices_are_added_linked_and_listed(database_url: str, register_events: Any) -> None:
    empty = _office(database_url, "list")
    assert empty.returncode == 0 and "register of offices is empty" in empty.stdout

    added = _office(database_url, "create", *WUSHAN)
    assert added.returncode == 0, added.stderr
    assert added.stdout == "Added office 500237 巫山县就业和人才中心 (sending_county).\n"
    partnered = _office(database_url, "create", *YANTAI, "--partner", "500237")
    assert "partner of 500237" in partnered.stdout
    assert _office(database_url, "create", *LAISHAN).returncode == 0
    linked = _office(database_url, "partner", "--code", "370613", "--partner", "370600")
    assert linked.stdout == "Linked offices 370613 and 370600 as partners.\n"
    again = _office(database_url, "partner", "--code", "370600", "--partner", "370613")
    assert again.returncode == 0 and "partners already; nothing was changed" in again.stdout
    same = _office(database_url, "create", *LAISHAN, "--partner", "370600")
    assert same.returncode == 0 and "nothing was changed" in same.stdout

    listed = _office(database_url, "list").stdout.splitlines()
    assert listed[0].split() == ["CODE", "NAME", "KIND", "PARTNERS"]
    rows = {line.split()[0]: line for line in listed[1:]}
    assert list(rows) == ["370600", "370613", "500237"]
    assert "接收地市级劳务协作办公室 / Receiving city office" in rows["370600"]
    assert rows["370600"].endswith("370613, 500237")
    assert rows["500237"].endswith("370600")

    by = command_line_user()
    assert [(c.by, c.action.value, c.subject, c.detail) for c in _changes(database_url)] == [
        (by, "office_added", "500237", "sending_county 巫山县就业和人才中心"),
        (by, "office_added", "370600", "receiving_city 烟台市鲁渝劳务协作办公室 partners 500237"),
        (by, "office_added", "370613", "receiving_district 莱山区人力资源和社会保障局"),
        (by, "partners_linked", "370600", "370613"),
    ]
    stamped = [(e.actor.user, e.actor.role, e.actor.office) for e in register_events()[1:]]
    assert stamped == [
        (by, Role.ADMIN, "500237"),
        (by, Role.ADMIN, "370600"),
        (by, Role.ADMIN, "370613"),
        (by, Role.ADMIN, "370613"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", *WUSHAN[:1], "123", *WUSHAN[2:]), "--code must be a six-digit"),
        (("create", "--code", "370601", *YANTAI[2:]), "--code a city office has its city's code"),
        (("create", *WUSHAN[:4], "--kind", "headquarters"), "invalid choice"),
        (("create", *YANTAI, "--partner", "370612"), "--partner must name offices already in"),
        (("create", *WUSHAN, "--partner", "500237"), "--partner an office is not its own partner"),
        (("create", *WUSHAN[:2], "--name", "另一个名称", *WUSHAN[4:]), "--code names an office"),
        (("create", *WUSHAN[:3], " ", *WUSHAN[4:]), "--name"),
        (("partner", "--code", "500237", "--partner", "370611"), "--partner must name an office"),
        (("partner", "--code", "500237", "--partner", "500237"), "not its own partner"),
    ],
)
def test_bad_input_is_one_clear_line_and_writes_nothing(
    database_url: str, register_events: Any, args: tuple[str, ...], message: str
) -> None:
    assert _office(database_url, "create", *WUSHAN).returncode == 0
    before, changes = len(register_events()), len(_changes(database_url))

    refused = _office(database_url, *args)

    assert refused.returncode == 2, refused.stdout
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stdout == ""
    if "usage:" not in refused.stderr:  # argparse's own refusal prints its usage first
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert len(register_events()) == before
    assert len(_changes(database_url)) == changes


def test_accounts_and_tokens_name_an_office_of_the_register(database_url: str) -> None:
    token = ("token", "create", "--user", "etl.job", "--role", "auditor", "--office", "500237")
    first = _run(database_url, *token)
    assert first.returncode == 2 and first.stdout == ""
    assert first.stderr.startswith(
        "laborbridge: --office is not in the register of offices (`laborbridge office list`"
    )
    user = ("user", "create", "--user", "wang.fang", "--role", "mediator", "--office", "370600")
    nobody = _run(database_url, *user, "--display-name", "王芳", stdin=PASSWORD + "\n")
    assert nobody.returncode == 2 and "--office is not in the register" in nobody.stderr
    assert _changes(database_url) == []

    assert _office(database_url, "create", *WUSHAN).returncode == 0
    assert _office(database_url, "create", *YANTAI, "--partner", "500237").returncode == 0
    wide = _run(database_url, *token[:5], "caseworker", *token[6:], "--scope", "all")
    assert wide.returncode == 2
    assert "--scope only auditors and mediators may be given a wider scope" in wide.stderr
    pair = _run(database_url, *token, "--scope", "pair:500237-370600")
    assert pair.returncode == 0, pair.stderr
    assert "(auditor, office 500237, scope pair:500237-370600)" in pair.stdout
    unknown_pair = _run(database_url, *token, "--scope", "pair:500237-370611")
    assert unknown_pair.returncode == 2 and "--scope names an office" in unknown_pair.stderr
    tokens = _run(database_url, "token", "list").stdout.splitlines()
    assert "SCOPE" in tokens[0] and "pair:500237-370600" in tokens[1]

    caseworker = (
        "user",
        "create",
        "--user",
        "ran.li",
        "--role",
        "caseworker",
        "--office",
        "500237",
    )
    before_password = _run(database_url, *caseworker, "--display-name", "冉丽", "--scope", "all")
    assert before_password.returncode == 2 and "--scope only auditors" in before_password.stderr
    made = _run(
        database_url, *user, "--display-name", "王芳", "--scope", "province:37",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout == "Created user wang.fang (mediator, office 370600, scope province:37).\n"
    moved = _run(
        database_url, "user", "reassign", "--user", "wang.fang", "--role", "mediator",
        "--office", "500237", "--scope", "pair:500237-370600",
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    nowhere = _run(
        database_url, "user", "reassign", "--user", "wang.fang", "--role", "mediator",
        "--office", "110101",
    )  # fmt: skip
    assert nowhere.returncode == 2 and "--office is not in the register" in nowhere.stderr
    listed = _run(database_url, "user", "list").stdout.splitlines()
    assert "SCOPE" in listed[0]
    assert "500237" in listed[1] and "pair:500237-370600" in listed[1]

    assert [(c.action.value, c.detail) for c in _changes(database_url)][2:] == [
        ("token_issued", "etl.job auditor 500237 90d scope pair:500237-370600"),
        ("account_created", "mediator 370600 scope province:37"),
        ("office_changed", "370600 -> 500237; scope province:37 -> pair:500237-370600"),
    ]
