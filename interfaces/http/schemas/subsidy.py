"""Request and response bodies of one subsidy and the office's decisions on it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from application.subsidy_commands import Evaluation
from application.subsidy_queries import EvidenceEvent, SubsidyDetails
from interfaces.http.schemas.common import EventOut, Stamped
from interfaces.http.schemas.dates import IsoDate


class ApprovalIn(Stamped):
    """`occurred_on` is the day of the approval (审批)."""


class RejectionIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["未提供劳动合同，材料不全"])


class PaymentIn(Stamped):
    """`paid_on` is the day the money went out; defaults to `occurred_on`."""

    payment_reference: str = Field(
        min_length=1,
        max_length=64,
        description="The payment's reference in the finance system (发放凭证号).",
        examples=["WS-2026-BT-000123"],
    )
    paid_on: IsoDate | None = Field(default=None, examples=["2026-11-20"])


class RevocationIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["核查发现重复申报"])


class EvidenceOut(BaseModel):
    aggregate_id: UUID
    version: int
    position: int = Field(description="Where the event is in the log.")
    event: EventOut | None

    @classmethod
    def of(cls, e: EvidenceEvent) -> EvidenceOut:
        return cls(
            aggregate_id=e.aggregate_id,
            version=e.version,
            position=e.position,
            event=EventOut.of(e.event) if e.event is not None else None,
        )


class SubsidyOut(BaseModel):
    id: UUID
    version: int
    worker_id: UUID
    kind: str = Field(examples=["transport_living", "stable_job", "life_adaptation"])
    basis: str = Field(
        description="What makes it unique for the worker: transfer:<id>, month:YYYY-MM or once."
    )
    status: str = Field(
        examples=["assessed", "approved", "rejected", "paid", "revoked", "withdrawn", "overpaid"]
    )
    amount: Decimal = Field(description="CNY the history supports (0 if it no longer does).")
    policy_version: str
    arose_on: date
    explanation_zh: str
    explanation_en: str
    evaluated_at: int = Field(description="The log position its last evaluation read up to.")
    evidence: list[EvidenceOut]
    assessed_on: date
    decided_on: date | None
    decided_by: str | None
    decision_reason: str | None
    paid_amount: Decimal | None
    paid_on: date | None
    payment_reference: str | None
    overpaid_amount: Decimal | None = Field(description="Paid but no longer supported.")
    revoked_on: date | None
    revocation_reason: str | None
    withdrawal_reason_zh: str | None
    withdrawal_reason_en: str | None
    created_at: datetime
    modified_at: datetime

    @classmethod
    def of(cls, s: SubsidyDetails) -> SubsidyOut:
        fields = {k: v for k, v in vars(s).items() if k != "evidence"}
        return cls(**fields, evidence=[EvidenceOut.of(e) for e in s.evidence])


class EvaluationOut(BaseModel):
    worker_id: UUID
    evaluated_at: int = Field(description="The log position the worker's history was read up to.")
    changed: list[UUID] = Field(description="Subsidies this evaluation assessed or changed.")
    subsidies: list[SubsidyOut] = Field(description="Those subsidies as they now stand.")

    @classmethod
    def of(cls, evaluation: Evaluation, subsidies: list[SubsidyDetails]) -> EvaluationOut:
        return cls(
            worker_id=evaluation.worker_id,
            evaluated_at=evaluation.evaluated_at,
            changed=evaluation.changed,
            subsidies=[SubsidyOut.of(s) for s in subsidies],
        )
