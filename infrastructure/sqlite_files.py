"""The SQLite database file holds personal data: only its owner may read it.

SQLite creates a database's `-wal` and `-shm` files with the permissions of the
database file itself, so the database file is created here, mode 0600, before
anything connects to it: our own connections, `check_database`, and the
`eventsourcing` library's (which would otherwise create it with the process's
umask, commonly world-readable 0644). The data directory is created 0700.

An existing file, and its `-wal` and `-shm`, lose their group and other
permissions at start: a database made before this rule would otherwise stay
readable by every local user. A file we do not own (chmod refused) is left as
its owner set it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def prepare_database_file(path: Path) -> None:
    """Make sure the database file exists, mode 0600, in a directory we made 0700."""
    if _in_memory(path):
        return
    _make_directories(path.parent)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        pass  # another process made it first, or it is an existing database
    else:
        # An empty file is an empty SQLite database. The mode passed to open()
        # went through the umask: set it exactly.
        os.fchmod(descriptor, FILE_MODE)
        os.close(descriptor)
    for file in (path, *(Path(f"{path}{suffix}") for suffix in COMPANION_SUFFIXES)):
        _close_to_others(file)


def _make_directories(directory: Path) -> None:
    """Create the missing directories, each 0700; existing ones are not touched
    (they may be shared, like /tmp or /var/lib)."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        if directory.parent == directory:
            break
        directory = directory.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process was quicker
            made.mkdir(mode=DIRECTORY_MODE)
            # mkdir's mode passes through the umask; set it exactly.
            os.chmod(made, DIRECTORY_MODE)


def _close_to_others(file: Path) -> None:
    """Take away the group's and others' permissions, keep the owner's."""
    try:
        mode = stat.S_IMODE(file.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        # Not the owner: the owner chose the mode; we do not fail over it.
        with contextlib.suppress(PermissionError):
            os.chmod(file, mode & ~0o077)


def _in_memory(path: Path) -> bool:
    return str(path) == ":memory:" or "mode=memory" in str(path)
