"""Queries over the case_files read model: worker search and the dispute register.

Lists are keyset-paginated in log order: the cursor is opaque to callers (it
is the log position of the last item given), so a page never repeats or skips
a record, however many are added meanwhile. Every list and count shows only
the workers of the caller's scope: those whose home or host office it reaches
(`scoping`). The programme report is in `summary_report`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from application.projections.case_file_rows import DisputeRow, WorkerRow
from application.views import DOCUMENTED
from domain.dispute import MEDIATING
from domain.scope import Scope
from domain.text import normalise
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import Table, yuan
from infrastructure.readmodels.case_files import DISPUTES_TABLE, WORKERS_TABLE
from infrastructure.readmodels.cursors import position_after
from infrastructure.readmodels.scoping import offices_in, worker_in, worker_of_row_in
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
    "count_workers",
    "dispute_register",
    "search_workers",
    "summary_report",
]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_LAST4 = re.compile(r"[0-9]{3}[0-9Xx]")
R = TypeVar("R")


@dataclass(frozen=True)
class WorkerListItem:
    """One worker's case file at a glance (from the case_files read model)."""

    __pydantic_config__ = DOCUMENTED

    id: UUID
    name: str
    id_number: str
    """Masked: first 6 and last 4 characters."""
    township: str | None
    poverty_status: str
    stage: str
    """Furthest milestone: registered, trained, transferred, placed, stably_employed (6+
    consecutive confirmed months; back to placed if a withdrawn month leaves no stable
    spell)."""
    office: str
    """Division code of the office that registered the worker."""
    host_office: str | None
    """The receiving office serving the worker now, if any (from arrival or handover)."""
    status: str
    registered_on: date
    current_placement_id: UUID | None
    confirmed_months: int
    """Months of employment confirmed, all spells."""
    open_disputes: int


@dataclass(frozen=True)
class WorkerPage:
    __pydantic_config__ = DOCUMENTED

    items: list[WorkerListItem]
    next_cursor: str | None
    """Pass as `cursor` to get the next page; null when there is nothing more."""


@dataclass(frozen=True)
class DisputeRegisterItem:
    """One line of the dispute register (no description or case notes)."""

    __pydantic_config__ = DOCUMENTED

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
    """Start of the current (or last) mediation period + 15 days (调解期限): the
    acceptance, or the last reopening."""
    overdue: bool
    """Still opened or in mediation after the mediation period."""
    mediator: str | None


@dataclass(frozen=True)
class DisputeRegister:
    """A page of the register; the count and totals cover every dispute the filter matches."""

    __pydantic_config__ = DOCUMENTED

    items: list[DisputeRegisterItem]
    next_cursor: str | None
    """Pass as `cursor` to get the next page; null when there is nothing more."""
    total_count: int
    total_claimed: Decimal
    total_recovered: Decimal


def search_workers(
    read_models: ReadModels,
    *,
    scope: Scope,
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
    where += _worker_filter(params, scope, q, township, poverty_status, stage, office)
    rows = _page(read_models, WORKERS_TABLE, where, params, "registered_position", size)
    items = [_worker_item(row) for row in rows[:size]]
    more = len(rows) > size
    return WorkerPage(items, str(rows[size - 1]["registered_position"]) if more else None)


def count_workers(
    read_models: ReadModels,
    *,
    scope: Scope,
    q: str | None = None,
    township: str | None = None,
    poverty_status: str | None = None,
    stage: str | None = None,
    office: str | None = None,
) -> int:
    """How many workers `search_workers` finds with these filters, on all pages."""
    params: list[Any] = []
    where = _worker_filter(params, scope, q, township, poverty_status, stage, office)
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            f"SELECT COUNT(*) FROM {read_models.table(WORKERS_TABLE.name)}"  # noqa: S608 - no input in SQL
            f" WHERE {' AND '.join(where)}",
            params,
        )
        row = sql.fetchone()
    return int(row[0]) if row else 0


def _worker_filter(
    params: list[Any],
    scope: Scope,
    q: str | None,
    township: str | None,
    poverty_status: str | None,
    stage: str | None,
    office: str | None,
) -> list[str]:
    # The workers table unaliased: its own columns.
    reached, reached_params = offices_in(scope, "office", "host_office")
    where = [reached]
    params += reached_params
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
    return where


def dispute_register(
    read_models: ReadModels,
    *,
    scope: Scope,
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
    reached, params = worker_of_row_in(scope, read_models.table(WORKERS_TABLE.name))
    where: list[str] = [reached]
    for column, value in (("status", status), ("kind", kind)):
        if value is not None:
            where.append(f"{column} = %s")
            params.append(value)
    if overdue is not None:
        mediating = sorted(s.value for s in MEDIATING)
        clause = f"(status IN ({', '.join(['%s'] * len(mediating))}) AND mediation_due_on < %s)"
        where.append(clause if overdue else f"NOT {clause}")
        params.extend([*mediating, today.isoformat()])
    table = read_models.table(DISPUTES_TABLE.name)
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
        DISPUTES_TABLE,
        [*where, "opened_position > %s"],
        [*params, position_after(cursor)],
        "opened_position",
        size,
    )
    more = len(rows) > size
    return DisputeRegister(
        items=[_dispute_item(row, today) for row in rows[:size]],
        next_cursor=str(rows[size - 1]["opened_position"]) if more else None,
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


def _page(
    read_models: ReadModels,
    table: Table[R],
    where: list[str],
    params: list[Any],
    order: str,
    size: int,
) -> list[R]:
    """The rows in `order` (a position column), one more than asked for, to
    know whether there is a next page."""
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            f"SELECT {table.column_list} FROM {read_models.table(table.name)}"  # noqa: S608 - no input in SQL
            f" WHERE {' AND '.join(where) or '1 = 1'} ORDER BY {order} LIMIT %s",
            [*params, size + 1],
        )
        return [table.row(values) for values in sql.fetchall()]


def _worker_item(row: WorkerRow) -> WorkerListItem:
    placement = row["current_placement_id"]
    return WorkerListItem(
        id=UUID(row["worker_id"]),
        name=row["name"],
        id_number=row["id_number_masked"],
        township=row["township"],
        poverty_status=row["poverty_status"],
        stage=row["stage"],
        office=row["office"],
        host_office=row["host_office"],
        status=row["status"],
        registered_on=date.fromisoformat(row["registered_on"]),
        current_placement_id=UUID(placement) if placement else None,
        confirmed_months=int(row["confirmed_months"]),
        open_disputes=int(row["open_disputes"]),
    )


def _dispute_item(row: DisputeRow, today: date) -> DisputeRegisterItem:
    status, due = row["status"], date.fromisoformat(row["mediation_due_on"])
    return DisputeRegisterItem(
        id=UUID(row["dispute_id"]),
        worker_id=UUID(row["worker_id"]),
        kind=row["kind"],
        status=status,
        employer_name=row["employer_name"],
        amount_claimed=_money(row["amount_claimed_fen"]),
        amount_agreed=yuan(row["amount_agreed_fen"]),
        amount_recovered=yuan(row["amount_recovered_fen"]),
        opened_on=date.fromisoformat(row["opened_on"]),
        mediation_due_on=due,
        overdue=status in MEDIATING and due < today,
        mediator=row["mediator"],
    )


def _money(fen: Any) -> Decimal:
    amount = yuan(int(fen))
    assert amount is not None
    return amount


@dataclass(frozen=True)
class WorkbenchFilter:
    """The mediator's register filter; `office` is the worker's registering office."""

    status: str | None = None
    kind: str | None = None
    employer: str | None = None
    office: str | None = None


@dataclass(frozen=True)
class WorkbenchLine:
    item: DisputeRegisterItem
    worker_name: str
    office: str
    days_late: int


@dataclass(frozen=True)
class Workbench:
    lines: list[WorkbenchLine]
    total_count: int
    total_claimed: Decimal
    total_agreed: Decimal
    total_recovered: Decimal


def dispute_workbench(
    read_models: ReadModels,
    given: WorkbenchFilter,
    *,
    scope: Scope,
    today: date,
    offset: int = 0,
    limit: int = DEFAULT_LIMIT,
) -> Workbench:
    """The register as a mediator works it: open disputes first, the overdue on
    top (most days late first), then by due date; settled and closed ones last,
    newest first. Totals cover the whole filter. The office is the registering
    office of the worker, which the case_files read model holds for every worker."""
    reached, params = worker_in(scope, "w")
    where: list[str] = [reached]
    for column, value in (("d.status", given.status), ("d.kind", given.kind)):
        if value is not None:
            where.append(f"{column} = %s")
            params.append(value)
    if given.office is not None:
        where.append("w.office = %s")
        params.append(given.office)
    if given.employer:
        escaped = given.employer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("d.employer_name LIKE %s ESCAPE '\\'")
        params.append(f"%{escaped}%")
    disputes = read_models.table(DISPUTES_TABLE.name)
    workers = read_models.table(WORKERS_TABLE.name)
    source = f"{disputes} d JOIN {workers} w ON w.worker_id = d.worker_id"
    filtered = " AND ".join(where) or "1 = 1"
    mediating = sorted(s.value for s in MEDIATING)
    marks = ", ".join(["%s"] * len(mediating))
    rank = (
        f"CASE WHEN d.status IN ({marks}) AND d.mediation_due_on < %s THEN 0"
        " WHEN d.status IN ('settled', 'closed') THEN 2 ELSE 1 END"
    )
    columns = ", ".join(f"d.{name}" for name in DISPUTES_TABLE.names)
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            "SELECT COUNT(*), COALESCE(SUM(d.amount_claimed_fen), 0),"  # noqa: S608 - no input in SQL
            " COALESCE(SUM(d.amount_agreed_fen), 0), COALESCE(SUM(d.amount_recovered_fen), 0)"
            f" FROM {source} WHERE {filtered}",
            params,
        )
        count, claimed, agreed, recovered = sql.fetchone() or (0, 0, 0, 0)
        sql.execute(
            f"SELECT {columns}, w.name, w.office FROM {source} WHERE {filtered}"  # noqa: S608 - no input in SQL
            f" ORDER BY {rank},"
            " CASE WHEN d.status IN ('settled', 'closed') THEN 0 ELSE 1 END,"
            " d.mediation_due_on, d.opened_position DESC LIMIT %s OFFSET %s",
            [*params, *mediating, today.isoformat(), _page_size(limit), max(0, offset)],
        )
        found = sql.fetchall()
    width = len(DISPUTES_TABLE.names)
    lines = []
    for values in found:
        item = _dispute_item(DISPUTES_TABLE.row(values[:width]), today)
        late = (today - item.mediation_due_on).days if item.overdue else 0
        lines.append(WorkbenchLine(item, str(values[width]), str(values[width + 1]), late))
    return Workbench(
        lines=lines,
        total_count=int(count),
        total_claimed=_money(claimed),
        total_agreed=_money(agreed),
        total_recovered=_money(recovered),
    )
