"""`laborbridge audit export` on SQLite and PostgreSQL: the file, the progress
bar, the record of the export, and one-line refusals of bad arguments."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from uuid import UUID

import pytest

from application.journey import Journey
from infrastructure.persistence import event_store_env
from infrastructure.projector_service import ProjectorService
from interfaces.demo.programme import load_demo
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import register_command
from tests.support.server import server_env

BIN = Path(sys.executable).parent
OPERATOR = ["--user", "zhao.min", "--office", "500237"]


def _journey(url: str) -> Journey:
    return Journey(env=event_store_env(settings_for(url)), identity_key=TEST_SECRET.encode())


def _head(url: str) -> int:
    journey = _journey(url)
    try:
        return int(journey.recorder.max_notification_id() or 0)
    finally:
        journey.close()


def _export(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), "audit", "export", *args],
        env=server_env(url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def loaded(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A programme year, projected; then one more registration the read models
    have not reached, so the export reads both the index and the log."""
    url = database_url_for(request.param, request, tmp_path)
    journey = _journey(url)
    load_demo(journey, workers=20, seed=7)
    service = ProjectorService(settings_for(url))
    try:
        service.projector.catch_up()
    finally:
        service.close()
    journey.register_worker(register_command())
    journey.close()
    return url


def test_an_export_writes_every_event_of_the_range_shows_progress_and_is_recorded(
    loaded: str, tmp_path: Path
) -> None:
    head = _head(loaded)
    output = tmp_path / "trail.csv"

    result = _export(
        loaded, "--from", "2000-01-01", "--to", "2100-01-01", "--output", str(output), *OPERATOR
    )

    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(output.open(encoding="utf-8", newline="")))
    assert [int(r[0]) for r in rows[1:]] == list(range(1, head + 1))
    assert f"{head}/{head} events" in result.stderr  # the progress bar reached the end
    assert f"Exported {head} events (log positions 1 to {head}) to {output}." in result.stdout
    export_id = UUID(result.stdout.split("recorded as ")[1].split()[0])
    journey = _journey(loaded)
    try:
        (event,) = journey.events.get(export_id)
    finally:
        journey.close()
    assert (event.channel, event.format, event.event_count) == ("cli", "csv", head)
    assert (event.actor.user, event.actor.role.value, event.actor.office) == (
        "zhao.min",
        "auditor",
        "500237",
    )
    assert (event.first_position, event.last_position) == (1, head)
    assert not list(tmp_path.glob("*.part"))


def test_the_format_follows_the_file_name_and_a_workbook_opens(loaded: str, tmp_path: Path) -> None:
    head = _head(loaded)
    output = tmp_path / "trail.xlsx"

    result = _export(loaded, "--output", str(output), *OPERATOR)

    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == head + 1  # the header and every event
    assert "Worker.Registered" in sheet


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "xlsx"])
def test_an_exported_file_is_readable_by_its_owner_only(
    loaded: str, tmp_path: Path, suffix: str
) -> None:
    output = tmp_path / f"trail.{suffix}"
    previous = os.umask(0o022)
    try:
        result = _export(loaded, "--output", str(output), *OPERATOR)
    finally:
        os.umask(previous)

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "yesterday"], "--from must be an ISO 8601 date or date-time"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "--to: must be after from"),
        (["--format", "pdf"], "--format must be one of: jsonl, csv, xlsx"),
        (["--office", "123"], "--office"),
        (["--user", "zhao min"], "--user must be 1 to 64 characters without spaces"),
        (["--user", "zhao\u202emin"], "--user must not contain invisible or direction-changing"),
    ],
)
def test_bad_arguments_exit_2_with_one_line_and_record_nothing(
    loaded: str, tmp_path: Path, args: list[str], message: str
) -> None:
    head = _head(loaded)
    output = tmp_path / "trail.jsonl"

    result = _export(loaded, "--output", str(output), *OPERATOR, *args)

    assert result.returncode == 2
    assert result.stderr.startswith("laborbridge: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _head(loaded) == head
    assert not output.exists()


def test_an_existing_file_is_never_overwritten(loaded: str, tmp_path: Path) -> None:
    output = tmp_path / "kept.jsonl"
    output.write_text("evidence\n")

    result = _export(loaded, "--output", str(output), *OPERATOR)

    assert result.returncode == 2
    assert "exists already" in result.stderr
    assert output.read_text() == "evidence\n"
