"""Request and response bodies of /disputes."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from domain.dispute_terms import DisputeKind, DisputeOutcome, EscalationTarget
from interfaces.http.schemas.common import Stamped
from interfaces.http.schemas.formats import Amount


class OpenDisputeIn(Stamped):
    """`occurred_on` is the date the dispute was accepted (受理); it starts the
    15-day mediation clock."""

    worker_id: UUID
    employer_name: str = Field(min_length=1, max_length=100, examples=["烟台鲁源食品有限公司"])
    employer_code: str | None = Field(
        default=None,
        description="Unified social credit code (统一社会信用代码, GB 32100), 18 characters",
        examples=["91370600MA3C7X8K01"],
    )
    kind: DisputeKind
    amount_claimed: Amount = Field(examples=["18600.00"])
    description: str = Field(
        min_length=1,
        max_length=2000,
        examples=["拖欠工资 3 个月（2025 年 10 月至 12 月），每月 6200 元"],
    )


class MediatorIn(Stamped):
    mediator: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        description="User name of the mediator; defaults to you.",
        examples=["wang.fang"],
    )


class SessionIn(Stamped):
    """`occurred_on` is the day the session was held."""

    attendees: list[str] = Field(
        min_length=1, max_length=30, examples=[["冉光明", "企业人事主管 张伟", "调解员 王芳"]]
    )
    summary: str = Field(
        min_length=1,
        max_length=2000,
        examples=["企业承认拖欠 18600 元，同意分两期支付，第一期 9300 元于 1 月 20 日前支付"],
    )


class EvidenceIn(Stamped):
    document_id: str = Field(min_length=1, max_length=100, examples=["DOC-2026-000123"])
    sha256: str = Field(
        description="SHA-256 of the document: 64 hexadecimal characters",
        examples=["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
    )
    description: str = Field(
        min_length=1, max_length=500, examples=["2025 年 10–12 月工资条及考勤记录"]
    )
    media_type: str | None = Field(
        default=None,
        max_length=100,
        description="The document's type, if known (with `size`); files uploaded to"
        " `/evidence-files` have it detected from their bytes.",
        examples=["application/pdf"],
    )
    size: int | None = Field(default=None, ge=1, description="Bytes, with `media_type`.")


class EscalationIn(Stamped):
    to: EscalationTarget
    reason: str = Field(min_length=1, max_length=500, examples=["企业拒绝调解，申请劳动仲裁"])


class SettlementIn(Stamped):
    amount_agreed: Amount = Field(examples=["18600.00"])
    amount_recovered: Amount = Field(description="At most the amount agreed", examples=["9300.00"])


class ClosureIn(Stamped):
    outcome: DisputeOutcome
    reason: str | None = Field(default=None, max_length=500, examples=["调解协议已全部履行"])


class ReopeningIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["企业未按调解协议支付第二期款项"])
