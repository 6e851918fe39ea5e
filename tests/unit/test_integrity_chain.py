"""The hash chain over the stored events: what it covers, and in what order."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from uuid import UUID

import pytest

from application.integrity_chain import GENESIS, ChainLink, link, links

AGGREGATE = UUID("6f1c2c64-6b0e-4b8a-9a43-2f4f3bb8a001")


@dataclass(frozen=True)
class Stored:
    id: int
    originator_id: UUID | str
    originator_version: int
    topic: str
    state: bytes


def stored(position: int, **changes: object) -> Stored:
    record = Stored(position, AGGREGATE, position, "domain.worker:Worker.Registered", b"{}")
    return replace(record, **changes)  # type: ignore[arg-type]


def test_the_first_link_hashes_its_fields_after_32_zero_bytes() -> None:
    first = link(stored(1, state=b'{"a":1}'), GENESIS)

    assert first == ChainLink(
        position=1,
        aggregate_id=str(AGGREGATE),
        version=1,
        topic="domain.worker:Worker.Registered",
        payload_sha256=hashlib.sha256(b'{"a":1}').hexdigest(),
        chain_hash=first.chain_hash,
    )
    # Pinned: stored chains stay valid only while the encoding never changes.
    assert first.chain_hash == "e8a093e699809f6925fb1acbb687be40f31a6b8a6ba456381e7dc56a09808f6d"


def test_each_link_hashes_the_one_before_it_so_gaps_in_positions_are_fine() -> None:
    chain = list(links([stored(1), stored(2), stored(7)]))  # 3 to 6 were rolled back

    assert [c.position for c in chain] == [1, 2, 7]
    assert chain[2] == link(stored(7), chain[1].digest)
    assert chain[1] == link(stored(2), chain[0].digest)


def test_the_order_of_the_events_changes_every_hash_after_it() -> None:
    one, two, three = stored(1), stored(2, state=b"x"), stored(3)

    in_order = list(links([one, two, three]))
    swapped = list(links([one, replace(three, id=2), replace(two, id=3)]))

    assert in_order[0] == swapped[0]
    assert in_order[1].chain_hash != swapped[1].chain_hash
    assert in_order[2].chain_hash != swapped[2].chain_hash


@pytest.mark.parametrize(
    "change",
    [
        {"id": 2},
        {"originator_id": UUID("6f1c2c64-6b0e-4b8a-9a43-2f4f3bb8a002")},
        {"originator_version": 2},
        {"topic": "domain.worker:Worker.Deactivated"},
        {"state": b"{} "},
    ],
    ids=["position", "aggregate id", "version", "topic", "stored bytes"],
)
def test_every_field_of_the_stored_event_changes_the_hash(change: dict[str, object]) -> None:
    assert link(stored(1), GENESIS).chain_hash != link(stored(1, **change), GENESIS).chain_hash


def test_the_previous_hash_changes_the_hash() -> None:
    assert link(stored(1), GENESIS) != link(stored(1), b"\x01" * 32)


def test_the_hash_is_sha256_over_length_prefixed_fields_ending_with_the_previous() -> None:
    payload = hashlib.sha256(b"{}").digest()
    fields = [
        b"laborbridge.chain.v1",
        (5).to_bytes(8, "big"),
        str(AGGREGATE).encode(),
        (3).to_bytes(8, "big"),
        b"domain.worker:Worker.Registered",
        payload,
        b"\x07" * 32,
    ]
    expected = hashlib.sha256(b"".join(len(f).to_bytes(8, "big") + f for f in fields))

    assert link(stored(5, originator_version=3), b"\x07" * 32).chain_hash == expected.hexdigest()


def test_a_hash_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        link(stored(1), b"short")
