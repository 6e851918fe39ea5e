"""/transfers: organised transfers (有组织转移), recorded by caseworkers."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application.views import TransferDetails
from interfaces.http.dependencies import (
    JourneyDep,
    ReaderDep,
    TransferIdDep,
)
from interfaces.http.responses import current_response
from interfaces.http.schemas.common import EventsOut

router = APIRouter(prefix="/transfers", tags=["transfers"])


@router.get("/{transfer_id}", response_model=TransferDetails)
def get_transfer(
    reader: ReaderDep, transfer_id: TransferIdDep, journey: JourneyDep
) -> JSONResponse:
    transfer = journey.transfer_details(transfer_id, reader.actor())
    return current_response(transfer, transfer.version)


@router.get("/{transfer_id}/events", response_model=EventsOut)
def transfer_events(
    reader: ReaderDep, transfer_id: TransferIdDep, journey: JourneyDep
) -> EventsOut:
    return EventsOut.of(transfer_id, journey.transfer_events(transfer_id, reader.actor()))
