"""The evidence file store on SQLite and PostgreSQL: stored once, encrypted at
rest, bound to its hash (a swapped blob does not decrypt)."""

from __future__ import annotations

import hashlib

import pytest

from infrastructure.encryption import DEVELOPMENT_KEY_RING, KeyRing, UndecryptableData
from infrastructure.evidence_files import EvidenceFiles, FileRefused
from infrastructure.sql import SqlDatabase

PDF = b"%PDF-1.4\n" + "劳动合同 第一页".encode() + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"IHDR photo of the injury"


def files(db: SqlDatabase) -> EvidenceFiles:
    return EvidenceFiles(db, KeyRing.parse(DEVELOPMENT_KEY_RING), max_bytes=1024)


def rows(db: SqlDatabase) -> list[tuple[str, str, int, bytes]]:
    with db.transaction(write=False) as sql:
        sql.execute("SELECT sha256, media_type, size, content FROM evidence_files ORDER BY sha256")
        return [(str(a), str(b), int(c), bytes(d)) for a, b, c, d in sql.fetchall()]


def test_a_file_is_stored_once_under_its_hash_and_read_back(staff_db: SqlDatabase) -> None:
    store = files(staff_db)
    first = store.store(PDF)
    again = store.store(PDF)

    assert first == again
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (first.media_type, first.size) == ("application/pdf", len(PDF))
    ((digest, media_type, size, _),) = rows(staff_db)
    assert (digest, media_type, size) == (first.sha256, "application/pdf", len(PDF))
    assert store.load(first.sha256) == (first, PDF)
    assert store.load("0" * 64) is None


def test_the_stored_column_does_not_hold_the_plaintext(staff_db: SqlDatabase) -> None:
    files(staff_db).store(PDF)
    ((_, _, _, content),) = rows(staff_db)
    assert b"%PDF" not in content
    assert "劳动合同".encode() not in content
    assert content.startswith(b"LBE2")  # the key ring's bound form


def test_a_blob_swapped_under_another_hash_does_not_decrypt(staff_db: SqlDatabase) -> None:
    store = files(staff_db)
    pdf, png = store.store(PDF), store.store(PNG)
    with staff_db.transaction() as sql:
        sql.execute("SELECT content FROM evidence_files WHERE sha256 = %s", (png.sha256,))
        (other,) = sql.fetchone() or (b"",)
        sql.execute(
            "UPDATE evidence_files SET content = %s WHERE sha256 = %s", (bytes(other), pdf.sha256)
        )

    with pytest.raises(UndecryptableData):
        store.load(pdf.sha256)
    assert store.load(png.sha256) == (png, PNG)


def test_a_refused_file_stores_nothing(staff_db: SqlDatabase) -> None:
    store = files(staff_db)
    for content in (b"", b"GIF89a", PDF + b"x" * 2000):
        with pytest.raises(FileRefused):
            store.store(content)
    assert rows(staff_db) == []
