"""Response bodies of GET /subsidies: the list as JSON, the ledger as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from application.projections import labels
from infrastructure.readmodels.subsidy_queries import LedgerRow

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


def ledger_csv(chunks: Iterable[list[LedgerRow]]) -> Iterator[str]:
    """The header, then a chunk of lines for each chunk of rows; money as
    2-decimal strings, empty cells for what is not (yet) known."""
    yield _lines([LEDGER_HEADER])
    for rows in chunks:
        yield _lines([_cells(row) for row in rows])


def _cells(row: LedgerRow) -> tuple[str, ...]:
    kind = labels.label(labels.SUBSIDY_KIND, row.kind)
    return (
        str(row.id),
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
