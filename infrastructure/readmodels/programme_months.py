"""The dashboard's figures over time: organised transfers and placements by
month, and the disputes still open, from the case_files read model.

Months are the business dates' (arrival, start), never the day a fact was
recorded — the same dates the summary report counts by: an arrival entered
today as of March 2024 counts in March 2024. Each fact counts for the one
office the report attributes it to (an arrival to the office that confirmed
it, a placement or a dispute to the office that recorded it, a subsidy to the
worker's home office), so a year's twelve months add up to its report figures
for the same scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.dispute import MEDIATING
from domain.dispute_terms import DisputeStatus
from domain.scope import Scope
from domain.subsidy import SubsidyStatus
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import yuan
from infrastructure.readmodels.case_files import (
    DISPUTES_TABLE,
    PLACEMENTS_TABLE,
    TRANSFERS_TABLE,
)
from infrastructure.readmodels.scoping import offices_in
from infrastructure.readmodels.subsidies import SUBSIDIES as SUBSIDIES_TABLE


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    transfers: int  # organised transfers that arrived in the month
    placements: int  # placements started in the month


@dataclass(frozen=True)
class OpenDisputes:
    open: int  # not closed
    overdue: int  # still in mediation after the statutory period


def months_of(read_models: ReadModels, *, scope: Scope, year: int) -> list[MonthFigures]:
    """All twelve months of `year`, a month with nothing counted as 0."""
    arrivals = (TRANSFERS_TABLE.name, "arrived_on", "confirmed_by_office")
    counted = {
        "transfers": _by_month(read_models, *arrivals, year, scope),
        "placements": _by_month(
            read_models, PLACEMENTS_TABLE.name, "started_on", "office", year, scope
        ),
    }
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    return [
        MonthFigures(m, counted["transfers"].get(m, 0), counted["placements"].get(m, 0))
        for m in months
    ]


def open_disputes(read_models: ReadModels, *, scope: Scope, today: date) -> OpenDisputes:
    mediating = sorted(s.value for s in MEDIATING)
    marks = ", ".join(["%s"] * len(mediating))
    where, params = offices_in(scope, "r.office")
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            "SELECT SUM(CASE WHEN r.status <> %s THEN 1 ELSE 0 END),"  # noqa: S608 - no input in SQL
            f" SUM(CASE WHEN r.status IN ({marks}) AND r.mediation_due_on < %s THEN 1 ELSE 0 END)"
            f" FROM {read_models.table(DISPUTES_TABLE.name)} r"
            f" WHERE {where}",
            [DisputeStatus.CLOSED.value, *mediating, today.isoformat(), *params],
        )
        found, late = sql.fetchone() or (0, 0)
    return OpenDisputes(int(found or 0), int(late or 0))


def _by_month(
    read_models: ReadModels, table: str, dated: str, office: str, year: int, scope: Scope
) -> dict[str, int]:
    """`office` is the column of the office each row counts for."""
    where, params = offices_in(scope, f"r.{office}")
    with read_models.db.transaction(write=False) as sql:
        # ISO dates: the month is the first seven characters, on SQLite and PostgreSQL alike.
        sql.execute(
            f"SELECT SUBSTR(r.{dated}, 1, 7), COUNT(*) FROM {read_models.table(table)} r"  # noqa: S608
            f" WHERE r.{dated} >= %s AND r.{dated} < %s AND {where}"
            f" GROUP BY SUBSTR(r.{dated}, 1, 7)",
            [f"{year:04d}", f"{year + 1:04d}", *params],
        )
        return {str(month): int(count) for month, count in sql.fetchall()}


@dataclass(frozen=True)
class SubsidyTotals:
    owed: Decimal  # assessed or approved, not yet paid (CNY)
    paid: Decimal  # the money that went out (CNY)


def subsidy_totals(read_models: ReadModels, *, scope: Scope, year: int) -> SubsidyTotals:
    """For their worker's home office (the subsidies table keeps it itself):
    owed, of the subsidies that arose in `year`; paid, of the money that went
    out in `year` (`paid_on`) — the same dates as the summary report's."""
    owing = [SubsidyStatus.ASSESSED.value, SubsidyStatus.APPROVED.value]
    paid = [SubsidyStatus.PAID.value, SubsidyStatus.OVERPAID.value]
    span = [f"{year:04d}", f"{year + 1:04d}"]
    where, params = offices_in(scope, "r.office")
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            "SELECT SUM(CASE WHEN r.status IN (%s, %s) AND r.arose_on >= %s"  # noqa: S608
            " AND r.arose_on < %s THEN r.amount_fen ELSE 0 END),"
            " SUM(CASE WHEN r.status IN (%s, %s) AND r.paid_on >= %s AND r.paid_on < %s"
            " THEN r.paid_amount_fen ELSE 0 END)"
            f" FROM {read_models.table(SUBSIDIES_TABLE.name)} r"
            " WHERE ((r.arose_on >= %s AND r.arose_on < %s)"
            f" OR (r.paid_on >= %s AND r.paid_on < %s)) AND {where}",
            [*owing, *span, *paid, *span, *span, *span, *params],
        )
        owed_fen, paid_fen = sql.fetchone() or (0, 0)
    return SubsidyTotals(_yuan(owed_fen), _yuan(paid_fen))


def _yuan(fen: Any) -> Decimal:
    return yuan(int(fen or 0)) or Decimal("0.00")
