"""`laborbridge serve` in a process of its own, for tests and benchmarks over real HTTP."""

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

BIN = Path(sys.executable).parent


@dataclass
class Server:
    base_url: str
    env: dict[str, str]
    log_path: Path
    pid: int
    office_registered: bool = False

    def register_office(self) -> None:
        """A token names an office of the register: 巫山县 (500237), once per server
        (unless the test registered it already, with partners of its own)."""
        listed = subprocess.run(
            [str(BIN / "laborbridge"), "office", "list"],
            env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        self.office_registered = True
        if "500237" in listed.stdout:
            return
        subprocess.run(
            [str(BIN / "laborbridge"), "office", "create", "--code", "500237",
             "--name", "巫山县就业和人才中心", "--kind", "sending_county"],
            env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        self.office_registered = True

    def create_token(self, role: str, user: str | None = None) -> str:
        if not self.office_registered:
            self.register_office()
        result = subprocess.run(
            [str(BIN / "laborbridge"), "token", "create", "--user", user or f"{role}.one",
             "--role", role, "--office", "500237"],
            env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip().splitlines()[-1]


def server_env(database_url: str, secret_key: str) -> dict[str, str]:
    """This environment without any LABORBRIDGE_ variable, then the database and key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env.update(
        LABORBRIDGE_DATABASE_URL=database_url,
        LABORBRIDGE_SECRET_KEY=secret_key,
        LABORBRIDGE_ENV="test",
    )
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(
    database_url: str, log_path: Path, secret_key: str, **settings: str
) -> Iterator[Server]:
    """The server on a free port, answering /health; terminated on leaving.
    `settings`: more LABORBRIDGE_* variables, e.g. IDEMPOTENCY_LEASE_SECONDS="2"."""
    env = server_env(database_url, secret_key)
    env.update({f"LABORBRIDGE_{name.upper()}": value for name, value in settings.items()})
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log_path.open("a") as log:
        process = subprocess.Popen(
            [str(BIN / "laborbridge"), "serve", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("server did not start: " + log_path.read_text())
                time.sleep(0.1)
            yield Server(base, env, log_path, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)
