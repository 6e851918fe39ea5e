"""Queries over the case_files read model: worker search and the dispute register.

Lists are keyset-paginated in log order: the cursor is opaque to callers (it
is the log position of the last item given), so a page never repeats or skips
a record, however many are added meanwhile. The programme report is in
`summary_report`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.dispute import MEDIATING
from domain.text import normalise
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import yuan
from infrastructure.readmodels.cursors import position_after
from infrastructure.readmodels.summary_report import Figure, SummaryReport, summary_report

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "DisputeRegister",
    "DisputeRegisterItem",
    "Figure",
    "SummaryReport",
    "WorkerListItem",
    "WorkerPage",
    "dispute_register",
    "search_workers",
    "summary_report",
]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_LAST4 = re.compile(r"[0-9]{3}[0-9Xx]")


@dataclass(frozen=True)
class WorkerListItem:
    id: UUID
    name: str
    id_number_masked: str
    township: str | None
    poverty_status: str
    stage: str
    office: str
    status: str
    registered_on: date
    current_placement_id: UUID | None
    confirmed_months: int
    open_disputes: int


@dataclass(frozen=True)
class WorkerPage:
    items: list[WorkerListItem]
    next_cursor: str | None


@dataclass(frozen=True)
class DisputeRegisterItem:
    id: UUID
    worker_id: UUID
    kind: str
    status: str
    employer_name: str
    amount_claimed: Decimal
    amount_agreed: Decimal | None
    amount_recovered: Decimal | None
    opened_on: date
    mediation_due_on: date
    overdue: bool
    mediator: str | None


@dataclass(frozen=True)
class DisputeRegister:
    """A page of the register; the count and totals cover every dispute the filter matches."""

    items: list[DisputeRegisterItem]
    next_cursor: str | None
    total_count: int
    total_claimed: Decimal
    total_recovered: Decimal


_WORKER_COLUMNS = (
    "worker_id, name, id_number_masked, township, poverty_status, stage, office, status,"
    " registered_on, current_placement_id, confirmed_months, open_disputes, registered_position"
)


def search_workers(
    read_models: ReadModels,
    *,
    q: str | None = None,
    township: str | None = None,
    poverty_status: str | None = None,
    stage: str | None = None,
    office: str | None = None,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> WorkerPage:
    """Workers in registration order. `q` is a name prefix or, if it is four
    digits (the last may be X), the last four characters of the ID number."""
    size = _page_size(limit)
    where: list[str] = ["registered_position > %s"]
    params: list[Any] = [position_after(cursor)]
    if q and q.strip():
        where.append(_worker_match(q, params))
    for column, value in (
        ("township", township),
        ("poverty_status", poverty_status),
        ("stage", stage),
        ("office", office),
    ):
        if value is not None:
            where.append(f"{column} = %s")
            params.append(value)
    rows = _page(
        read_models,
        f"SELECT {_WORKER_COLUMNS} FROM {read_models.table('workers')}"  # noqa: S608 - no input in SQL
        f" WHERE {' AND '.join(where)} ORDER BY registered_position LIMIT %s",
        params,
        size,
    )
    items = [_worker_item(row) for row in rows[:size]]
    return WorkerPage(items, _next_cursor(rows, size, position_column=12))


def dispute_register(
    read_models: ReadModels,
    *,
    today: date,
    status: str | None = None,
    kind: str | None = None,
    overdue: bool | None = None,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> DisputeRegister:
    """Disputes in the order they were opened, with the statutory mediation
    clock: overdue = still in mediation (accepted or being mediated) after the
    15-day period (劳动争议调解仲裁法 art. 14)."""
    size = _page_size(limit)
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("status", status), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = %s")
            params.append(value)
    if overdue is not None:
        mediating = sorted(s.value for s in MEDIATING)
        clause = f"(status IN ({', '.join(['%s'] * len(mediating))}) AND mediation_due_on < %s)"
        where.append(clause if overdue else f"NOT {clause}")
        params.extend([*mediating, today.isoformat()])
    table = read_models.table("disputes")
    filtered = " AND ".join(where) or "1 = 1"
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            "SELECT COUNT(*), COALESCE(SUM(amount_claimed_fen), 0),"  # noqa: S608 - no input in SQL
            f" COALESCE(SUM(amount_recovered_fen), 0) FROM {table} WHERE {filtered}",
            params,
        )
        count, claimed, recovered = sql.fetchone() or (0, 0, 0)
    rows = _page(
        read_models,
        "SELECT dispute_id, worker_id, kind, status, employer_name, amount_claimed_fen,"  # noqa: S608
        " amount_agreed_fen, amount_recovered_fen, opened_on, mediation_due_on, mediator,"
        f" opened_position FROM {table} WHERE {filtered} AND opened_position > %s"
        " ORDER BY opened_position LIMIT %s",
        [*params, position_after(cursor)],
        size,
    )
    return DisputeRegister(
        items=[_dispute_item(row, today) for row in rows[:size]],
        next_cursor=_next_cursor(rows, size, position_column=11),
        total_count=int(count),
        total_claimed=_money(claimed),
        total_recovered=_money(recovered),
    )


# -- helpers ---------------------------------------------------------------------------


def _worker_match(q: str, params: list[Any]) -> str:
    folded = normalise(q)  # full-width digits and X from Chinese input methods
    if _LAST4.fullmatch(folded):
        params.append(folded.upper())
        return "id_last4 = %s"
    prefix = unicodedata.normalize("NFC", q).strip()  # names are stored NFC
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params.append(escaped + "%")
    return "name LIKE %s ESCAPE '\\'"


def _page_size(limit: int) -> int:
    return max(1, min(limit, MAX_LIMIT))


def _page(read_models: ReadModels, query: str, params: list[Any], size: int) -> list[Any]:
    """One more row than asked for, to know whether there is a next page."""
    with read_models.db.transaction(write=False) as sql:
        sql.execute(query, [*params, size + 1])
        return sql.fetchall()


def _next_cursor(rows: list[Any], size: int, *, position_column: int) -> str | None:
    return str(rows[size - 1][position_column]) if len(rows) > size else None


def _worker_item(row: Any) -> WorkerListItem:
    return WorkerListItem(
        id=UUID(row[0]),
        name=row[1],
        id_number_masked=row[2],
        township=row[3],
        poverty_status=row[4],
        stage=row[5],
        office=row[6],
        status=row[7],
        registered_on=date.fromisoformat(row[8]),
        current_placement_id=UUID(row[9]) if row[9] else None,
        confirmed_months=int(row[10]),
        open_disputes=int(row[11]),
    )


def _dispute_item(row: Any, today: date) -> DisputeRegisterItem:
    status, due = row[3], date.fromisoformat(row[9])
    return DisputeRegisterItem(
        id=UUID(row[0]),
        worker_id=UUID(row[1]),
        kind=row[2],
        status=status,
        employer_name=row[4],
        amount_claimed=_money(row[5]),
        amount_agreed=yuan(row[6]),
        amount_recovered=yuan(row[7]),
        opened_on=date.fromisoformat(row[8]),
        mediation_due_on=due,
        overdue=status in MEDIATING and due < today,
        mediator=row[10],
    )


def _money(fen: Any) -> Decimal:
    amount = yuan(int(fen))
    assert amount is not None
    return amount
