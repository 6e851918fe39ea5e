"""An office's handover worklist (移交待办): the pending offers made to it
(incoming, to accept or decline) and by it (outgoing, to withdraw), oldest first.

An incoming offer's worker is not yet served by the office — it may read the
file to decide (application/case_access) — so the list is filtered by the
office the offers name, which must lie in the caller's scope, not by who
serves the worker. Names and masked ID numbers as the other lists show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal
from uuid import UUID

from domain.case_offices import OfferState
from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_files import HANDOVERS_TABLE, WORKERS_TABLE

LIMIT = 500  # a worklist, not a register
Direction = Literal["incoming", "outgoing"]


@dataclass(frozen=True)
class HandoverWorkItem:
    offer_id: UUID
    worker_id: UUID
    name: str
    id_number: str
    """Masked: first 6 and last 4 characters."""
    from_office: str
    to_office: str
    reason: str
    offered_on: date
    offered_by: str


def handover_worklist(
    read_models: ReadModels, *, scope: Scope, office: str, direction: Direction
) -> list[HandoverWorkItem]:
    """Pending offers to `office` (incoming) or from it (outgoing); none if
    the office is outside the caller's scope."""
    if not scope.covers(office):
        return []
    column = "to_office" if direction == "incoming" else "from_office"
    handovers = read_models.table(HANDOVERS_TABLE.name)
    workers = read_models.table(WORKERS_TABLE.name)
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            "SELECT h.offer_id, h.worker_id, w.name, w.id_number_masked, h.from_office,"  # noqa: S608 - no input in SQL
            f" h.to_office, h.reason, h.offered_on, h.offered_by FROM {handovers} h"
            f" JOIN {workers} w ON w.worker_id = h.worker_id"
            f" WHERE h.{column} = %s AND h.state = %s"
            f" ORDER BY h.offered_position LIMIT {LIMIT}",
            [office, OfferState.PENDING.value],
        )
        rows = sql.fetchall()
    return [
        HandoverWorkItem(
            offer_id=UUID(str(r[0])),
            worker_id=UUID(str(r[1])),
            name=str(r[2]),
            id_number=str(r[3]),
            from_office=str(r[4]),
            to_office=str(r[5]),
            reason=str(r[6]),
            offered_on=date.fromisoformat(str(r[7])),
            offered_by=str(r[8]),
        )
        for r in rows
    ]
