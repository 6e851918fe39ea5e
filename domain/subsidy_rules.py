"""The subsidy rules (补贴规则): what a worker's history entitles them to, and why.

`evaluate` is pure: the same history and policy book always give the same
entitlements in the same order, whatever order the facts were listed in.

- 交通生活补贴 transport & living: per transfer that arrived, arising on arrival.
- 稳岗补贴 stable job: per month of a run of consecutive confirmed months in the
  partner province that became stable employment, while the worker's status is
  eligible; at most the cap per worker across the whole history.
- 生活适应期补贴 life adaptation: once per worker, in the first month of stable
  partner-province employment in which the worker is lifted out of poverty.

Every month is judged as at its last day (the status and the policy then in
force): a worker registered mid-month keeps that month, and a status or policy
takes hold for the first month that ends under it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.subsidy_history import EventRef, StatusChange, WorkerHistory
from domain.subsidy_months import StableRun, policy_on, stable_runs
from domain.subsidy_policy import PolicyBook
from domain.subsidy_wording import (
    life_adaptation_wording,
    stable_job_wording,
    transport_wording,
)
from domain.worker_profile import PovertyStatus

__all__ = ["Entitlement", "SubsidyKind", "evaluate"]

LIFE_ADAPTATION_BASIS = "once"


class SubsidyKind(StrEnum):
    TRANSPORT_LIVING = "transport_living"  # 交通生活补贴
    STABLE_JOB = "stable_job"  # 稳岗补贴
    LIFE_ADAPTATION = "life_adaptation"  # 生活适应期补贴


_KIND_ORDER = {kind: index for index, kind in enumerate(SubsidyKind)}


@dataclass(frozen=True)
class Entitlement:
    """A subsidy the history supports. (worker_id, kind, basis) identifies it:

    - transport: ``transfer:<transfer id>`` — once per transfer;
    - stable job: ``month:YYYY-MM`` — once per calendar month per worker, however
      many placements confirm it; the earliest eligible months are entitled
      until the cap is reached (the last one partly, if the cap demands);
    - life adaptation: ``once`` — once per worker.
    """

    worker_id: UUID
    kind: SubsidyKind
    basis: str
    amount: Decimal
    policy_version: str
    arose_on: date
    evidence: tuple[EventRef, ...]
    explanation_zh: str
    explanation_en: str


def evaluate(history: WorkerHistory, policies: PolicyBook) -> list[Entitlement]:
    """Every entitlement the history supports, ordered by the date it arose,
    then kind, then basis. Facts from before the first policy entitle nothing."""
    runs = stable_runs(history, policies)
    found = [
        *_transport(history, policies),
        *_stable_job(history, runs, policies),
        *_life_adaptation(history, runs, policies),
    ]
    return sorted(found, key=lambda e: (e.arose_on, _KIND_ORDER[e.kind], e.basis))


def _transport(history: WorkerHistory, policies: PolicyBook) -> Iterator[Entitlement]:
    for transfer in history.transfers:
        if transfer.arrived_on is None:
            continue  # arranged, departed or cancelled: no move was completed
        policy = policy_on(policies, transfer.arrived_on)
        if policy is None:
            continue
        zh, en = transport_wording(transfer.arrived_on, transfer.destination, policy)
        yield Entitlement(
            worker_id=history.worker_id,
            kind=SubsidyKind.TRANSPORT_LIVING,
            basis=f"transfer:{transfer.transfer_id}",
            amount=policy.transport_amount,
            policy_version=policy.version,
            arose_on=transfer.arrived_on,
            evidence=tuple(sorted(set(transfer.evidence))),
            explanation_zh=zh,
            explanation_en=en,
        )


def _stable_job(
    history: WorkerHistory, runs: list[StableRun], policies: PolicyBook
) -> Iterator[Entitlement]:
    """Months are taken in calendar order, so the cap always keeps the earliest."""
    total = Decimal("0.00")
    for run in runs:
        for index, month in enumerate(run.months):
            # A month before the run became stable is entitled once it has.
            arose_on = run.months[max(index, run.stable_at)].ends_on
            policy = policy_on(policies, arose_on)
            status = history.status_on(month.ends_on)
            if policy is None or not _holds(status, policy.stable_job_statuses):
                continue
            amount = min(policy.stable_job_amount_per_month, policy.stable_job_cap - total)
            if amount <= 0:
                continue  # the cap is reached (a later, higher cap may still allow more)
            assert status is not None
            total += amount
            zh, en = stable_job_wording(
                run, index, status.status, policy, amount=amount, total=total
            )
            yield Entitlement(
                worker_id=history.worker_id,
                kind=SubsidyKind.STABLE_JOB,
                basis=f"month:{month.month}",
                amount=amount,
                policy_version=policy.version,
                arose_on=arose_on,
                evidence=_with(run.evidence_through(index), status),
                explanation_zh=zh,
                explanation_en=en,
            )


def _life_adaptation(
    history: WorkerHistory, runs: list[StableRun], policies: PolicyBook
) -> Iterator[Entitlement]:
    """Status as at the month stability is reached, or — if the worker was not
    then eligible — the first later month of stable employment in which they are."""
    for run in runs:
        for index in range(run.stable_at, len(run.months)):
            month = run.months[index]
            policy = policy_on(policies, month.ends_on)
            status = history.status_on(month.ends_on)
            if policy is None or not _holds(status, policy.life_adaptation_statuses):
                continue
            assert status is not None
            zh, en = life_adaptation_wording(run, index, status.status, policy)
            yield Entitlement(
                worker_id=history.worker_id,
                kind=SubsidyKind.LIFE_ADAPTATION,
                basis=LIFE_ADAPTATION_BASIS,
                amount=policy.life_adaptation_amount,
                policy_version=policy.version,
                arose_on=month.ends_on,
                evidence=_with(run.evidence_through(index), status),
                explanation_zh=zh,
                explanation_en=en,
            )
            return


def _holds(status: StatusChange | None, eligible: frozenset[PovertyStatus]) -> bool:
    return status is not None and status.status in eligible


def _with(refs: tuple[EventRef, ...], status: StatusChange) -> tuple[EventRef, ...]:
    return tuple(sorted({*refs, status.evidence}))
