"""Comparing the log with its chain: the first position where they part, and how."""

from __future__ import annotations

from dataclasses import replace

from application.integrity_chain import ChainLink, links
from application.integrity_check import ChainAudit, DivergenceKind, audit_chain
from tests.unit.test_integrity_chain import Stored, stored

LOG = [stored(p, state=f'{{"n":{p}}}'.encode()) for p in (1, 2, 3, 5, 6, 9, 10)]  # with gaps
CHAIN = list(links(LOG))


def audit(log: list[Stored], chain: list[ChainLink] = CHAIN, at: int | None = None) -> ChainAudit:
    return audit_chain(log, chain, covered_to=10, at=at)


def without(position: int, log: list[Stored] = LOG) -> list[Stored]:
    return [r for r in log if r.id != position]


def test_a_log_that_matches_its_chain_is_intact() -> None:
    result = audit(LOG)

    assert result.intact
    assert (result.checked, result.uncovered, result.head) == (7, 0, CHAIN[-1])


def test_a_changed_payload_is_found_at_its_position() -> None:
    log = [replace(r, state=b"{}") if r.id == 5 else r for r in LOG]

    result = audit(log)

    assert result.divergence is not None
    assert (result.divergence.position, result.divergence.kind) == (5, DivergenceKind.CHANGED)
    assert result.divergence.detail == "the stored payload differs from the one chained"
    assert result.checked == 3


def test_a_changed_topic_is_named() -> None:
    log = [replace(r, topic="x:Y") if r.id == 2 else r for r in LOG]

    divergence = audit(log).divergence
    assert divergence is not None
    assert divergence.detail == "the event type differs from the one chained"


def test_a_deleted_event_is_found_at_its_position() -> None:
    result = audit(without(5))

    assert result.divergence is not None
    assert (result.divergence.position, result.divergence.kind) == (5, DivergenceKind.DELETED)


def test_deleting_the_last_chained_event_is_found() -> None:
    result = audit(without(10))

    assert result.divergence is not None
    assert (result.divergence.position, result.divergence.kind) == (10, DivergenceKind.DELETED)


def test_an_event_inserted_into_a_gap_is_found_at_its_position() -> None:
    log = sorted([*LOG, stored(4)], key=lambda r: r.id)

    result = audit(log)

    assert result.divergence is not None
    assert (result.divergence.position, result.divergence.kind) == (4, DivergenceKind.INSERTED)


def test_an_event_inserted_before_the_first_is_found() -> None:
    result = audit([stored(0), *LOG])

    assert result.divergence is not None
    assert (result.divergence.position, result.divergence.kind) == (0, DivergenceKind.INSERTED)


def test_events_after_the_chain_head_are_counted_not_reported() -> None:
    result = audit([*LOG, stored(11), stored(14)])

    assert result.intact
    assert (result.uncovered, result.head) == (2, CHAIN[-1])


def test_an_event_rewritten_with_its_chain_row_breaks_the_next_link() -> None:
    forged = replace(LOG[2], state=b"{}")
    log = [forged if r.id == forged.id else r for r in LOG]
    prior = CHAIN[1]
    chain = [*CHAIN[:2], *list(links([forged], prior.digest)), *CHAIN[3:]]

    result = audit(log, chain)

    assert result.divergence is not None
    assert (result.divergence.position, result.divergence.kind) == (5, DivergenceKind.CHANGED)
    assert "its chain hash does not" in result.divergence.detail


def test_a_rewritten_log_with_a_rebuilt_chain_is_intact_but_hashes_differently_at_a_position() -> (
    None
):
    log = [replace(r, state=b"{}") if r.id == 2 else r for r in LOG]

    result = audit(log, list(links(log)), at=6)

    assert result.intact  # only a checkpoint kept elsewhere can tell
    assert result.at is not None
    assert result.at.position == 6
    assert result.at.chain_hash != CHAIN[4].chain_hash
    assert audit(LOG, at=6).at == CHAIN[4]


def test_the_link_at_a_position_in_a_gap_is_the_last_one_before_it() -> None:
    assert audit(LOG, at=8).at == CHAIN[4]
    assert audit(LOG, at=0).at is None


def test_a_payload_that_is_not_its_events_is_damaged_even_under_a_rebuilt_chain() -> None:
    moved = {5: LOG[1].state}  # position 2's payload stored at position 5
    log = [replace(r, state=moved.get(r.id, r.state)) for r in LOG]
    seen: list[int] = []

    def belongs(record: Stored) -> str | None:
        seen.append(record.id)
        return "not this event's" if record.state != f'{{"n":{record.id}}}'.encode() else None

    result = audit_chain(log, list(links(log)), covered_to=6, payloads=belongs)

    assert result.divergence is None  # the chain was rebuilt over the move
    assert result.damage is not None
    assert (result.damage.position, result.damage.kind) == (5, DivergenceKind.DAMAGED)
    assert result.damage.detail == "not this event's"
    assert not result.intact
    assert seen == [r.id for r in LOG]  # also the events after the chain's head
