"""Response bodies of GET /subsidies: the list as JSON, the ledger as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from application.projections import labels
from infrastructure.readmodels.subsidy_queries import LedgerRow, SubsidyListItem, SubsidyPage

LEDGER_HEADER = (
    "subsidy_id",
    "worker_id",
    "office",
    "kind",
    "kind_zh",
    "basis",
    "status",
    "amount",
    "paid_amount",
    "overpaid_amount",
    "policy_version",
    "arose_on",
    "decided_on",
    "paid_on",
    "payment_reference",
)
LEDGER_FILENAME = "subsidies-ledger.csv"


class SubsidyListItemOut(BaseModel):
    """One subsidy as it now stands (no names, ID numbers or phones)."""

    id: UUID
    worker_id: UUID
    office: str | None = Field(description="The office that registered the worker")
    kind: str = Field(examples=["stable_job"])
    basis: str = Field(examples=["month:2026-05"])
    status: str = Field(examples=["approved"])
    amount: Decimal = Field(description="CNY the history now supports")
    paid_amount: Decimal | None
    overpaid_amount: Decimal | None = Field(description="Paid but no longer supported")
    policy_version: str
    arose_on: date
    assessed_on: date
    decided_on: date | None = Field(description="Approved or rejected on")
    paid_on: date | None
    payment_reference: str | None
    version: int
    updated_at: datetime

    @classmethod
    def of(cls, item: SubsidyListItem) -> SubsidyListItemOut:
        return cls(
            id=item.subsidy_id,
            **{k: v for k, v in vars(item).items() if k != "subsidy_id"},
        )


class SubsidyListOut(BaseModel):
    items: list[SubsidyListItemOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null when there is nothing more."
    )

    @classmethod
    def of(cls, page: SubsidyPage) -> SubsidyListOut:
        return cls(
            items=[SubsidyListItemOut.of(i) for i in page.items], next_cursor=page.next_cursor
        )


def ledger_csv(chunks: Iterable[list[LedgerRow]]) -> Iterator[str]:
    """The header, then a chunk of lines for each chunk of rows; money as
    2-decimal strings, empty cells for what is not (yet) known."""
    yield _lines([LEDGER_HEADER])
    for rows in chunks:
        yield _lines([_cells(row) for row in rows])


def _cells(row: LedgerRow) -> tuple[str, ...]:
    kind = labels.label(labels.SUBSIDY_KIND, row.kind)
    return (
        str(row.subsidy_id),
        str(row.worker_id),
        row.office or "",
        row.kind,
        kind.zh,
        row.basis,
        row.status,
        _money(row.amount),
        _money(row.paid_amount),
        _money(row.overpaid_amount),
        row.policy_version,
        row.arose_on.isoformat(),
        row.decided_on.isoformat() if row.decided_on else "",
        row.paid_on.isoformat() if row.paid_on else "",
        _text(row.payment_reference),
    )


def _text(typed: str | None) -> str:
    """Text staff typed, kept from being read as a formula by a spreadsheet."""
    if not typed:
        return ""
    return f"'{typed}" if typed[0] in "=+-@\t\r" else typed


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


def _lines(rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
