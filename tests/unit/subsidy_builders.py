"""Shared inputs for the subsidy rule tests: small histories built from plain facts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import count
from uuid import UUID

from domain.placement_terms import PlacementKind
from domain.subsidy_history import (
    ConfirmedMonth,
    EventRef,
    PlacementRecord,
    StatusChange,
    TransferRecord,
    WorkerHistory,
)
from domain.subsidy_rules import Entitlement, SubsidyKind
from domain.transfer import TransferState
from domain.worker_profile import PovertyStatus

WORKER = UUID(int=1)
YANTAI = "370602"  # 芝罘区, Shandong: the partner province
SUZHOU = "320500"  # Jiangsu: another province
WUSHAN = "500237"  # the origin county, Chongqing
LIFTED = PovertyStatus.LIFTED_OUT_OF_POVERTY
MONITORED = PovertyStatus.MONITORED_AT_RISK
GENERAL = PovertyStatus.GENERAL
ARRIVED_ON = date(2026, 3, 20)

_ids = count(100)


def fresh_id() -> UUID:
    return UUID(int=next(_ids))


def months(first: str, how_many: int) -> list[str]:
    """`how_many` consecutive months from `first` (YYYY-MM)."""
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(start, start + how_many)]


def status(effective_on: date, value: PovertyStatus, recorded_as: int = 1) -> StatusChange:
    """A statement of status; `recorded_as` is the worker aggregate's version."""
    return StatusChange(effective_on, value, EventRef(WORKER, recorded_as))


def transfer(
    destination: str = YANTAI,
    arrived_on: date | None = ARRIVED_ON,
    state: TransferState = TransferState.ARRIVED,
) -> TransferRecord:
    transfer_id = fresh_id()
    evidence = (EventRef(transfer_id, 1),) + ((EventRef(transfer_id, 3),) if arrived_on else ())
    return TransferRecord(transfer_id, destination, state, arrived_on, evidence)


def placement(
    confirmed: Iterable[str],
    via: TransferRecord | None,
    *,
    division: str = YANTAI,
    kind: PlacementKind = PlacementKind.CROSS_PROVINCE,
    started_on: date = date(2026, 3, 21),
) -> PlacementRecord:
    placement_id = fresh_id()
    return PlacementRecord(
        placement_id=placement_id,
        transfer_id=via.transfer_id if via is not None else None,
        kind=kind,
        workplace_division=division,
        started_on=started_on,
        ended_on=None,
        months=tuple(
            ConfirmedMonth(m, EventRef(placement_id, 2 + i)) for i, m in enumerate(confirmed)
        ),
        evidence=(EventRef(placement_id, 1),),
    )


def history(
    statuses: Sequence[StatusChange] = (),
    transfers: Sequence[TransferRecord] = (),
    placements: Sequence[PlacementRecord] = (),
) -> WorkerHistory:
    return WorkerHistory(WORKER, tuple(statuses), tuple(transfers), tuple(placements))


def of_kind(found: list[Entitlement], kind: SubsidyKind) -> list[Entitlement]:
    return [e for e in found if e.kind is kind]


def stable_job_months(found: list[Entitlement]) -> list[str]:
    return [e.basis.removeprefix("month:") for e in of_kind(found, SubsidyKind.STABLE_JOB)]


def total(found: list[Entitlement], kind: SubsidyKind) -> Decimal:
    return sum((e.amount for e in of_kind(found, kind)), Decimal("0.00"))
