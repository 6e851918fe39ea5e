"""Queries over the subsidies read model: the list and the ledger export.

The list is keyset-paginated in the order subsidies were assessed, like the
worker search and the dispute register: the cursor is opaque to callers (the
log position of the last assessment given), so a page never repeats or skips a
subsidy, however many are assessed meanwhile. The ledger gives every matching
row, ordered by the date the entitlement arose, in chunks read one after the
other. Neither carries personal data: ids, codes, dates and amounts only.
Both show the subsidies of the workers the caller's scope reaches: the row's
own office (the worker's home office), or the worker's host office.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.projections.subsidy_rows import SubsidyRow
from application.views import DOCUMENTED
from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import yuan
from infrastructure.readmodels.case_file_queries import DEFAULT_LIMIT, MAX_LIMIT
from infrastructure.readmodels.case_files import WORKERS_TABLE
from infrastructure.readmodels.cursors import position_after
from infrastructure.readmodels.scoping import offices_in, sees_everything
from infrastructure.readmodels.subsidies import SUBSIDIES

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "LedgerRow",
    "SubsidyFilter",
    "SubsidyListItem",
    "SubsidyPage",
    "ledger",
    "list_subsidies",
]

LEDGER_CHUNK = 1000


@dataclass(frozen=True)
class SubsidyFilter:
    """Every filter is optional; those given must all match."""

    worker_id: UUID | None = None
    kind: str | None = None
    status: str | None = None
    office: str | None = None

    def where(self, scope: Scope, workers: str) -> tuple[list[str], list[Any]]:
        """`workers` is the workers table of the case files (prefix and all)."""
        reached, params = _in_scope(scope, workers)
        clauses = [reached]
        worker = str(self.worker_id) if self.worker_id else None
        for column, value in (
            ("worker_id", worker),
            ("kind", self.kind),
            ("status", self.status),
            ("office", self.office),
        ):
            if value is not None:
                clauses.append(f"{column} = %s")
                params.append(value)
        return clauses, params


def _in_scope(scope: Scope, workers: str) -> tuple[str, list[Any]]:
    """The row's office is the worker's home office; the host's is in the case files."""
    if sees_everything(scope):
        return "1 = 1", []
    home, params = offices_in(scope, "office")
    host, host_params = offices_in(scope, "sw.host_office")
    hosted = f"worker_id IN (SELECT sw.worker_id FROM {workers} sw WHERE {host})"  # noqa: S608 - names are ours
    return f"({home} OR {hosted})", [*params, *host_params]


@dataclass(frozen=True)
class LedgerRow:
    """One line of the ledger (补贴台账): no names, ID numbers or phones. Amounts in CNY."""

    __pydantic_config__ = DOCUMENTED

    id: UUID
    """The subsidy."""
    worker_id: UUID
    office: str | None
    """The office that registered the worker."""
    kind: str
    basis: str
    status: str
    amount: Decimal
    """CNY the history now supports."""
    paid_amount: Decimal | None
    overpaid_amount: Decimal | None
    """Paid but no longer supported."""
    policy_version: str
    arose_on: date
    decided_on: date | None
    """Approved or rejected on."""
    paid_on: date | None
    payment_reference: str | None


@dataclass(frozen=True)
class SubsidyListItem(LedgerRow):
    """One subsidy as it now stands."""

    assessed_on: date
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class SubsidyPage:
    __pydantic_config__ = DOCUMENTED

    items: list[SubsidyListItem]
    next_cursor: str | None
    """Pass as `cursor` to get the next page; null when there is nothing more."""


def list_subsidies(
    read_models: ReadModels,
    given: SubsidyFilter,
    *,
    scope: Scope,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> SubsidyPage:
    """Subsidies in the order they were assessed."""
    size = max(1, min(limit, MAX_LIMIT))
    clauses, params = given.where(scope, read_models.table(WORKERS_TABLE.name))
    clauses.append("assessed_position > %s")
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            f"SELECT {SUBSIDIES.column_list} FROM {read_models.table(SUBSIDIES.name)}"  # noqa: S608 - no input in SQL
            f" WHERE {' AND '.join(clauses)} ORDER BY assessed_position LIMIT %s",
            [*params, position_after(cursor), size + 1],
        )
        rows = [SUBSIDIES.row(values) for values in sql.fetchall()]
    items = [_list_item(row) for row in rows[:size]]
    next_cursor = str(rows[size - 1]["assessed_position"]) if len(rows) > size else None
    return SubsidyPage(items, next_cursor)


def ledger(
    read_models: ReadModels, given: SubsidyFilter, *, scope: Scope, chunk: int = LEDGER_CHUNK
) -> Iterator[list[LedgerRow]]:
    """Every matching subsidy by the date it arose (then id), a chunk at a time,
    each chunk read in a short transaction of its own: a long export holds no
    connection while the client reads."""
    clauses, params = given.where(scope, read_models.table(WORKERS_TABLE.name))
    after: tuple[str, str] | None = None
    while True:
        keyset = list(clauses)
        bounds: list[Any] = []
        if after is not None:
            keyset.append("(arose_on > %s OR (arose_on = %s AND subsidy_id > %s))")
            bounds = [after[0], after[0], after[1]]
        where = " AND ".join(keyset) or "1 = 1"
        with read_models.db.transaction(write=False) as sql:
            sql.execute(
                f"SELECT {SUBSIDIES.column_list} FROM {read_models.table(SUBSIDIES.name)}"  # noqa: S608 - no input in SQL
                f" WHERE {where} ORDER BY arose_on, subsidy_id LIMIT %s",
                [*params, *bounds, chunk],
            )
            rows = [SUBSIDIES.row(values) for values in sql.fetchall()]
        if rows:
            yield [LedgerRow(**_ledger_values(row)) for row in rows]
        if len(rows) < chunk:
            return
        after = (rows[-1]["arose_on"], rows[-1]["subsidy_id"])


def _ledger_values(row: SubsidyRow) -> dict[str, Any]:
    return {
        "id": UUID(row["subsidy_id"]),
        "worker_id": UUID(row["worker_id"]),
        "office": row["office"],
        "kind": row["kind"],
        "basis": row["basis"],
        "status": row["status"],
        "amount": yuan(int(row["amount_fen"])),
        "paid_amount": yuan(row["paid_amount_fen"]),
        "overpaid_amount": yuan(row["overpaid_fen"]),
        "policy_version": row["policy_version"],
        "arose_on": date.fromisoformat(row["arose_on"]),
        "decided_on": _day(row["decided_on"]),
        "paid_on": _day(row["paid_on"]),
        "payment_reference": row["payment_reference"],
    }


def _list_item(row: SubsidyRow) -> SubsidyListItem:
    return SubsidyListItem(
        **_ledger_values(row),
        assessed_on=date.fromisoformat(row["assessed_on"]),
        version=int(row["version"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)
