"""`laborbridge secrets init DIR`: every secret a deployment needs, made once.

docker-compose.yml runs it as a one-shot service before the others: each secret
is a file in a volume, named as its variable in lower case, which the API and
the projector read through LABORBRIDGE_SECRETS_DIR (PostgreSQL reads its
password file too). A value given in the environment is kept (an existing
deployment keeps its keys); one missing is made at random; a file already there
is never changed, and an environment value that differs from it is refused.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infrastructure.encryption import generate_key_line
from interfaces.cli_errors import CommandError

# Each secret, and how a new one is made.
SECRETS: dict[str, Callable[[], str]] = {
    "LABORBRIDGE_SECRET_KEY": lambda: secrets.token_urlsafe(48),
    "LABORBRIDGE_SIGNING_KEY": lambda: secrets.token_hex(32),
    "LABORBRIDGE_ENCRYPTION_KEYS": generate_key_line,
    # Goes into a URL and into PostgreSQL's own configuration: hex digits only.
    "LABORBRIDGE_DATABASE_PASSWORD": lambda: secrets.token_hex(24),
}


def init(args: argparse.Namespace) -> int:
    directory: Path = args.directory
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot make {directory}: {error.strerror}") from None
    given = {name: os.environ.get(name, "").strip() for name in SECRETS}
    for name, value in given.items():  # refuse before anything is written
        file = directory / name.lower()
        if value and file.exists() and value != file.read_text().strip():
            raise CommandError(
                f"{name} in the environment differs from the one kept in {file};"
                " a secret is never replaced here: remove it from the environment,"
                " or change the file by hand (docs/operations.md: Docker)"
            )
    for name, make in SECRETS.items():
        file = directory / name.lower()
        if file.exists():
            print(f"kept {file}", file=sys.stderr)
            continue
        _write(file, given[name] or make())
        print(f"{'stored' if given[name] else 'made'} {file}", file=sys.stderr)
    return 0


def _write(file: Path, value: str) -> None:
    """Readable by its owner only, and never half written."""
    partial = file.with_name(f".{file.name}.partial")
    descriptor = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(value + "\n")
    os.replace(partial, file)


def add_commands(commands: Any) -> None:
    actions = commands.add_parser(
        "secrets", help="the secrets a deployment needs, kept as files"
    ).add_subparsers(required=True, metavar="ACTION")
    made = actions.add_parser(
        "init", help="make each secret missing in DIR (a value in the environment is kept)"
    )
    made.add_argument("directory", type=Path, metavar="DIR")
    made.set_defaults(standalone=init)
