"""/offices and who serves a worker: the register of offices, and a worker's offices."""

from __future__ import annotations

from fastapi import APIRouter

from application.handover_commands import OfficeDetails, ServedBy
from interfaces.http.dependencies import JourneyDep, ReaderDep, WorkerIdDep

router = APIRouter(tags=["offices"])


@router.get("/offices", response_model=list[OfficeDetails])
def list_offices(_: ReaderDep, journey: JourneyDep) -> list[OfficeDetails]:
    """The register of offices (机构名录): code, name, kind and partner offices."""
    return journey.offices()


@router.get("/workers/{worker_id}/served-by", response_model=ServedBy)
def served_by(reader: ReaderDep, worker_id: WorkerIdDep, journey: JourneyDep) -> ServedBy:
    """Who serves the worker now — the registering office and, from arrival or an
    accepted handover until return, the receiving office — and every handover
    offered, with its state. `version` is what handover commands take as If-Match."""
    return journey.served_by(worker_id, reader.actor())
