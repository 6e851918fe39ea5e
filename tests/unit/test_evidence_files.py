"""Evidence files: the type comes from the bytes, and evidence events stored
before files had a type and size still replay."""

from __future__ import annotations

import asyncio
import io

import pytest

from domain.dispute import Dispute
from domain.exceptions import InvalidValue
from infrastructure.evidence_files import FileRefused, checked, detect_type, read_bounded
from tests.unit.dispute_builders import DIGEST, opened, stamp

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("content", "media_type"),
    [(PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, "image/png")],
)
def test_the_type_is_detected_from_the_magic_number(content: bytes, media_type: str) -> None:
    assert detect_type(content) == media_type
    assert checked(content, 1024).media_type == media_type


@pytest.mark.parametrize(
    "content",
    [
        b"GIF89a\x01\x00",
        b"<html><script>alert(1)</script>",
        b"PK\x03\x04 a zip or docx",
        b" %PDF-1.4 not at the start",
        b"\x89PNG\r\n",  # a PNG signature cut short
    ],
)
def test_anything_but_pdf_jpeg_png_is_refused(content: bytes) -> None:
    assert detect_type(content) is None
    with pytest.raises(FileRefused) as refused:
        checked(content, 1024)
    assert refused.value.problem == "wrong_type"


def test_an_empty_or_too_big_file_is_refused() -> None:
    with pytest.raises(FileRefused, match="empty"):
        checked(b"", 1024)
    with pytest.raises(FileRefused, match="too_big"):
        checked(PDF + b"x" * 1024, 1024)


class Chunked:
    """An upload that hands out its bytes in small chunks, and counts the reads."""

    def __init__(self, content: bytes) -> None:
        self.stream = io.BytesIO(content)
        self.reads = 0

    async def read(self, size: int = -1) -> bytes:
        self.reads += 1
        return self.stream.read(min(size, 100))


def test_reading_stops_as_soon_as_the_limit_is_passed() -> None:
    upload = Chunked(PDF + b"x" * 100_000)
    with pytest.raises(FileRefused, match="too_big"):
        asyncio.run(read_bounded(upload, 1000))
    assert upload.reads <= 11  # not the whole 100 kB


def test_a_file_within_the_limit_is_read_whole() -> None:
    content = PDF + b"x" * 5000
    assert asyncio.run(read_bounded(Chunked(content), 10_000)) == content


def test_evidence_with_a_file_holds_its_type_and_size() -> None:
    dispute = opened()
    dispute.add_evidence(
        document_id="sha256:x", sha256=DIGEST, description="工资条", media_type="image/png",
        size=2048, **stamp(),
    )  # fmt: skip
    assert dispute.evidence[0]["media_type"] == "image/png"
    assert dispute.evidence[0]["size"] == 2048


def test_a_type_without_a_size_is_refused() -> None:
    with pytest.raises(InvalidValue):
        opened().add_evidence(
            document_id="d", sha256=DIGEST, description="工资条", media_type="image/png",
            **stamp(),
        )  # fmt: skip


def test_an_evidence_event_stored_before_files_replays_without_type_and_size() -> None:
    dispute = opened()
    dispute.add_evidence(document_id="DOC-1", sha256=DIGEST, description="工资条", **stamp())
    opening, added = dispute.collect_events()
    # As stored before evidence files: the event's state has no media_type or size.
    old_state = {k: v for k, v in added.__dict__.items() if k not in ("media_type", "size")}
    old = object.__new__(type(added))
    object.__setattr__(old, "__dict__", old_state)

    replayed = old.mutate(opening.mutate(None))

    assert isinstance(replayed, Dispute)
    assert replayed.evidence == [
        {
            "document_id": "DOC-1",
            "sha256": DIGEST,
            "description": "工资条",
            "added_on": stamp()["occurred_on"],
            "added_by": "wang.fang",
            "media_type": None,
            "size": None,
        }
    ]
