"""Whether a caller may read one worker's file from the read models: their
timeline, their records, their history for time travel.

The same offices the application lets read the file (application/case_access):
those serving the worker, and those the worker is offered to or expected at.
"""

from __future__ import annotations

from uuid import UUID

from domain.scope import Scope
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_files import HANDOVERS_TABLE, TRANSFERS_TABLE, WORKERS_TABLE
from infrastructure.readmodels.scoping import file_open_to, sees_everything
from infrastructure.sql import Cursor


def reads_file(read_models: ReadModels, cursor: Cursor, worker_id: UUID, scope: Scope) -> bool:
    """Within the transaction of `cursor`. A scope of everything reads every
    file, even one the case files have not reached yet."""
    if sees_everything(scope):
        return True
    t = read_models.table
    clause, params = file_open_to(scope, t(HANDOVERS_TABLE.name), t(TRANSFERS_TABLE.name))
    cursor.execute(
        f"SELECT 1 FROM {t(WORKERS_TABLE.name)} w WHERE w.worker_id = %s AND {clause}",  # noqa: S608 - names are ours
        [str(worker_id), *params],
    )
    return cursor.fetchone() is not None
