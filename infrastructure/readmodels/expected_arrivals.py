"""Workers on their way to a receiving office (已出发、待确认到岗): the departed
transfers whose arrival the office confirms, for its worklist."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.scope import office_area
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_files import TRANSFERS_TABLE, WORKERS_TABLE

LIMIT = 500  # a worklist, not a register: the oldest departures first


@dataclass(frozen=True)
class ExpectedArrival:
    transfer_id: UUID
    worker_id: UUID
    name: str
    id_number: str
    """Masked: first 6 and last 4 characters."""
    home_office: str
    destination: str
    departed_on: date


def expected_arrivals(
    read_models: ReadModels, *, office: str, partners: Collection[str]
) -> list[ExpectedArrival]:
    """Departed transfers to a place inside `office`'s division, of workers
    registered by one of its partner offices — those whose arrival it confirms
    (application/case_access: the receivers of a destination)."""
    homes = sorted(set(partners))
    if not homes:
        return []
    transfers = read_models.table(TRANSFERS_TABLE.name)
    workers = read_models.table(WORKERS_TABLE.name)
    marks = ", ".join(["%s"] * len(homes))
    with read_models.db.transaction(write=False) as sql:
        sql.execute(
            "SELECT t.transfer_id, t.worker_id, w.name, w.id_number_masked, w.office,"  # noqa: S608 - no input in SQL
            f" t.destination, t.departed_on FROM {transfers} t"
            f" JOIN {workers} w ON w.worker_id = t.worker_id"
            f" WHERE t.state = 'departed' AND t.destination LIKE %s AND w.office IN ({marks})"
            f" ORDER BY t.departed_on, t.transfer_id LIMIT {LIMIT}",
            [office_area(office) + "%", *homes],
        )
        rows = sql.fetchall()
    return [
        ExpectedArrival(
            transfer_id=UUID(str(r[0])),
            worker_id=UUID(str(r[1])),
            name=str(r[2]),
            id_number=str(r[3]),
            home_office=str(r[4]),
            destination=str(r[5]),
            departed_on=date.fromisoformat(str(r[6])),
        )
        for r in rows
    ]
