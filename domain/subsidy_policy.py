"""Subsidy policies (补贴政策): the programme's figures, versioned by effective date.

Every parameter the rules use lives here, so a new policy version (a new amount,
cap, eligible status or partner province) is a new `SubsidyPolicy` in the book —
no code path changes. The policy in force on the date an entitlement arose applies.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.exceptions import DomainError, InvalidValue
from domain.money import FEN
from domain.worker_profile import PovertyStatus

_PROVINCE = re.compile(r"[1-9][0-9]")  # the first two digits of a GB/T 2260 code


class NoPolicyInForce(DomainError):
    """No subsidy policy had taken effect on the date asked about."""

    def __init__(self, on: date, first: date) -> None:
        super().__init__(
            f"no subsidy policy was in force on {on.isoformat()}: "
            f"the first one took effect on {first.isoformat()}"
        )
        self.on = on
        self.first = first


@dataclass(frozen=True)
class SubsidyPolicy:
    """One version of the programme's subsidy figures (鲁渝劳务协作补贴标准)."""

    version: str
    effective_from: date
    transport_amount: Decimal = Decimal("1500.00")  # 交通生活补贴, per arrived transfer
    stable_job_amount_per_month: Decimal = Decimal("1000.00")  # 稳岗补贴, per month
    stable_job_cap: Decimal = Decimal("6000.00")  # per worker, across the whole history
    stable_months: int = 6  # 稳定就业: this many consecutive confirmed months
    stable_job_statuses: frozenset[PovertyStatus] = frozenset(
        {PovertyStatus.LIFTED_OUT_OF_POVERTY, PovertyStatus.MONITORED_AT_RISK}
    )
    life_adaptation_amount: Decimal = Decimal("5000.00")  # 生活适应期补贴, once
    life_adaptation_statuses: frozenset[PovertyStatus] = frozenset(
        {PovertyStatus.LIFTED_OUT_OF_POVERTY}
    )
    partner_province: str = "37"  # 山东省: the first two digits of a division code

    def __post_init__(self) -> None:
        if not self.version.strip():
            raise InvalidValue("version", "must not be empty")
        for field in (
            "transport_amount",
            "stable_job_amount_per_month",
            "stable_job_cap",
            "life_adaptation_amount",
        ):
            _ensure_money(getattr(self, field), field)
        if self.stable_months < 1:
            raise InvalidValue("stable_months", "must be at least one month")
        if not _PROVINCE.fullmatch(self.partner_province):
            raise InvalidValue("partner_province", "must be the two-digit code of a province")

    def in_partner_province(self, division: str) -> bool:
        return division[:2] == self.partner_province


def _ensure_money(amount: Decimal, field: str) -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise InvalidValue(field, "must be a decimal amount")
    if amount < 0 or amount != amount.quantize(FEN):
        raise InvalidValue(field, "must be a non-negative amount with at most two decimals")


class PolicyBook:
    """All versions of the policy; answers which one was in force on a day."""

    def __init__(self, policies: Iterable[SubsidyPolicy]) -> None:
        ordered = tuple(sorted(policies, key=lambda p: p.effective_from))
        if not ordered:
            raise InvalidValue("policies", "must hold at least one version")
        versions = [p.version for p in ordered]
        if len(set(versions)) != len(versions):
            raise InvalidValue("policies", "must not hold the same version twice")
        starts = [p.effective_from for p in ordered]
        if len(set(starts)) != len(starts):
            raise InvalidValue("policies", "must not have two versions taking effect the same day")
        self._policies = ordered
        self._starts = starts

    @property
    def versions(self) -> tuple[SubsidyPolicy, ...]:
        """Every version, oldest first."""
        return self._policies

    def in_force(self, on: date) -> SubsidyPolicy:
        """The latest version that had taken effect on `on`."""
        index = bisect_right(self._starts, on)
        if index == 0:
            raise NoPolicyInForce(on, self._starts[0])
        return self._policies[index - 1]

    def with_version(self, policy: SubsidyPolicy) -> PolicyBook:
        """A new book with one more version (the old book is left as it was)."""
        return PolicyBook((*self._policies, policy))

    def __repr__(self) -> str:
        return f"PolicyBook({[p.version for p in self._policies]!r})"


DEFAULT_POLICIES = PolicyBook(
    [SubsidyPolicy(version="2021-鲁渝-1", effective_from=date(2021, 1, 1))]
)
