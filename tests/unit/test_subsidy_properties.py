"""Properties of the subsidy rules over random journeys: caps, uniqueness, determinism."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Any
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.placement_terms import PlacementKind, month_of
from domain.subsidy_history import (
    ConfirmedMonth,
    EventRef,
    PlacementRecord,
    StatusChange,
    TransferRecord,
    WorkerHistory,
)
from domain.subsidy_policy import DEFAULT_POLICIES, PolicyBook
from domain.subsidy_rules import Entitlement, SubsidyKind, evaluate
from domain.transfer import TransferState
from domain.worker_profile import PovertyStatus
from tests.unit.subsidy_builders import WORKER, months

# Half the journeys are tidy (arrived in Shandong, cross-province jobs there, long spells,
# an eligible status at registration) so that stable employment and the caps are reached
# often; the other half draws every value, noise included.
TIDY: dict[str, list[Any]] = {
    "destination": ["370602", "370613"],
    "state": [TransferState.ARRIVED, TransferState.RETURNED],
    "kind": [PlacementKind.CROSS_PROVINCE],
    "division": ["370602", "370613"],
    "status": [PovertyStatus.LIFTED_OUT_OF_POVERTY, PovertyStatus.MONITORED_AT_RISK],
}
ANY: dict[str, list[Any]] = {
    "destination": ["370602", "370613", "320500", "500237"],
    "state": list(TransferState),
    "kind": list(PlacementKind),
    "division": ["370602", "370613", "320500", "500237"],
    "status": list(PovertyStatus),
}
FIRST_DAY = date(2020, 10, 1)  # a little before the first policy
SPAN_DAYS = 3 * 365
ARRIVED_STATES = (TransferState.ARRIVED, TransferState.RETURNED)
RAISED = replace(
    DEFAULT_POLICIES.versions[0],
    version="2022-鲁渝-2",
    effective_from=date(2022, 1, 1),
    stable_job_amount_per_month=Decimal("1500.00"),
    stable_job_cap=Decimal("7000.00"),
    stable_months=4,
)
BOOKS = st.sampled_from([DEFAULT_POLICIES, DEFAULT_POLICIES.with_version(RAISED)])
PROPERTY = settings(max_examples=200, deadline=None)

days = st.integers(0, SPAN_DAYS).map(lambda n: FIRST_DAY + timedelta(days=n))
early_days = st.integers(0, 400).map(lambda n: FIRST_DAY + timedelta(days=n))


@st.composite
def statuses(draw: st.DrawFn, values: dict[str, list[Any]]) -> tuple[StatusChange, ...]:
    """Statements in recording order, the first (registration) early in the span; the
    effective dates of later ones fall anywhere, before or after it (back-dating)."""
    registered_on = draw(early_days)
    registration = (registered_on, draw(st.sampled_from(values["status"])))
    later = st.tuples(days, st.sampled_from(ANY["status"]))
    drawn = [registration, *draw(st.lists(later, max_size=3))]
    return tuple(
        StatusChange(on, value, EventRef(WORKER, version))
        for version, (on, value) in enumerate(drawn, start=1)
    )


@st.composite
def transfers(draw: st.DrawFn, values: dict[str, list[Any]]) -> tuple[TransferRecord, ...]:
    found = []
    for number in range(draw(st.integers(1 if values is TIDY else 0, 3))):
        transfer_id = UUID(int=1000 + number)
        state = draw(st.sampled_from(values["state"]))
        arrived_on = draw(days) if state in ARRIVED_STATES else None
        evidence = (EventRef(transfer_id, 1), EventRef(transfer_id, 3))
        destination = draw(st.sampled_from(values["destination"]))
        found.append(TransferRecord(transfer_id, destination, state, arrived_on, evidence))
    return tuple(found)


@st.composite
def placements(
    draw: st.DrawFn, moves: tuple[TransferRecord, ...], values: dict[str, list[Any]]
) -> tuple[PlacementRecord, ...]:
    found = []
    for number in range(draw(st.integers(1 if values is TIDY else 0, 4))):
        placement_id = UUID(int=2000 + number)
        via = draw(st.sampled_from([None, *moves, *moves]))
        anchor = via.arrived_on if via is not None and via.arrived_on else draw(days)
        started_on = anchor + timedelta(days=draw(st.integers(-10, 60)))
        tidy = values is TIDY
        lengths = st.integers(3 if tidy else 1, 10)
        spells = draw(
            st.lists(st.tuples(st.integers(-2, 14), lengths), min_size=1 if tidy else 0, max_size=3)
        )
        first = month_of(started_on)
        confirmed = sorted({m for offset, length in spells for m in _months(first, offset, length)})
        found.append(
            PlacementRecord(
                placement_id=placement_id,
                transfer_id=via.transfer_id if via else draw(st.sampled_from([None, UUID(int=9)])),
                kind=draw(st.sampled_from(values["kind"])),
                workplace_division=draw(st.sampled_from(values["division"])),
                started_on=started_on,
                ended_on=None,
                months=tuple(
                    ConfirmedMonth(m, EventRef(placement_id, 2 + i))
                    for i, m in enumerate(confirmed)
                ),
                evidence=(EventRef(placement_id, 1),),
            )
        )
    return tuple(found)


def _months(first: str, offset: int, length: int) -> list[str]:
    index = int(first[:4]) * 12 + int(first[5:7]) - 1 + offset
    return months(f"{index // 12:04d}-{index % 12 + 1:02d}", length)


@st.composite
def journeys(draw: st.DrawFn) -> WorkerHistory:
    values = draw(st.sampled_from([TIDY, ANY]))
    moves = draw(transfers(values))
    return WorkerHistory(WORKER, draw(statuses(values)), moves, draw(placements(moves, values)))


def _of(found: list[Entitlement], kind: SubsidyKind) -> list[Entitlement]:
    return [e for e in found if e.kind is kind]


@PROPERTY
@given(journeys(), BOOKS)
def test_the_caps_hold_over_the_whole_history(history: WorkerHistory, book: PolicyBook) -> None:
    found = evaluate(history, book)
    running = Decimal("0.00")
    caps = {p.version: p.stable_job_cap for p in book.versions}
    for entitlement in _of(found, SubsidyKind.STABLE_JOB):
        running += entitlement.amount
        assert running <= caps[entitlement.policy_version]
    assert running <= max(caps.values())
    assert len(_of(found, SubsidyKind.LIFE_ADAPTATION)) <= 1
    programme_start = book.versions[0].effective_from
    arrived = {
        f"transfer:{t.transfer_id}"
        for t in history.transfers
        if t.arrived_on is not None and t.arrived_on >= programme_start
    }
    transport = [e.basis for e in _of(found, SubsidyKind.TRANSPORT_LIVING)]
    assert len(transport) == len(set(transport))
    assert set(transport) == arrived


@PROPERTY
@given(journeys(), BOOKS)
def test_every_entitlement_is_unique_by_kind_and_basis_and_exact_money(
    history: WorkerHistory, book: PolicyBook
) -> None:
    found = evaluate(history, book)
    assert not [key for key, n in Counter((e.kind, e.basis) for e in found).items() if n > 1]
    for entitlement in found:
        assert entitlement.amount > 0
        assert entitlement.amount == entitlement.amount.quantize(Decimal("0.01"))
        assert entitlement.evidence == tuple(sorted(set(entitlement.evidence)))
        assert book.in_force(entitlement.arose_on).version == entitlement.policy_version


@PROPERTY
@given(journeys())
def test_only_eligible_statuses_ever_get_the_stable_job_or_life_adaptation_subsidy(
    history: WorkerHistory,
) -> None:
    general_only = replace(
        history,
        statuses=tuple(replace(s, status=PovertyStatus.GENERAL) for s in history.statuses),
    )
    found = evaluate(general_only, DEFAULT_POLICIES)
    assert {e.kind for e in found} <= {SubsidyKind.TRANSPORT_LIVING}


@PROPERTY
@given(journeys())
def test_stable_job_months_lie_in_runs_of_six_confirmed_months_in_shandong(
    history: WorkerHistory,
) -> None:
    shandong = {
        m.month
        for p in history.placements
        if p.kind is PlacementKind.CROSS_PROVINCE and p.workplace_division.startswith("37")
        for m in p.months
    }
    for entitlement in _of(evaluate(history, DEFAULT_POLICIES), SubsidyKind.STABLE_JOB):
        month = entitlement.basis.removeprefix("month:")
        assert any(
            month in window and set(window) <= shandong
            for window in (_months(first, 0, 6) for first in _months(month, -5, 6))
        )


@PROPERTY
@given(journeys(), BOOKS, st.integers(0, 2**32 - 1))
def test_evaluation_is_deterministic_whatever_the_order_facts_are_listed_in(
    history: WorkerHistory, book: PolicyBook, seed: int
) -> None:
    first = evaluate(history, book)
    assert evaluate(history, book) == first
    shuffle = Random(seed).sample
    reordered = WorkerHistory(
        history.worker_id,
        tuple(shuffle(history.statuses, len(history.statuses))),
        tuple(shuffle(history.transfers, len(history.transfers))),
        tuple(
            replace(p, months=tuple(shuffle(p.months, len(p.months))))
            for p in shuffle(history.placements, len(history.placements))
        ),
    )
    assert evaluate(reordered, book) == first
