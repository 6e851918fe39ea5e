"""The subsidy year of the demo: the policy process finds what is owed, the
office approves, pays, rejects and revokes, and a few corrections show what a
withdrawn month does to subsidies already paid (overpaid) or not (withdrawn)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from uuid import UUID

from application import commands as c
from application.journey import Journey
from domain.subsidy import Subsidy
from interfaces.demo.staff import MEDIATOR, WHERE_THEY_ARE, WUSHAN

ASSESSED_TOPIC = "domain.subsidy:Subsidy.Assessed"
# What the office does with a newly assessed subsidy (the rest stay assessed).
DECISIONS = [("pay", 45), ("approve", 15), ("reject", 4), ("revoke", 3), ("leave", 33)]


class SubsidyYear:
    def __init__(
        self,
        journey: Journey,
        rng: random.Random,
        counts: Counter[str],
        evaluate_all: Callable[[], object],
    ) -> None:
        self.journey = journey
        self.rng = rng
        self.counts = counts
        self.evaluate_all = evaluate_all  # the policy process, caught up to the head

    def run(self, workers: set[UUID]) -> None:
        self.evaluate_all()
        subsidies = self._assessed_for(workers)
        stable = sorted({s.worker_id for s in subsidies if s.kind.value == "stable_job"})
        corrected = set(self.rng.sample(stable, k=max(1, len(stable) // 10))) if stable else set()
        # Of the workers a correction will reach, half were paid already (their
        # subsidies become overpaid), half not yet (theirs are withdrawn).
        paid_before = set(sorted(corrected)[::2])
        for subsidy in subsidies:
            if subsidy.worker_id in corrected:
                decision = "pay" if subsidy.worker_id in paid_before else "leave"
            else:
                decision = self._decision()
            self._decide(subsidy.id, decision)
        for worker_id in sorted(corrected):
            self._withdraw_a_month(worker_id, subsidies)
        self.evaluate_all()
        for subsidy in self._assessed_for(workers):
            self.counts[f"subsidies {subsidy.status.value}"] += 1
            self.counts[f"subsidies ({subsidy.kind.value})"] += 1

    def _decision(self) -> str:
        names, weights = zip(*DECISIONS, strict=True)
        return str(self.rng.choices(names, weights)[0])

    def _decide(self, subsidy_id: UUID, decision: str) -> None:
        j, office = self.journey, WUSHAN
        if decision == "reject":
            reason = "未提供劳动合同，材料不全"
            j.reject_subsidy(c.RejectSubsidy(actor=office, subsidy_id=subsidy_id, reason=reason))
            return
        if decision in ("pay", "approve", "revoke"):
            j.approve_subsidy(c.ApproveSubsidy(actor=office, subsidy_id=subsidy_id))
        if decision in ("pay", "revoke"):
            reference = f"WS-BT-{self.rng.randrange(10**7, 10**8)}"
            j.pay_subsidy(
                c.PaySubsidy(actor=office, subsidy_id=subsidy_id, payment_reference=reference)
            )
        if decision == "revoke":
            reason = "核查发现重复申报，追回"
            j.revoke_subsidy(c.RevokeSubsidy(actor=office, subsidy_id=subsidy_id, reason=reason))

    def _withdraw_a_month(self, worker_id: UUID, subsidies: list[Subsidy]) -> None:
        """A payroll check finds the third month of the run was not worked."""
        months = sorted(
            (s for s in subsidies if s.worker_id == worker_id and s.kind.value == "stable_job"),
            key=lambda s: s.basis,
        )
        if len(months) < 3:
            return
        month = months[2]
        evidence = [UUID(str(e["aggregate_id"])) for e in month.evidence]
        placement_id = next(i for i in evidence if _is_placement(self.journey, i))
        # Withdrawn where the worker is: the receiving office while it serves them.
        served = self.journey.served_by(worker_id, MEDIATOR)
        self.journey.withdraw_month(
            c.WithdrawMonth(
                actor=WHERE_THEY_ARE[served.host_office or served.home_office],
                placement_id=placement_id,
                month=month.basis.removeprefix("month:"),
                reason="复核工资表发现当月未出勤",
            )
        )
        self.counts["months withdrawn"] += 1

    def _assessed_for(self, workers: set[UUID]) -> list[Subsidy]:
        found = []
        start = 1
        while page := self.journey.recorder.select_notifications(
            start=start, limit=1000, topics=[ASSESSED_TOPIC]
        ):
            for n in page:
                subsidy = self.journey.subsidy(UUID(str(n.originator_id)))
                if subsidy.worker_id in workers:
                    found.append(subsidy)
            start = int(page[-1].id) + 1
        return sorted(found, key=lambda s: (str(s.worker_id), s.kind.value, s.basis))


def _is_placement(journey: Journey, record_id: UUID) -> bool:
    first = next(iter(journey.events.get(record_id, lte=1)), None)
    return first is not None and type(first).__qualname__ == "Placement.Started"
