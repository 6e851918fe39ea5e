"""What time travel needs from the timeline: a worker's records and where each
of their events lies in the log."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.file_readers import reads_file
from infrastructure.readmodels.timeline import EVENTS, OWNERS


@dataclass(frozen=True)
class WorkerRecords:
    record_ids: list[UUID]  # the worker's trainings, transfers, placements, disputes, subsidies
    positions: dict[tuple[UUID, int], int]  # (record, version) → log position


def record_ids_of(read_models: ReadModels, worker_id: UUID) -> list[UUID]:
    """The ids of the records the timeline knows as the worker's, whoever reads
    them (a caller checks the reader's reach first)."""
    with read_models.db.transaction(write=False) as cursor:
        cursor.execute(
            f"SELECT aggregate_id FROM {read_models.table(OWNERS.name)}"  # noqa: S608
            " WHERE worker_id = %s",
            (str(worker_id),),
        )
        return [UUID(row[0]) for row in cursor.fetchall()]


def worker_records(read_models: ReadModels, worker_id: UUID, *, scope: Scope) -> WorkerRecords:
    """Every record the timeline knows as the worker's (none if the worker's
    file is outside the scope). The timeline keeps one row per event, so a
    record's rows in log order are its versions 1, 2, …"""
    with read_models.db.transaction(write=False) as cursor:
        if not reads_file(read_models, cursor, worker_id, scope):
            return WorkerRecords([], {})
        cursor.execute(
            f"SELECT aggregate_id, position FROM {read_models.table(EVENTS.name)}"  # noqa: S608
            " WHERE worker_id = %s ORDER BY position",
            (str(worker_id),),
        )
        rows = cursor.fetchall()
    records = record_ids_of(read_models, worker_id)
    versions: dict[str, int] = defaultdict(int)
    positions = {}
    for aggregate_id, position in rows:
        versions[aggregate_id] += 1
        positions[(UUID(aggregate_id), versions[aggregate_id])] = int(position)
    return WorkerRecords(records, positions)


def record_positions(read_models: ReadModels, record_id: UUID) -> dict[tuple[UUID, int], int]:
    """(record, version) → log position, for one record's events."""
    with read_models.db.transaction(write=False) as cursor:
        cursor.execute(
            f"SELECT position FROM {read_models.table(EVENTS.name)}"  # noqa: S608
            " WHERE aggregate_id = %s ORDER BY position",
            (str(record_id),),
        )
        return {(record_id, i): int(row[0]) for i, row in enumerate(cursor.fetchall(), start=1)}
