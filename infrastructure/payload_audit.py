"""`audit verify`: does every stored payload decrypt as the event it is stored as?

Each payload is authenticated with its binding (record id, version, topic), the
way the event store reads it, but straight from the stored bytes and without
decoding them: the first one that does not belong where it is stored is
reported by position, whatever the hash chain says (an attacker with write
access may have rebuilt the chain over a moved payload). Old, unbound payloads
(LBE1) are counted; they are accepted only before the database's first bound
event (see infrastructure/event_binding.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from application.integrity_chain import StoredRecord
from infrastructure.bound_mapper import not_this_event, unbound_refused
from infrastructure.encryption import (
    KeyRing,
    NotBoundHere,
    UndecryptableData,
    event_binding,
    is_bound,
    key_id_of,
)


@dataclass
class PayloadAudit:
    """A PayloadCheck (application/integrity_check.py) over the key ring."""

    ring: KeyRing
    unbound_before: int  # 0: no payload may be unbound
    bound: int = 0  # payloads that decrypt where they are stored
    unbound: int = 0  # old payloads, accepted where they are
    damaged: int = 0
    first_bound: int | None = None  # the position of the first bound payload seen

    def __call__(self, record: StoredRecord) -> str | None:
        reason = self._reason(record)
        if reason is not None:
            self.damaged += 1
        return reason

    def _reason(self, record: StoredRecord) -> str | None:
        state = record.state
        try:
            if is_bound(state):
                binding = event_binding(
                    record.originator_id, record.originator_version, record.topic
                )
                self.ring.decrypt(state, binding=binding)
                if self.first_bound is None:
                    self.first_bound = record.id
                self.bound += 1
                return None
            if key_id_of(state) is None:
                self.ring.decrypt(state)  # refused: names why
            bound_since = self._bound_since()
            if bound_since is not None and record.id >= bound_since:
                return unbound_refused(bound_since)
            self.ring.decrypt(state)
            self.unbound += 1
            return None
        except NotBoundHere:
            return not_this_event(record.originator_id, record.originator_version)
        except UndecryptableData as error:
            return str(error)

    def _bound_since(self) -> int | None:
        """From where every payload must be bound: as the database decided at
        start, or from the first bound one in the log, whichever comes first."""
        if not self.unbound_before:
            return 0
        if self.first_bound is None:
            return self.unbound_before
        return min(self.unbound_before, self.first_bound)
