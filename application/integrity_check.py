"""Recompute the chain from the stored events and compare it with the chain kept
by the integrity projection, position by position: where do they first differ?

- `changed`: the same position in both, but a field, the payload or the chain
  hash differs (a rewritten event, or a rewritten chain row);
- `deleted`: the chain has a position the log no longer has;
- `inserted`: the log has a position inside the chained range the chain never saw.

Events after the chain's head are not an error: the projection has not reached
them yet (`uncovered`). Pure: the caller streams both sides in position order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from application.integrity_chain import GENESIS, ChainLink, StoredRecord, link


class DivergenceKind(StrEnum):
    CHANGED = "changed"
    DELETED = "deleted"
    INSERTED = "inserted"


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

    @property
    def intact(self) -> bool:
        return self.divergence is None


def audit_chain(
    log: Iterable[StoredRecord],
    chain: Iterable[ChainLink],
    *,
    covered_to: int,
    at: int | None = None,
) -> ChainAudit:
    """Walk the whole log once. `at`: also recompute the link at that position
    (a checkpoint's), from the stored events alone."""
    walk = _Walk(iter(chain), covered_to, at)
    for record in log:
        walk.see(record)
    walk.finish()
    return ChainAudit(covered_to, walk.checked, walk.divergence, walk.uncovered, walk.head, walk.at)


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
