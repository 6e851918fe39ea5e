"""The rows of the subsidy ledger, declared once: each table's columns are the
keys of its row type, and the infrastructure derives the table from it
(`Table.of`). Money is integer fen, dates ISO text, times UTC ISO text with
microseconds and Z."""

from __future__ import annotations

from typing import TypedDict

from application.projections.columns import BigInt, Position


class SubsidyRow(TypedDict):
    """A subsidy as it now stands (补贴台账的一行)."""

    subsidy_id: str
    worker_id: str
    office: str | None  # the office that registered the worker; None if never seen
    township: str | None
    kind: str
    basis: str
    status: str
    amount_fen: BigInt  # what the history now supports
    paid_amount_fen: BigInt | None  # what was paid
    overpaid_fen: BigInt | None  # paid but no longer supported
    policy_version: str
    arose_on: str
    assessed_on: str
    decided_on: str | None
    paid_on: str | None
    payment_reference: str | None
    assessed_position: Position
    version: int  # the subsidy's version, as of its last event
    position: Position  # the log position of its last event
    updated_at: str


class SubsidyWorkerRow(TypedDict):
    """Whose office and township a worker is, from their registration: never changes."""

    worker_id: str
    office: str
    township: str | None
