"""`--user`: the operator's name as a token or an export records it."""

from __future__ import annotations

from domain.actor import parse_user_name
from domain.exceptions import InvalidValue
from interfaces.cli_errors import CommandError


def operator_name(raw: str) -> str:
    """The name given with --user; CommandError (one line, exit 2) if unusable."""
    try:
        return parse_user_name(raw, "--user")
    except InvalidValue as error:
        raise CommandError(f"--user {error.message}") from None
