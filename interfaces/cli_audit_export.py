"""`laborbridge audit export`."""

from __future__ import annotations

from typing import Any


def add(actions: Any) -> None:
    """Adds this module's subcommands to `laborbridge audit`."""
