"""The README runs: its shell examples, then the API walkthrough (docs/api.md) and
the auditors' guide (docs/auditors.md), run in order as one bash session against a
fresh server — as a reader would type them — and every status and every non-empty
answer the text promises holds. The conventions are in tests/support/doc_examples.py
and, for readers, at the top of docs/api.md."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import database_url_for
from tests.support.doc_examples import PRELUDE, DocProblem, Script, build_script, not_empty
from tests.support.server import BIN, Server, running_server

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", ROOT / "docs" / "api.md", ROOT / "docs" / "auditors.md"]


@pytest.fixture(params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    url = database_url_for(request.param, request, tmp_path)
    # A loaded machine must not turn a read-your-writes wait into a 503 the text
    # does not promise: the wait is a setting, the answers are the same.
    with running_server(url, tmp_path / "server.log", read_wait_seconds="30") as running:
        yield running


def run_as_reader(script: Script, server: Server, home: Path) -> subprocess.CompletedProcess[str]:
    """bash on the script, from a checkout-like directory (`.venv/bin/laborbridge`
    is this interpreter's), with the server's database and keys in the environment."""
    reader = home / "reader"
    (reader / ".venv").mkdir(parents=True)
    (reader / ".venv" / "bin").symlink_to(BIN)
    checks = home / "checks"
    checks.mkdir()
    checker = checks / "not-empty"
    checker.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from tests.support.doc_examples import not_empty\n"
        "sys.exit(0 if not_empty(open(sys.argv[1], 'rb').read()) else 1)\n"
    )
    checker.chmod(0o755)
    env = dict(server.env)
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", CHECKS=str(checks))
    env["CHECKER"] = str(checker)
    (home / "session.sh").write_text(script.text())
    return subprocess.run(
        ["bash", str(home / "session.sh")],
        cwd=reader,
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # the answers shown are cut at a byte count
        timeout=600,
    )


def assert_every_promise_kept(
    script: Script, result: subprocess.CompletedProcess[str], home: Path
) -> None:
    kept = (home / "checks" / "kept").read_text().split()
    # bash names the line of an unset variable; the ERR trap that of a failed command.
    failed_at = re.findall(r"session\.sh: line (\d+):|failed at script line (\d+)", result.stderr)
    where = script.origin_of(int("".join(failed_at[-1]))) if failed_at else "see below"
    assert result.returncode == 0, (
        f"the session stopped (exit {result.returncode}) at {where}:\n{result.stderr[-4000:]}"
        f"\n{last_call(home / 'checks')}"
    )
    # Each promise checked, in the order of the text (one in a loop, once a round).
    assert list(dict.fromkeys(kept)) == [p.where for p in script.promises]


def last_call(checks: Path) -> str:
    calls = (checks / "calls").read_text().split()
    if not calls:
        return "no curl call ran"
    status = (checks / f"status.{calls[-1]}").read_text().strip()
    answer = checks / f"answer.{calls[-1]}"
    shown = answer.read_text(errors="replace")[:3000] if answer.exists() else "(no answer kept)"
    return f"the last curl call answered {status}:\n{shown}"


def test_the_readme_the_api_walkthrough_and_the_auditors_guide_run(
    server: Server, tmp_path: Path
) -> None:
    script = build_script(DOCS, ROOT, PRELUDE, server.base_url)
    assert len(script.promises) > 50, "the walkthrough promises a status for each request"
    result = run_as_reader(script, server, tmp_path)
    assert_every_promise_kept(script, result, tmp_path)


BROKEN = """# Broken

```sh
API=http://127.0.0.1:8000/api/v1
laborbridge office create --code 500237 --name 巫山县就业和人才中心 --kind sending_county
CASEWORKER=$(laborbridge token create --user li.ming --role caseworker --office 500237 | tail -1)
curl -s "$API/workers?limit=1" -H "Authorization: Bearer $CASEWORKER"   # → 200
curl -s "$API/worker?limit=1" -H "Authorization: Bearer $CASEWORKER"    # → 200
```
"""


def test_a_broken_example_stops_the_session_where_it_breaks(tmp_path: Path) -> None:
    doc = tmp_path / "BROKEN.md"
    doc.write_text(BROKEN)
    with running_server(f"sqlite:///{tmp_path / 'laborbridge.db'}", tmp_path / "log") as running:
        script = build_script([doc], tmp_path, PRELUDE, running.base_url)
        result = run_as_reader(script, running, tmp_path)
    assert result.returncode == 97
    assert "PROMISE BROKEN at BROKEN.md:8: promised 200, answered 404" in result.stderr
    assert (tmp_path / "checks" / "kept").read_text().split() == ["BROKEN.md:7"]


def test_a_variable_named_for_two_things_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "TWICE.md"
    doc.write_text("```sh\nW=$(echo one)\n```\n\ntext\n\n```sh\nW=$(echo two)\n```\n")
    with pytest.raises(DocProblem, match=r"TWICE.md:8: \$W is already something else"):
        build_script([doc], tmp_path, PRELUDE, "http://x")


@pytest.mark.parametrize(
    ("answer", "holds_something"),
    [
        (b'{"items": [], "next_cursor": null}', False),
        (b'HTTP/1.1 200 OK\r\nETag: "1"\r\n\r\n{"items": [{"id": "w"}]}', True),
        (
            b'{"figures": [{"key": "k", "value": 0}, {"key": "m", "value": "0.00"}]}',
            False,
        ),
        (
            b'{"figures": [{"key": "k", "value": 0}, {"key": "m", "value": "52.00"}]}',
            True,
        ),
        (b"metric,label_zh,label_en,value\nregistered_workers,a,b,0\n", False),
        (b"metric,label_zh,label_en,value\nregistered_workers,a,b,1\n", True),
        (b"subsidy_id,worker_id\n", False),
        (b"subsidy_id,worker_id\ns,w\n", True),
        (b'{"position": 1}\n{"position": 2}\n', True),
    ],
)
def test_an_empty_answer_is_told_from_one_that_holds_something(
    answer: bytes, holds_something: bool
) -> None:
    assert not_empty(answer) is holds_something
