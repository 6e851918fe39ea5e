"""Evidence files (证据材料): a dispute's uploaded documents, stored outside the
event log, addressed by the SHA-256 of their bytes.

The event log holds only the evidence's hash, type, size and description (the
dispute's `EvidenceAdded`); the bytes are here, in `evidence_files`, encrypted
at rest with the key ring that encrypts the events (AES-GCM) and bound to their
hash: a blob copied under another file's hash, or altered, does not decrypt.
The server computes the hash and detects the type from the bytes themselves —
a client's hash or Content-Type is never trusted — and accepts only PDF, JPEG
and PNG, at most `LABORBRIDGE_EVIDENCE_MAX_BYTES` (10 MiB by default), counted
while reading, whatever Content-Length said. The same file twice is one row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Protocol

from infrastructure.encryption import KeyRing
from infrastructure.sql import SqlDatabase

TABLE = "evidence_files"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CHUNK = 64 * 1024
# Magic numbers of the accepted types (what the file's bytes start with).
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
MEDIA_TYPES = frozenset(media_type for _, media_type in SIGNATURES)
Problem = Literal["missing", "empty", "too_big", "wrong_type"]


class FileRefused(ValueError):
    """The upload is not stored: no file, an empty one, too big, or not PDF/JPEG/PNG."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


class Readable(Protocol):
    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    media_type: str
    size: int


def detect_type(content: bytes) -> str | None:
    """The type the bytes are, by their magic number; None for any other kind."""
    return next((kind for magic, kind in SIGNATURES if content.startswith(magic)), None)


def checked(content: bytes, max_bytes: int) -> EvidenceFile:
    """The file's hash, type and size, or FileRefused."""
    if not content:
        raise FileRefused("empty")
    if len(content) > max_bytes:
        raise FileRefused("too_big")
    media_type = detect_type(content)
    if media_type is None:
        raise FileRefused("wrong_type")
    return EvidenceFile(hashlib.sha256(content).hexdigest(), media_type, len(content))


async def read_bounded(upload: Readable, max_bytes: int) -> bytes:
    """The upload's bytes, refused as soon as they pass `max_bytes`: at most
    max_bytes + one chunk is ever held."""
    buffer = bytearray()
    while chunk := await upload.read(CHUNK):
        buffer += chunk
        if len(buffer) > max_bytes:
            raise FileRefused("too_big")
    return bytes(buffer)


def binding(sha256: str) -> bytes:
    """What a file's ciphertext is bound to: its own hash, in this table."""
    return f"{TABLE}:{sha256}".encode("ascii")


class EvidenceFiles:
    def __init__(self, db: SqlDatabase, key_ring: KeyRing, *, max_bytes: int) -> None:
        self.db = db
        self.key_ring = key_ring
        self.max_bytes = max_bytes

    def store(self, content: bytes) -> EvidenceFile:
        """Store the file (once: the same bytes again change nothing) and say what it is."""
        found = checked(content, self.max_bytes)
        sealed = self.key_ring.encrypt(content, binding=binding(found.sha256))
        with self.db.transaction() as sql:
            sql.execute(
                f"INSERT INTO {TABLE} (sha256, media_type, size, stored_at, content)"  # noqa: S608 - a fixed name
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (sha256) DO NOTHING",
                (found.sha256, found.media_type, found.size, datetime.now(UTC).isoformat(), sealed),
            )
        return found

    def load(self, sha256: str) -> tuple[EvidenceFile, bytes] | None:
        """The file and its bytes, or None. A blob that is not this hash's —
        swapped or altered — raises UndecryptableData, never answers other bytes."""
        with self.db.transaction(write=False) as sql:
            sql.execute(
                f"SELECT media_type, size, content FROM {TABLE} WHERE sha256 = %s",  # noqa: S608 - a fixed name
                (sha256,),
            )
            row = sql.fetchone()
        if row is None:
            return None
        media_type, size, sealed = row
        content = self.key_ring.decrypt(bytes(sealed), binding=binding(sha256))
        return EvidenceFile(sha256, str(media_type), int(size)), content


def document_id(sha256: str) -> str:
    """The evidence's document id for an uploaded file: its hash, so the same
    file uploaded again is the same document with the same digest (recorded once)."""
    return f"sha256:{sha256}"
