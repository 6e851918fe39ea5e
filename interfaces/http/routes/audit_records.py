"""/audit/workers/{id} and /audit/records/{id}: replay the past (auditors), by
recorded time (as the office knew it then) or by business date (the facts dated
on or before a day, as known now)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from application.audit_history import RecordAsOf, WorkerAsOf
from application.clock import moment
from application.replay_basis import Basis
from domain.exceptions import InvalidValue
from infrastructure.readmodels.audit_queries import record_positions, worker_records
from interfaces.http.dependencies import (
    AuditingActorDep,
    JourneyDep,
    ReadModelsDep,
    RecordIdDep,
    WorkerIdDep,
)
from interfaces.http.schemas.dates import IsoMoment

router = APIRouter(prefix="/audit", tags=["audit"])

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Only auditors replay records"},
    404: {
        "description": "No such record, or none yet at that moment or version (or, by"
        " business date, no fact of it dated on or before that day)"
    },
    422: {"description": "Invalid as_of, version or basis (problem+json naming the field)"},
}
AsOf = Annotated[
    IsoMoment | None,
    Query(
        description="Replay as the office knew it at this moment (recorded time): ISO 8601; "
        "without an offset it is read in Asia/Shanghai (URL-encode `+` as %2B, or use Z). "
        "Numbers (Unix timestamps) are refused. With `basis=business`, its date (in "
        "Asia/Shanghai) is the business day replayed, the whole day included.",
        examples=["2025-09-30T18:00:00+08:00"],
    ),
]
Version = Annotated[int | None, Query(ge=1, description="Replay at this version of the record.")]
BasisQuery = Annotated[
    Basis,
    Query(
        description="`recorded` (default): each record up to its last event recorded at or "
        "before `as_of`, as the office knew it then. `business`: up to its last event whose "
        "business date (the day it happened: `occurred_on`, a payment's `paid_on`, a "
        "subsidy's `arose_on`) is on or before the day of `as_of`, as the office knows it "
        "now — facts entered later, back-dated, included. Needs `as_of`; not with `version`.",
    ),
]


def _moment(as_of: datetime | None, version: int | None, basis: Basis) -> datetime | None:
    if as_of is not None and version is not None:
        raise InvalidValue("version", "give either as_of or version, not both")
    if basis is Basis.BUSINESS and as_of is None:
        raise InvalidValue("as_of", "is needed with basis=business")
    return moment(as_of) if as_of is not None else None


@router.get("/workers/{worker_id}", response_model=WorkerAsOf, responses=ERRORS)
def worker_as_of(
    auditor: AuditingActorDep,
    worker_id: WorkerIdDep,
    journey: JourneyDep,
    read_models: ReadModelsDep,
    as_of: AsOf = None,
    version: Version = None,
    basis: BasisQuery = Basis.RECORDED,
) -> WorkerAsOf:
    """The worker and their whole journey — trainings, transfers, placements,
    disputes, subsidies — as the office knew them at `as_of` (each record replayed
    from its events recorded up to then), or when the worker's record reached
    `version`; plus every event up to then, in the order recorded. With
    `basis=business`: each record's facts dated on or before the day of `as_of`,
    as known now (the answer says `"basis": "business"` and the `business_date`)."""
    when = _moment(as_of, version, basis)
    records = worker_records(read_models, worker_id, scope=auditor.reach)
    replayed = journey.replay_worker(
        auditor,
        worker_id,
        records.record_ids,
        as_of=when,
        version=version,
        positions=records.positions,
        basis=basis,
    )
    return replayed


@router.get("/records/{record_id}", response_model=RecordAsOf, responses=ERRORS)
def record_as_of(
    auditor: AuditingActorDep,
    record_id: RecordIdDep,
    journey: JourneyDep,
    read_models: ReadModelsDep,
    as_of: AsOf = None,
    version: Version = None,
    basis: BasisQuery = Basis.RECORDED,
) -> RecordAsOf:
    """Any record (worker, training, transfer, placement, dispute, subsidy) as it
    was at `version`, or at the moment `as_of`, with its events up to then; with
    `basis=business`, its facts dated on or before the day of `as_of`, as known now."""
    when = _moment(as_of, version, basis)
    positions = record_positions(read_models, record_id)
    return journey.replay_record(
        auditor, record_id, as_of=when, version=version, positions=positions, basis=basis
    )
