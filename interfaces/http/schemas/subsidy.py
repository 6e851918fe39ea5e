"""Request and response bodies of one subsidy and the office's decisions on it."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field

from application.subsidy_commands import Evaluation
from application.subsidy_queries import SubsidyDetails
from interfaces.http.schemas.common import Stamped
from interfaces.http.schemas.dates import IsoDate


class ApprovalIn(Stamped):
    """`occurred_on` is the day of the approval (审批): on or after the date the
    subsidy arose, not after today."""


class RejectionIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["未提供劳动合同，材料不全"])


class PaymentIn(Stamped):
    """`paid_on` is the day the money went out, on or after the approval and not
    after today; defaults to `occurred_on`. Given alone, it dates the payment."""

    payment_reference: str = Field(
        min_length=1,
        max_length=64,
        description="The payment's reference in the finance system (发放凭证号).",
        examples=["WS-2026-BT-000123"],
    )
    paid_on: IsoDate | None = Field(default=None, examples=["2026-11-20"])


class RevocationIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["核查发现重复申报"])


class EvaluationOut(BaseModel):
    worker_id: UUID
    evaluated_at: int = Field(description="The log position the worker's history was read up to.")
    changed: list[UUID] = Field(description="Subsidies this evaluation assessed or changed.")
    subsidies: list[SubsidyDetails] = Field(description="Those subsidies as they now stand.")

    @classmethod
    def of(cls, evaluation: Evaluation, subsidies: list[SubsidyDetails]) -> EvaluationOut:
        return cls(
            worker_id=evaluation.worker_id,
            evaluated_at=evaluation.evaluated_at,
            changed=evaluation.changed,
            subsidies=subsidies,
        )
