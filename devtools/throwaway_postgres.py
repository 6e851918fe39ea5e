"""A PostgreSQL cluster of a test's (or benchmark's) own, to stop and start at will.

`initdb` into a fresh temporary directory, `pg_ctl start` on a free port with
its socket inside that directory: stopping it disturbs no other test and never
the shared server on 5432. initdb and postgres refuse to run as root, so as
root they run as the `postgres` OS user, who owns the directory.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools.server import free_port

OS_USER = "postgres"


def postgres_bin() -> Path | None:
    """The directory of initdb/pg_ctl (newest installed version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> int:
    digits = Path(path).parent.parent.name
    return int(digits) if digits.isdigit() else 0


@dataclass
class Cluster:
    bin: Path
    directory: Path
    port: int

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OS_USER, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    def start(self) -> None:
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1"
            f" -c unix_socket_directories={self.directory}"
            # A crash of the server process loses no commit (stop -m immediate);
            # only an OS crash could, and the cluster does not outlive the test.
            " -c fsync=off -c full_page_writes=off"
        )
        result = self._run(
            "pg_ctl", "start", "-w", "-t", "30", "-D", str(self.data),
            "-l", str(self.directory / "server.log"), "-o", options,
        )  # fmt: skip
        if result.returncode != 0:
            log = self.directory / "server.log"
            raise RuntimeError(
                f"pg_ctl start failed: {result.stderr}" + (log.read_text() if log.exists() else "")
            )

    def stop(self) -> None:
        """Stop at once, the way a crash or a pulled cable would (no checkpoint)."""
        self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data))

    def is_running(self) -> bool:
        return self._run("pg_ctl", "status", "-D", str(self.data)).returncode == 0


@contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[Cluster]:
    """A running cluster in a new temporary directory; stopped and removed after."""
    # Not under pytest's tmp_path: its parents are private to root, and the
    # postgres OS user must reach the directory.
    directory = Path(tempfile.mkdtemp(prefix="laborbridge-pg-"))
    try:
        if os.geteuid() == 0:
            shutil.chown(directory, OS_USER, OS_USER)
        cluster = Cluster(bin_dir, directory, free_port())
        result = cluster._run(
            "initdb", "-D", str(cluster.data), "-A", "trust", "-U", "postgres",
            "--no-sync", "-E", "UTF8", "--locale=C",
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed: {result.stderr}")
        cluster.start()
        try:
            yield cluster
        finally:
            cluster.stop()
    finally:
        shutil.rmtree(directory, ignore_errors=True)
