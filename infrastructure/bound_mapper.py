"""Every stored event's payload bound to its place: record id, version and topic.

The library's Mapper hands its cipher bytes only. This one encrypts each event
with its binding (`event_binding`: record id, version, topic) as AES-GCM
associated data, stored as `LBE2`: a payload copied over another event's does
not decrypt there, and reading it raises DamagedRecord naming the record, the
version and the log position — it is never decoded into another worker's data.
Named by MAPPER_TOPIC in the environment that infrastructure/persistence.py builds,
so every Application, projector and log reader opened on it decodes alike.

Events stored before binding existed (`LBE1`) stay readable where the database
allows them: `unbound_before` is the first log position from which every event
must be bound (0: no event may be unbound, as in a database that started bound).
infrastructure/event_binding.py sets it, and how to find a position, at start.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Cipher, Compressor, Mapper, StoredEvent, Transcoder

from application.exceptions import DamagedRecord
from infrastructure.encryption import (
    KeyRing,
    KeyRingCipher,
    NotBoundHere,
    UndecryptableData,
    event_binding,
    is_bound,
    key_id_of,
)

NOT_THIS_EVENT = (
    "its stored payload was not written for this record and version (copied from"
    " another event, or altered)"
)
# The log position of a record's version, or None when it cannot be found.
Locate = Callable[[UUID | str, int], int | None]


class BoundMapper(Mapper[UUID]):
    def __init__(
        self,
        transcoder: Transcoder,
        compressor: Compressor | None = None,
        cipher: Cipher | None = None,
    ) -> None:
        super().__init__(transcoder, compressor, cipher)
        # Encodes and decodes the plaintext; encryption is ours, with the binding.
        self._plain = Mapper[UUID](transcoder, compressor)
        # Until the database is looked at, no unbound payload is accepted.
        self.unbound_before = 0
        self.locate: Locate | None = None

    @property
    def ring(self) -> KeyRing | None:
        return self.cipher.ring if isinstance(self.cipher, KeyRingCipher) else None

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        ring = self.ring
        if ring is None:  # an unencrypted event store (only tests build one)
            return super().to_stored_event(domain_event)
        plain = self._plain.to_stored_event(domain_event)
        binding = event_binding(plain.originator_id, plain.originator_version, plain.topic)
        return StoredEvent(
            originator_id=plain.originator_id,
            originator_version=plain.originator_version,
            topic=plain.topic,
            state=ring.encrypt(plain.state, binding=binding),
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        ring = self.ring
        if ring is None:
            return super().to_domain_event(stored_event)
        plain = StoredEvent(
            originator_id=stored_event.originator_id,
            originator_version=stored_event.originator_version,
            topic=stored_event.topic,
            state=self._open(ring, stored_event),
        )
        return self._plain.to_domain_event(plain)

    def _open(self, ring: KeyRing, stored: StoredEvent) -> bytes:
        """The plaintext of a payload that belongs where it is stored, or DamagedRecord."""
        # Log readers hand over notifications, which know their position.
        position: int | None = getattr(stored, "id", None)
        state = stored.state
        try:
            if is_bound(state):
                binding = event_binding(
                    stored.originator_id, stored.originator_version, stored.topic
                )
                return ring.decrypt(state, binding=binding)
            if key_id_of(state) is None:
                return ring.decrypt(state)  # refused: names why
            if self.unbound_before:  # a database with events stored before binding
                position = position if position is not None else self._position(stored)
                if position is None or position < self.unbound_before:
                    return ring.decrypt(state)
            reason = unbound_refused(self.unbound_before)
        except NotBoundHere:
            # The key check at start proved the ring's keys: the payload is not this event's.
            reason = NOT_THIS_EVENT
        except UndecryptableData as error:
            reason = str(error)
        raise DamagedRecord(
            stored.originator_id,
            stored.originator_version,
            position if position is not None else self._position(stored),
            reason,
        )

    def _position(self, stored: StoredEvent) -> int | None:
        if self.locate is None:
            return None
        return self.locate(stored.originator_id, stored.originator_version)


def not_this_event(record_id: UUID | str, version: int) -> str:
    return (
        f"the stored payload does not belong to record {record_id} version {version}"
        " (copied from another event, or altered)"
    )


def unbound_refused(bound_since: int) -> str:
    """Why an old, unbound payload is refused where it was found."""
    since = f"since log position {bound_since}" if bound_since else "since its first event"
    return (
        "the stored payload is in the old form that is not bound to its record"
        f" (LBE1), and every event of this database is bound {since}: it was"
        " copied here from another event, or written by hand"
    )
