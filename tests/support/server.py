"""Start `laborbridge serve` in its own process for tests over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from devtools import server
from devtools.server import BIN, Server
from tests.conftest import TEST_SECRET

__all__ = ["BIN", "Server", "running_server", "server_env"]


def server_env(database_url: str) -> dict[str, str]:
    return server.server_env(database_url, TEST_SECRET)


@contextmanager
def running_server(database_url: str, log_path: Path, **settings: str) -> Iterator[Server]:
    """`settings`: more LABORBRIDGE_* variables, e.g. IDEMPOTENCY_LEASE_SECONDS="2"."""
    with server.running_server(database_url, log_path, TEST_SECRET, **settings) as running:
        yield running
