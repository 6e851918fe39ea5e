"""Start `laborbridge serve` in its own process for tests over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import TEST_SECRET

BIN = Path(sys.executable).parent


@dataclass
class Server:
    base_url: str
    env: dict[str, str]
    log_path: Path
    pid: int

    def create_token(self, role: str, user: str | None = None) -> str:
        result = subprocess.run(
            [
                str(BIN / "laborbridge"),
                "token",
                "create",
                "--user",
                user or f"{role}.one",
                "--role",
                role,
                "--office",
                "500237",
            ],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip().splitlines()[-1]


def server_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env.update(
        LABORBRIDGE_DATABASE_URL=database_url,
        LABORBRIDGE_SECRET_KEY=TEST_SECRET,
        LABORBRIDGE_ENV="test",
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(database_url: str, log_path: Path, **settings: str) -> Iterator[Server]:
    """`settings`: more LABORBRIDGE_* variables, e.g. IDEMPOTENCY_LEASE_SECONDS="2"."""
    env = server_env(database_url)
    env.update({f"LABORBRIDGE_{name.upper()}": value for name, value in settings.items()})
    port = _free_port()
    with log_path.open("a") as log:
        process = subprocess.Popen(
            [str(BIN / "laborbridge"), "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(150):
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("server did not start: " + log_path.read_text())
            yield Server(base, env, log_path, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)
