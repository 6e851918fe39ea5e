"""The hash chain that makes the event log tamper-evident (防篡改).

Each stored event is linked to the one stored before it:

    chain_hash(n) = SHA-256(position, aggregate id, version, topic,
                            SHA-256(stored state bytes), chain_hash(n - 1))

with 32 zero bytes before the first event. Every field is length-prefixed (and
the encoding is tagged with a version), so two different inputs never encode
alike. The chain links consecutive *stored* events, not consecutive integers:
positions may have gaps (sequence values of rolled-back transactions). The state
is hashed exactly as stored — ciphertext when the event store encrypts.

Pure: no I/O. Reading the log and the chain table is the infrastructure's job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from application.projections.columns import BigInt, Position

GENESIS = bytes(32)  # the "previous hash" of the first event
ENCODING_TAG = b"laborbridge.chain.v1"


class StoredRecord(Protocol):
    """An event as the event store holds it (the library's `Notification`)."""

    @property
    def id(self) -> int: ...  # its log position
    @property
    def originator_id(self) -> UUID | str: ...
    @property
    def originator_version(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def state(self) -> bytes: ...


@dataclass(frozen=True)
class ChainLink:
    """One row of the chain: what was hashed, and the hash (both as hex). Its
    fields are the columns of the integrity read model's table."""

    position: Position
    aggregate_id: str
    version: BigInt
    topic: str
    payload_sha256: str
    chain_hash: str

    @property
    def digest(self) -> bytes:
        return bytes.fromhex(self.chain_hash)


def chain_hash(
    previous: bytes,
    *,
    position: int,
    aggregate_id: str,
    version: int,
    topic: str,
    payload_sha256: bytes,
) -> bytes:
    """SHA-256 over the length-prefixed fields, ending with the previous hash."""
    if len(previous) != 32 or len(payload_sha256) != 32:
        raise ValueError("hashes in the chain are 32 bytes")
    digest = hashlib.sha256()
    for field in (
        ENCODING_TAG,
        position.to_bytes(8, "big", signed=True),
        aggregate_id.encode(),
        version.to_bytes(8, "big", signed=True),
        topic.encode(),
        payload_sha256,
        previous,
    ):
        digest.update(len(field).to_bytes(8, "big"))
        digest.update(field)
    return digest.digest()


def link(record: StoredRecord, previous: bytes) -> ChainLink:
    """The chain link of a stored event, given the hash of the event before it."""
    payload = hashlib.sha256(record.state).digest()
    aggregate_id = str(record.originator_id)
    hashed = chain_hash(
        previous,
        position=record.id,
        aggregate_id=aggregate_id,
        version=record.originator_version,
        topic=record.topic,
        payload_sha256=payload,
    )
    return ChainLink(
        record.id,
        aggregate_id,
        record.originator_version,
        record.topic,
        payload.hex(),
        hashed.hex(),
    )


def links(records: Iterable[StoredRecord], previous: bytes = GENESIS) -> Iterator[ChainLink]:
    """The links of consecutive stored events (in log order), from `previous`."""
    for record in records:
        current = link(record, previous)
        previous = current.digest
        yield current
