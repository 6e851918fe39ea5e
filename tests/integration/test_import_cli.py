"""`laborbridge import ledger`: a CSV ledger from a terminal — checked, written,
written again — with its summary, its report and its exit codes."""

from __future__ import annotations

import codecs
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from application.journey import Journey
from application.ledger_columns import COLUMNS, Column
from infrastructure.persistence import event_store_env
from tests.conftest import TEST_SECRET, database_url_for, settings_for
from tests.support.factories import id_number
from tests.support.offices import register_offices
from tests.support.server import server_env

BIN = Path(sys.executable).parent
HEADINGS = {spec.column: spec.zh for spec in COLUMNS}
FIELDS = [
    Column.NAME,
    Column.ID_NUMBER,
    Column.MOBILE,
    Column.TOWNSHIP,
    Column.POVERTY_STATUS,
    Column.DESTINATION,
    Column.DEPARTED_ON,
    Column.ARRIVED_ON,
]


def ledger_csv(path: Path, rows: list[list[str]]) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["巫山县2024年劳务输出台账"])
    writer.writerow([HEADINGS[c] for c in FIELDS])
    writer.writerows(rows)
    path.write_text(text.getvalue(), encoding="gb18030")  # as Chinese Excel saves CSV
    return path


def importing(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "laborbridge"), "import", "ledger", *args],
        env=server_env(url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def events_in(url: str) -> int:
    journey = Journey(env=event_store_env(settings_for(url)), identity_key=TEST_SECRET.encode())
    try:
        return int(journey.recorder.max_notification_id() or 0)
    finally:
        journey.close()


@pytest.mark.parametrize("persistence", ["sqlite", "postgres"])
def test_a_ledger_is_checked_then_written_then_finds_everything_on_record(
    persistence: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = database_url_for(persistence, request, tmp_path)
    journey = Journey(env=event_store_env(settings_for(url)), identity_key=TEST_SECRET.encode())
    register_offices(journey)
    journey.close()
    a, b, bad = id_number(), id_number(), id_number()
    person = ["巫峡镇", "脱贫人口", "烟台市", "2024/3/1", "2024年3月2日"]
    path = ledger_csv(
        tmp_path / "台账.csv",
        [
            ["冉光明", a, "13800138000", *person],
            ["", "", "", "", "", "", "", ""],
            ["李春花", b, "139 0013 9000", *person],
            ["王五", bad[:-1] + ("0" if bad[-1] != "0" else "1"), "1380013800", *person],
        ],
    )
    before = events_in(url)
    report = tmp_path / "report.csv"

    checked = importing(url, str(path), "--office", "500237", "--dry-run", "--report", str(report))
    assert checked.returncode == 1, checked.stderr
    assert "3 rows — 2 would record" in checked.stdout
    assert "1 with problems" in checked.stdout
    assert events_in(url) == before
    data = report.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    problems = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    rows = {line[1] for line in problems[1:]}
    assert rows == {"6"}  # the title, the header and a blank line counted as the sheet has them
    assert bad[:-1] not in data.decode("utf-8-sig")  # the ID number masked

    written = importing(url, str(path), "--office", "500237")
    assert written.returncode == 1, written.stderr
    assert "2 recorded" in written.stdout
    assert events_in(url) > before
    after = events_in(url)

    again = importing(url, str(path), "--office", "500237")
    assert "0 recorded (0 events), 2 already on record" in again.stdout
    assert events_in(url) == after

    unknown = importing(url, str(path), "--office", "370612")
    assert unknown.returncode == 2
    assert "not in the register of offices" in unknown.stderr
    missing = importing(url, str(tmp_path / "none.xlsx"), "--office", "500237")
    assert missing.returncode == 2 and "no such file" in missing.stderr
