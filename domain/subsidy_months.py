"""Which confirmed months count as transferred employment in the partner province,
and the runs of consecutive such months that became stable employment (稳定就业).

Each month is judged as at its last day: the policy in force then says which
province is the partner and how many consecutive months make employment stable.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from domain.placement_terms import PlacementKind, month_of
from domain.subsidy_history import EventRef, PlacementRecord, TransferRecord, WorkerHistory
from domain.subsidy_policy import NoPolicyInForce, PolicyBook, SubsidyPolicy


@dataclass(frozen=True)
class PartnerMonth:
    """A month of transferred employment in the partner province."""

    month: str  # YYYY-MM
    ends_on: date  # its last day: when the month's employment is complete
    evidence: tuple[EventRef, ...]  # the confirmations, placements and transfers behind it


@dataclass(frozen=True)
class StableRun:
    """Consecutive partner-province months that reached stable employment.

    `months[stable_at]` is the month in which the run became stable: the first
    whose position in the run reaches the policy's `stable_months`.
    """

    months: tuple[PartnerMonth, ...]
    stable_at: int
    required: int  # the stable_months that applied when the run became stable

    def evidence_through(self, index: int) -> tuple[EventRef, ...]:
        """What a month at `index` relies on: every month of the run up to it,
        and at least up to the month the run became stable."""
        last = max(index, self.stable_at)
        return tuple(sorted({ref for m in self.months[: last + 1] for ref in m.evidence}))


def policy_on(policies: PolicyBook, day: date) -> SubsidyPolicy | None:
    """The policy in force, or None before the programme's first policy (no
    entitlement can arise then)."""
    try:
        return policies.in_force(day)
    except NoPolicyInForce:
        return None


def month_end(month: str) -> date:
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, calendar.monthrange(year, number)[1])


def stable_runs(history: WorkerHistory, policies: PolicyBook) -> list[StableRun]:
    """Every run of consecutive partner-province months that became stable, in
    calendar order. Months from several placements join one run (a change of
    employer without a gap keeps employment stable); a gap starts a new run."""
    runs: list[StableRun] = []
    for months in _consecutive(partner_months(history, policies)):
        run = _stability(months, policies)
        if run is not None:
            runs.append(run)
    return runs


def partner_months(history: WorkerHistory, policies: PolicyBook) -> list[PartnerMonth]:
    """Confirmed months, in order, of cross-province placements in the partner
    province that followed an arrived transfer to it (the placement names that
    transfer, or, naming none, started after it), from the arrival month on."""
    found: dict[str, set[EventRef]] = {}
    for placement in history.placements:
        if placement.kind is not PlacementKind.CROSS_PROVINCE:
            continue
        for confirmed in placement.months:
            policy = policy_on(policies, month_end(confirmed.month))
            if policy is None or not policy.in_partner_province(placement.workplace_division):
                continue
            transfer = _transfer_for(placement, history, policy)
            if transfer is None or confirmed.month < month_of(_arrival(transfer)):
                continue
            refs = found.setdefault(confirmed.month, set())
            refs.update((confirmed.evidence, *placement.evidence, *transfer.evidence))
    return [
        PartnerMonth(month=month, ends_on=month_end(month), evidence=tuple(sorted(refs)))
        for month, refs in sorted(found.items())
    ]


def _transfer_for(
    placement: PlacementRecord, history: WorkerHistory, policy: SubsidyPolicy
) -> TransferRecord | None:
    def qualifies(transfer: TransferRecord | None) -> bool:
        return (
            transfer is not None
            and transfer.arrived
            and policy.in_partner_province(transfer.destination)
        )

    if placement.transfer_id is not None:
        named = history.transfer(placement.transfer_id)
        return named if qualifies(named) else None
    earlier = [t for t in history.transfers if qualifies(t) and _arrival(t) <= placement.started_on]
    # The latest move before the job began is the one it followed.
    return max(earlier, key=lambda t: (_arrival(t), t.transfer_id), default=None)


def _arrival(transfer: TransferRecord) -> date:
    assert transfer.arrived_on is not None
    return transfer.arrived_on


def _index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7])


def _consecutive(months: list[PartnerMonth]) -> Iterator[list[PartnerMonth]]:
    run: list[PartnerMonth] = []
    for month in months:
        if run and _index(month.month) != _index(run[-1].month) + 1:
            yield run
            run = []
        run.append(month)
    if run:
        yield run


def _stability(months: list[PartnerMonth], policies: PolicyBook) -> StableRun | None:
    for index, month in enumerate(months):
        policy = policy_on(policies, month.ends_on)
        if policy is not None and index + 1 >= policy.stable_months:
            return StableRun(months=tuple(months), stable_at=index, required=policy.stable_months)
    return None
