"""Recompute the chain from the stored events and compare it with the chain kept
by the integrity projection, position by position: where do they first differ?

- `changed`: the same position in both, but a field, the payload or the chain
  hash differs (a rewritten event, or a rewritten chain row);
- `deleted`: the chain has a position the log no longer has;
- `inserted`: the log has a position inside the chained range the chain never saw.

Events after the chain's head are not an error: the projection has not reached
them yet (`uncovered`). Pure: the caller streams both sides in position order.

Apart from the chain, each stored payload may be checked on its own (`payloads`,
given by the infrastructure, which holds the keys): does it decrypt as the event
it is stored as? The first that does not is `damaged` — found whatever the chain
says, so also after the chain was rebuilt over a moved payload.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from application.integrity_chain import GENESIS, ChainLink, StoredRecord, link


class DivergenceKind(StrEnum):
    CHANGED = "changed"
    DELETED = "deleted"
    INSERTED = "inserted"
    DAMAGED = "damaged"


# Why a stored event's payload does not belong where it is stored, or None.
PayloadCheck = Callable[[StoredRecord], str | None]


@dataclass(frozen=True)
class Divergence:
    position: int
    kind: DivergenceKind
    detail: str


@dataclass(frozen=True)
class ChainAudit:
    covered_to: int  # the chain's head position: compared up to here
    checked: int  # events found equal to their chain link
    divergence: Divergence | None  # the first one
    uncovered: int  # stored events after the chain's head
    head: ChainLink | None  # recomputed from the log, at the last event <= covered_to
    at: ChainLink | None  # recomputed from the log, at the last event <= the asked position
    damage: Divergence | None = None  # the first payload that is not its event's

    @property
    def intact(self) -> bool:
        return self.divergence is None and self.damage is None


def audit_chain(
    log: Iterable[StoredRecord],
    chain: Iterable[ChainLink],
    *,
    covered_to: int,
    at: int | None = None,
    payloads: PayloadCheck | None = None,
) -> ChainAudit:
    """Walk the whole log once. `at`: also recompute the link at that position
    (a checkpoint's), from the stored events alone. `payloads`: also check every
    stored payload, chained or not."""
    walk = _Walk(iter(chain), covered_to, at)
    damage = None
    for record in log:
        walk.see(record)
        reason = payloads(record) if payloads is not None else None
        if reason is not None and damage is None:
            damage = Divergence(record.id, DivergenceKind.DAMAGED, reason)
    walk.finish()
    return ChainAudit(
        covered_to, walk.checked, walk.divergence, walk.uncovered, walk.head, walk.at, damage
    )


class _Walk:
    def __init__(self, chain: Iterator[ChainLink], covered_to: int, at: int | None) -> None:
        self.chain = chain
        self.expected = next(chain, None)
        self.covered_to = covered_to
        self.at_position = at
        self.previous = GENESIS
        self.checked = self.uncovered = 0
        self.divergence: Divergence | None = None
        self.head: ChainLink | None = None
        self.at: ChainLink | None = None

    def see(self, record: StoredRecord) -> None:
        current = link(record, self.previous)
        self.previous = current.digest
        if self.at_position is not None and current.position <= self.at_position:
            self.at = current
        if current.position > self.covered_to:
            self.uncovered += 1
            return
        self.head = current
        if self.divergence is None:
            self._compare(current)

    def _compare(self, current: ChainLink) -> None:
        expected = self.expected
        if expected is not None and expected.position < current.position:
            self._diverge(expected.position, DivergenceKind.DELETED, _DELETED)
        elif expected is None or expected.position > current.position:
            self._diverge(current.position, DivergenceKind.INSERTED, _INSERTED)
        else:
            self.expected = next(self.chain, None)
            difference = _difference(expected, current)
            if difference:
                self._diverge(current.position, DivergenceKind.CHANGED, difference)
            else:
                self.checked += 1

    def finish(self) -> None:
        """Chain links left over once the log has ended were deleted from it."""
        expected = self.expected
        if (
            self.divergence is None
            and expected is not None
            and expected.position <= self.covered_to
        ):
            self._diverge(expected.position, DivergenceKind.DELETED, _DELETED)

    def _diverge(self, position: int, kind: DivergenceKind, detail: str) -> None:
        self.divergence = Divergence(position, kind, detail)


_DELETED = "the chain has an event at this position that the log no longer has"
_INSERTED = "the log has an event at this position that the chain never covered"


def _difference(chained: ChainLink, stored: ChainLink) -> str:
    """What differs between the chain's link and the one recomputed from the log."""
    for field, what in (
        ("aggregate_id", "the aggregate id"),
        ("version", "the version"),
        ("topic", "the event type"),
        ("payload_sha256", "the stored payload"),
    ):
        if getattr(chained, field) != getattr(stored, field):
            return f"{what} differs from the one chained"
    if chained.chain_hash != stored.chain_hash:
        return (
            "the event matches but its chain hash does not: the chain table was"
            " altered here, or an earlier event was rewritten together with its chain row"
        )
    return ""
