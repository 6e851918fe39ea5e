"""Request and response bodies of /placements."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from domain.placement import ContractType, Evidence, PlacementKind
from interfaces.http.schemas.common import Stamped
from interfaces.http.schemas.dates import IsoDate
from interfaces.http.schemas.formats import Amount, DivisionCode


class StartIn(Stamped):
    """`start_date` is the first working day; it defaults to `occurred_on`."""

    worker_id: UUID
    transfer_id: UUID | None = Field(
        default=None, description="The organised transfer this job came from, if any."
    )
    employer_name: str = Field(min_length=1, max_length=100, examples=["烟台鲁渝食品有限公司"])
    employer_code: str = Field(
        description="Unified social credit code (统一社会信用代码, 18 characters).",
        examples=["91370602MA3CXY12K1"],
    )
    workplace_division: DivisionCode = Field(examples=["370602"])
    position: str = Field(min_length=1, max_length=100, examples=["普工", "叉车司机"])
    monthly_wage: Amount = Field(description="CNY per month", examples=["5200.00"])
    contract_type: ContractType
    kind: PlacementKind
    start_date: IsoDate | None = Field(default=None, examples=["2026-03-18"])


class MonthIn(Stamped):
    """`occurred_on` is the day the month was confirmed."""

    month: str = Field(description="The month worked, YYYY-MM.", examples=["2026-05"])
    evidence: Evidence
    evidence_ref: str | None = Field(
        default=None, max_length=100, examples=["2026年5月工资表第12行"]
    )


class MonthWithdrawalIn(Stamped):
    """`occurred_on` is the day the confirmation was withdrawn."""

    month: str = Field(
        description="The confirmed month to withdraw, YYYY-MM.", examples=["2026-05"]
    )
    reason: str = Field(min_length=1, max_length=500, examples=["工资表核对有误，当月未在岗"])


class EndIn(Stamped):
    """`end_date` is the last working day; it defaults to `occurred_on`."""

    end_date: IsoDate | None = Field(default=None, examples=["2026-10-31"])
    reason: str = Field(min_length=1, max_length=500, examples=["合同期满，不再续签"])
