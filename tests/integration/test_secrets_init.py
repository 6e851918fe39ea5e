"""`laborbridge secrets init` and docker-compose.yml: a fresh machine starts
with `docker compose up` alone, every secret made once and then kept."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from interfaces.cli_secrets import SECRETS

BIN = Path(sys.executable).parent
CHECKOUT = Path(__file__).resolve().parents[2]


def _laborbridge(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    return subprocess.run(
        [str(BIN / "laborbridge"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _contents(directory: Path) -> dict[str, str]:
    return {f.name: f.read_text() for f in sorted(directory.iterdir())}


def test_every_secret_is_made_once_closed_and_a_production_start_accepts_them(
    tmp_path: Path,
) -> None:
    secrets = tmp_path / "secrets"
    (tmp_path / "data").mkdir()

    made = _laborbridge("secrets", "init", str(secrets))
    first = _contents(secrets)
    again = _laborbridge("secrets", "init", str(secrets))
    production = {
        "LABORBRIDGE_ENV": "production",
        "LABORBRIDGE_SECRETS_DIR": str(secrets),
        "LABORBRIDGE_HOME": str(tmp_path),
    }
    office = _laborbridge(
        *("office", "create", "--code", "500237", "--name", "巫山县就业和人才中心"),
        *("--kind", "sending_county"),
        **production,
    )
    token = _laborbridge(
        *("token", "create", "--user", "li.ming", "--role", "caseworker", "--office", "500237"),
        **production,
    )

    assert made.returncode == again.returncode == 0, made.stderr + again.stderr
    assert sorted(first) == sorted(name.lower() for name in SECRETS)
    assert _contents(secrets) == first  # kept, not made again
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o700
    assert {stat.S_IMODE(f.stat().st_mode) for f in secrets.iterdir()} == {0o600}
    assert not any(value.strip() in made.stderr for value in first.values())
    assert office.returncode == 0, office.stderr  # a token names an office of the register
    assert token.returncode == 0, token.stderr  # production refuses development secrets


def test_a_secret_given_in_the_environment_is_kept_and_a_different_one_later_refused(
    tmp_path: Path,
) -> None:
    secrets = tmp_path / "secrets"
    given = "a0" * 32

    stored = _laborbridge("secrets", "init", str(secrets), LABORBRIDGE_SIGNING_KEY=given)
    changed = _laborbridge("secrets", "init", str(secrets), LABORBRIDGE_SIGNING_KEY="b1" * 32)

    assert stored.returncode == 0, stored.stderr
    assert (secrets / "laborbridge_signing_key").read_text().strip() == given
    assert changed.returncode == 2
    assert changed.stderr.startswith(
        "laborbridge: LABORBRIDGE_SIGNING_KEY in the environment differs from the one kept in"
    )
    assert (secrets / "laborbridge_signing_key").read_text().strip() == given


def test_compose_needs_no_variable_and_its_first_token_can_read_records() -> None:
    compose = (CHECKOUT / "docker-compose.yml").read_text()

    assert re.findall(r"\$\{\w+:\?", compose) == []  # no variable a fresh machine must set
    assert 'command: ["laborbridge", "secrets", "init", "/var/lib/laborbridge/secrets"]' in compose
    roles = re.findall(r"laborbridge token create .*--role (\w+)", compose)
    assert roles and set(roles) <= {"caseworker", "auditor"}
