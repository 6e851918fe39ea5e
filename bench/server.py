"""`laborbridge serve` in a process of its own, for a benchmark over real HTTP."""

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
SECRET_KEY = "bench-secret-key-0123456789abcdef"  # a throwaway database


@dataclass
class Server:
    base_url: str
    env: dict[str, str]

    def create_token(self, role: str) -> str:
        result = subprocess.run(
            [str(BIN / "laborbridge"), "token", "create", "--user", f"{role}.bench",
             "--role", role, "--office", "500237"],
            env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(database_url: str, log_path: Path) -> Iterator[Server]:
    """The server on a free port, answering /health; terminated on leaving."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABORBRIDGE_")}
    env.update(
        LABORBRIDGE_DATABASE_URL=database_url,
        LABORBRIDGE_SECRET_KEY=SECRET_KEY,
        LABORBRIDGE_ENV="test",
    )
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
            yield Server(base, env)
        finally:
            process.terminate()
            process.wait(timeout=10)
