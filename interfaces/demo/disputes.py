"""Demo disputes: at least one in every state, handled by a Yantai mediator."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from application import commands as c
from application.journey import Journey
from interfaces.demo.data import EMPLOYERS
from interfaces.demo.staff import MEDIATOR, WHERE_THEY_ARE

DISPUTE_ENDINGS = ("opened", "in_mediation", "escalated", "settled", "closed", "reopened")


class DisputeCases:
    def __init__(
        self, journey: Journey, rng: random.Random, today: date, counts: Counter[str]
    ) -> None:
        self.journey = journey
        self.rng = rng
        self.today = today
        self.counts = counts

    def open_for(self, placed: list[tuple[UUID, UUID, date]]) -> None:
        count = min(len(placed), max(len(DISPUTE_ENDINGS), len(placed) // 10))
        for i, (worker_id, _placement, start) in enumerate(self.rng.sample(placed, count)):
            self._case(
                worker_id,
                start + timedelta(days=self.rng.randrange(40, 120)),
                DISPUTE_ENDINGS[i % len(DISPUTE_ENDINGS)],
            )

    def _case(self, worker_id: UUID, opened: date, ending: str) -> None:
        rng, j = self.rng, self.journey
        opened = min(opened, self.today - timedelta(days=40))
        employer, code = rng.choice(EMPLOYERS)
        wage_case = rng.random() < 0.75
        claimed = Decimal(rng.randrange(3000, 30000, 100)) if wage_case else Decimal("52000")
        # Opened where the worker is now: Yantai while it serves them, else Wushan.
        served = j.served_by(worker_id, MEDIATOR)
        dispute_id = j.open_dispute(
            c.OpenDispute(
                actor=WHERE_THEY_ARE[served.host_office or served.home_office],
                worker_id=worker_id,
                employer_name=employer,
                employer_code=code,
                kind="wage_arrears" if wage_case else "work_injury",
                amount_claimed=claimed,
                description="拖欠工资两个月" if wage_case else "工作中手部受伤，要求工伤待遇",
                occurred_on=opened,
            )
        ).aggregate_id
        self.counts[f"disputes ({ending})"] += 1
        if ending == "opened":
            return
        j.assign_mediator(
            c.AssignMediator(
                actor=MEDIATOR, dispute_id=dispute_id, occurred_on=opened + timedelta(days=1)
            )
        )
        j.record_dispute_session(
            c.RecordSession(
                actor=MEDIATOR,
                dispute_id=dispute_id,
                attendees=["劳动者", "用工企业人事", "烟台劳务办事处调解员"],
                summary="双方陈述，企业同意核对考勤",
                occurred_on=opened + timedelta(days=5),
            )
        )
        j.add_dispute_evidence(
            c.AddEvidence(
                actor=MEDIATOR,
                dispute_id=dispute_id,
                document_id=f"DOC-{rng.randrange(10**6, 10**7)}",
                sha256=f"{rng.getrandbits(256):064x}",
                description="考勤记录与工资条",
                occurred_on=opened + timedelta(days=6),
            )
        )
        if ending == "in_mediation":
            return
        if ending == "escalated":
            j.escalate_dispute(
                c.EscalateDispute(
                    actor=MEDIATOR,
                    dispute_id=dispute_id,
                    to="work_injury_determination" if not wage_case else "labour_arbitration",
                    reason="调解期满未达成协议",
                    occurred_on=opened + timedelta(days=16),
                )
            )
            return
        j.settle_dispute(
            c.SettleDispute(
                actor=MEDIATOR,
                dispute_id=dispute_id,
                amount_agreed=claimed,
                amount_recovered=claimed,
                occurred_on=opened + timedelta(days=12),
            )
        )
        if ending == "settled":
            return
        j.close_dispute(
            c.CloseDispute(
                actor=MEDIATOR,
                dispute_id=dispute_id,
                outcome="settled",
                occurred_on=opened + timedelta(days=20),
            )
        )
        if ending == "reopened":
            j.reopen_dispute(
                c.ReopenDispute(
                    actor=MEDIATOR,
                    dispute_id=dispute_id,
                    reason="企业未按协议支付尾款",
                    occurred_on=opened + timedelta(days=35),
                )
            )
