"""The rows of the case files while a page of events is folded into them.

Rows hold portable values only, so SQLite and PostgreSQL store and give back
exactly what the fold wrote: ids and dates as ISO text, money as integer fen,
flags as 0/1, a placement's months as sorted comma-separated `YYYY-MM` text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any
from uuid import UUID

Row = dict[str, Any]

WORKERS = "workers"
TRAININGS = "trainings"
TRANSFERS = "transfers"
PLACEMENTS = "placements"
DISPUTES = "disputes"
KEYS = {
    WORKERS: "worker_id",
    TRAININGS: "training_id",
    TRANSFERS: "transfer_id",
    PLACEMENTS: "placement_id",
    DISPUTES: "dispute_id",
}
# The table each aggregate's events fold into, by the aggregate class name.
TABLE_OF = {
    "Worker": WORKERS,
    "TrainingEnrollment": TRAININGS,
    "Transfer": TRANSFERS,
    "Placement": PLACEMENTS,
    "Dispute": DISPUTES,
}


class JourneyStage(StrEnum):
    """The furthest milestone of a worker's journey. It never goes back, but for
    one correction: when a withdrawn month leaves the worker no stable placement,
    `stably_employed` returns to `placed`."""

    REGISTERED = "registered"  # 已登记
    TRAINED = "trained"  # 已培训: a course completed (结业) or certified
    TRANSFERRED = "transferred"  # 已转移: an organised transfer arrived
    PLACED = "placed"  # 已就业: a job spell started
    STABLY_EMPLOYED = "stably_employed"  # 稳定就业: 6+ consecutive confirmed months


_RANK = {stage.value: rank for rank, stage in enumerate(JourneyStage)}


def further(current: str, reached: JourneyStage) -> str:
    """The later of two stages."""
    return reached.value if _RANK[reached.value] > _RANK[current] else current


def text(value: UUID | str | None) -> str | None:
    return None if value is None else str(value)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def fen(amount: Decimal | None) -> int | None:
    return None if amount is None else int((amount * 100).to_integral_exact())


class CaseRows:
    """The rows a page reads and writes, and which of them it changed."""

    def __init__(self, rows: dict[str, dict[str, Row]] | None = None) -> None:
        given = rows or {}
        self.rows: dict[str, dict[str, Row]] = {t: dict(given.get(t, {})) for t in KEYS}
        self.changed: dict[str, set[str]] = {t: set() for t in KEYS}

    def create(self, table: str, row: Row) -> Row:
        key = row[KEYS[table]]
        self.rows[table][key] = row
        self.changed[table].add(key)
        return row

    def get(self, table: str, record_id: UUID | str) -> Row | None:
        """The record's row, marked as changed; None if the page never saw it created."""
        key = str(record_id)
        row = self.rows[table].get(key)
        if row is not None:
            self.changed[table].add(key)
        return row

    def changed_rows(self, table: str) -> list[Row]:
        """The changed rows in key order, so every run writes them alike."""
        return [self.rows[table][key] for key in sorted(self.changed[table])]
