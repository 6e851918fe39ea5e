"""A programme year of the Wushan ↔ Yantai cooperation, told through the
application's own commands: every rule applies, every event is real.

The same seed gives the same people, dates and outcomes (record ids of
trainings, transfers, placements and disputes are random, as in production).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from application import commands as c
from application.exceptions import DuplicateRegistration
from application.journey import Journey
from domain.actor import Actor
from interfaces.demo.data import (
    COURSES,
    EMPLOYERS,
    LOCAL_EMPLOYERS,
    POSITIONS,
    SECTORS,
    WUSHAN_TOWNSHIPS,
    YANTAI_DIVISIONS,
)
from interfaces.demo.disputes import DisputeCases
from interfaces.demo.identities import IdentityMaker
from interfaces.demo.offices import register_offices
from interfaces.demo.staff import WUSHAN, YANTAI
from interfaces.demo.subsidies import SubsidyYear

YEAR_START = date(2025, 1, 6)


@dataclass
class DemoSummary:
    workers: int = 0
    skipped_existing: int = 0
    counts: Counter[str] = field(default_factory=Counter)


class ProgrammeYear:
    def __init__(self, journey: Journey, seed: int) -> None:
        self.journey = journey
        self.seed = seed
        self.rng = self._rng("start")
        self.people = IdentityMaker()
        self.summary = DemoSummary()
        self.today = journey.today()

    def _rng(self, part: str) -> random.Random:
        # One generator per worker: each story depends only on the seed and the
        # worker's number, so a re-run skips those already loaded and goes on.
        return random.Random(f"{self.seed}:{part}")  # noqa: S311 - invented data, not secrets

    def run(self, workers: int, evaluate_all: Callable[[], object] | None = None) -> DemoSummary:
        """`evaluate_all` runs the subsidy policy over the log; without it the
        year ends with no subsidy decided."""
        placed: list[tuple[UUID, UUID, date]] = []
        registered: set[UUID] = set()
        for n in range(workers):
            self.rng = self._rng(f"worker:{n}")
            worker = self._register(n)
            if worker is None:
                continue
            worker_id, registered_on, status = worker
            registered.add(worker_id)
            ready_on = self._train(worker_id, registered_on)
            placement = self._journey_to_work(worker_id, ready_on, status)
            if placement is not None:
                placed.append((worker_id, *placement))
        disputes = DisputeCases(
            self.journey, self._rng("disputes"), self.today, self.summary.counts
        )
        disputes.open_for(placed)
        if evaluate_all is not None:
            subsidies = SubsidyYear(
                self.journey, self._rng("subsidies"), self.summary.counts, evaluate_all
            )
            subsidies.run(registered)
        return self.summary

    # -- one worker's year -------------------------------------------------------

    def _register(self, n: int) -> tuple[UUID, date, str] | None:
        rng = self.rng
        registered_on = YEAR_START + timedelta(days=rng.randrange(0, 100))
        status = rng.choices(
            ["lifted_out_of_poverty", "monitored_at_risk", "general"], [55, 12, 33]
        )[0]
        person = self.people.person(rng, registered_on)
        try:
            recorded = self.journey.register_worker(
                c.RegisterWorker(
                    actor=WUSHAN,
                    occurred_on=registered_on,
                    name=person.name,
                    id_number=person.id_number,
                    mobile=person.mobile,
                    hukou_division="500237",
                    hukou_township=rng.choice(WUSHAN_TOWNSHIPS),
                    poverty_status=status,
                    education=rng.choice(
                        [
                            "primary",
                            "junior_secondary",
                            "junior_secondary",
                            "senior_secondary",
                            "vocational",
                        ]
                    ),
                    skills=rng.sample(["茶叶采摘", "脆李种植", "砌砖", "驾驶", "烹饪", "缝纫"], 2),
                    intended_destination="370600",
                    intended_sector=rng.choice(SECTORS),
                    consent=True,
                )
            )
        except DuplicateRegistration:
            self.summary.skipped_existing += 1  # loaded before with this seed
            return None
        self.summary.workers += 1
        worker_id = recorded.aggregate_id
        if status == "lifted_out_of_poverty" and rng.random() < 0.3:
            self.journey.record_support_service(
                c.RecordSupportService(
                    actor=WUSHAN,
                    worker_id=worker_id,
                    kind="holiday_visit",
                    description="春节走访慰问",
                    occurred_on=max(registered_on, date(2025, 1, 20)),
                )
            )
        if status == "monitored_at_risk" and rng.random() < 0.4:
            self.journey.change_poverty_status(
                c.ChangePovertyStatus(
                    actor=WUSHAN,
                    worker_id=worker_id,
                    status="lifted_out_of_poverty",
                    source="巫山县防返贫监测帮扶对象风险消除名单",
                    occurred_on=date(2025, 6, 30),
                )
            )
            self.summary.counts["poverty status changes"] += 1
        return worker_id, registered_on, status

    def _train(self, worker_id: UUID, registered_on: date) -> date:
        rng = self.rng
        if rng.random() > 0.6:
            return registered_on
        course, kind, provider = rng.choice(COURSES)
        start = registered_on + timedelta(days=rng.randrange(7, 30))
        end = start + timedelta(days=rng.randrange(5, 20))
        training_id = self.journey.enroll_in_training(
            c.EnrollInTraining(
                actor=WUSHAN,
                worker_id=worker_id,
                course_name=course,
                training_type=kind,
                provider=provider,
                location="巫山县",
                planned_start=start,
                planned_end=end,
                occurred_on=registered_on,
            )
        ).aggregate_id
        self.summary.counts["trainings"] += 1
        if rng.random() < 0.1:
            self.journey.withdraw_from_training(
                c.WithdrawFromTraining(
                    actor=WUSHAN,
                    training_id=training_id,
                    reason="家中有事退出",
                    occurred_on=start + timedelta(days=2),
                )
            )
            self.summary.counts["trainings dropped"] += 1
            return registered_on
        passed = rng.random() < 0.92
        self.journey.complete_training(
            c.CompleteTraining(
                actor=WUSHAN,
                training_id=training_id,
                hours=Decimal(rng.choice([40, 64, 80, 120])),
                result="passed" if passed else "failed",
                occurred_on=end,
            )
        )
        if passed and rng.random() < 0.7:
            self.journey.certify_training(
                c.CertifyTraining(
                    actor=WUSHAN,
                    training_id=training_id,
                    certificate_type="职业技能等级证书",
                    certificate_number=f"S{rng.randrange(10**11, 10**12)}",
                    level="五级/初级工",
                    occurred_on=end + timedelta(days=rng.randrange(7, 30)),
                )
            )
            self.summary.counts["certificates"] += 1
        return end

    def _journey_to_work(
        self, worker_id: UUID, ready_on: date, status: str
    ) -> tuple[UUID, date] | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return self._local_job(worker_id, ready_on)
        if roll > 0.70:
            return None  # stays registered, no move this year
        employer, code = rng.choice(EMPLOYERS)
        planned = ready_on + timedelta(days=rng.randrange(5, 25))
        destination = rng.choice(YANTAI_DIVISIONS)
        transfer_id = self.journey.arrange_transfer(
            c.ArrangeTransfer(
                actor=WUSHAN,
                worker_id=worker_id,
                destination=destination,
                channel=rng.choice(["job_fair", "online_recommendation", "labour_office"]),
                planned_on=planned,
                employer_name=employer,
                occurred_on=ready_on,
            )
        ).aggregate_id
        self.summary.counts["transfers"] += 1
        if rng.random() < 0.08:
            self.journey.cancel_transfer(
                c.CancelTransfer(
                    actor=WUSHAN,
                    transfer_id=transfer_id,
                    reason="家人生病，暂缓外出",
                    occurred_on=planned - timedelta(days=2),
                )
            )
            self.summary.counts["transfers cancelled"] += 1
            return None
        self.journey.record_departure(
            c.RecordDeparture(
                actor=WUSHAN,
                transfer_id=transfer_id,
                mode=rng.choice(["chartered_bus", "train"]),
                occurred_on=planned,
            )
        )
        arrived = planned + timedelta(days=rng.choice([1, 1, 2]))
        self.journey.record_arrival(
            c.RecordArrival(actor=YANTAI, transfer_id=transfer_id, occurred_on=arrived)
        )
        if rng.random() < 0.3:
            self.journey.record_support_service(
                c.RecordSupportService(
                    actor=YANTAI,
                    worker_id=worker_id,
                    kind="onboarding_help",
                    description="入职报到、办理工资卡",
                    occurred_on=arrived,
                )
            )
        start = arrived + timedelta(days=rng.randrange(1, 6))
        placement_id = self._place(
            worker_id, transfer_id, employer, code, start, "cross_province", YANTAI, destination
        )
        ended = self._follow(placement_id, start, YANTAI, ended_early=rng.random() < 0.18)
        if ended is not None and rng.random() < 0.5:
            self.journey.record_return(
                c.RecordReturn(
                    actor=YANTAI,
                    transfer_id=transfer_id,
                    reason="合同结束返乡",
                    occurred_on=ended + timedelta(days=3),
                )
            )
            self.summary.counts["returned home"] += 1
        return placement_id, start

    def _local_job(self, worker_id: UUID, ready_on: date) -> tuple[UUID, date]:
        employer, code = self.rng.choice(LOCAL_EMPLOYERS)
        kind = "public_welfare" if "公益" in employer else "workshop"
        start = ready_on + timedelta(days=self.rng.randrange(3, 20))
        placement_id = self._place(worker_id, None, employer, code, start, kind, WUSHAN)
        self._follow(placement_id, start, WUSHAN, ended_early=False)
        return placement_id, start

    def _place(
        self,
        worker_id: UUID,
        transfer_id: UUID | None,
        employer: str,
        code: str,
        start: date,
        kind: str,
        actor: Actor,
        workplace: str = "500237",
    ) -> UUID:
        rng = self.rng
        local = kind != "cross_province"
        self.summary.counts[f"placements ({kind})"] += 1
        return self.journey.start_placement(
            c.StartPlacement(
                actor=actor,
                worker_id=worker_id,
                transfer_id=transfer_id,
                employer_name=employer,
                employer_code=code,
                workplace_division=workplace,
                position=rng.choice(POSITIONS),
                monthly_wage=Decimal(
                    rng.randrange(1800 if local else 4200, 2600 if local else 7600, 50)
                ),
                contract_type=rng.choice(["fixed_term", "fixed_term", "labour_dispatch"]),
                kind=kind,
                start_date=start,
                occurred_on=start,
            )
        ).aggregate_id

    def _follow(
        self, placement_id: UUID, start: date, actor: Actor, *, ended_early: bool
    ) -> date | None:
        """Confirm the months worked; an early leaver ends after 2–4 months. The
        `actor` is of the office where the worker works (domain/recording_sides)."""
        months = self.rng.randrange(2, 5) if ended_early else self.rng.randrange(4, 13)
        month = last_month = date(start.year, start.month, 1)
        for _ in range(months):
            confirmed_on = _next_month(month) + timedelta(days=4)
            if confirmed_on > self.today:
                break
            self.journey.confirm_month(
                c.ConfirmMonth(
                    actor=actor,
                    placement_id=placement_id,
                    month=f"{month:%Y-%m}",
                    evidence=self.rng.choice(["payroll", "bank_statement"]),
                    occurred_on=confirmed_on,
                )
            )
            self.summary.counts["months confirmed"] += 1
            last_month = month
            month = _next_month(month)
        if not ended_early:
            return None
        ended = _next_month(last_month) - timedelta(days=1)
        self.journey.end_placement(
            c.EndPlacement(
                actor=actor,
                placement_id=placement_id,
                reason="个人原因辞职",
                end_date=ended,
                occurred_on=ended,
            )
        )
        self.summary.counts["placements ended early"] += 1
        return ended


def _next_month(first_of_month: date) -> date:
    return (first_of_month.replace(day=28) + timedelta(days=4)).replace(day=1)


def load_demo(
    journey: Journey,
    *,
    workers: int,
    seed: int,
    evaluate_all: Callable[[], object] | None = None,
) -> DemoSummary:
    register_offices(journey)  # every record names offices of the register
    return ProgrammeYear(journey, seed).run(workers, evaluate_all)
