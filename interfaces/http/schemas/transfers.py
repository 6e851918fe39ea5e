"""Request and response bodies of /transfers."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from domain.transfer import TransferChannel, TravelMode
from interfaces.http.schemas.common import Stamped
from interfaces.http.schemas.dates import IsoDate
from interfaces.http.schemas.formats import DivisionCode


class ArrangeIn(Stamped):
    """`occurred_on` is the day the transfer was arranged."""

    worker_id: UUID
    origin_office: DivisionCode | None = Field(
        default=None,
        description="Division code of the sending office; defaults to your office.",
        examples=["500237"],
    )
    destination: DivisionCode = Field(
        description="Division code of the destination (city or district).",
        examples=["370600", "370613"],
    )
    channel: TransferChannel
    planned_on: IsoDate = Field(description="Planned departure date.", examples=["2026-03-16"])
    employer_name: str | None = Field(
        default=None, max_length=100, examples=["烟台鲁渝食品有限公司"]
    )


class DepartureIn(Stamped):
    """`occurred_on` is the departure date; not before the arrangement."""

    mode: TravelMode


class ArrivalIn(Stamped):
    """`occurred_on` is the arrival date; not before the departure. Your office is
    recorded as the office that confirmed the arrival."""


class CancellationIn(Stamped):
    reason: str = Field(min_length=1, max_length=500, examples=["家中老人生病，暂缓外出"])


class ReturnIn(Stamped):
    """`occurred_on` is the day the worker came back; not before the arrival."""

    reason: str = Field(min_length=1, max_length=500, examples=["合同期满返乡"])
