"""/placements: job spells (就业安置) and their monthly confirmations (caseworkers)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application.views import PlacementDetails
from interfaces.http.dependencies import (
    JourneyDep,
    PlacementIdDep,
    ReaderDep,
)
from interfaces.http.responses import current_response
from interfaces.http.schemas.common import EventsOut

router = APIRouter(prefix="/placements", tags=["placements"])


@router.get("/{placement_id}", response_model=PlacementDetails)
def get_placement(
    reader: ReaderDep, placement_id: PlacementIdDep, journey: JourneyDep
) -> JSONResponse:
    """The spell's current state, its confirmed months and whether it is stable."""
    placement = journey.placement_details(placement_id, reader.actor())
    return current_response(placement, placement.version)


@router.get("/{placement_id}/events", response_model=EventsOut)
def placement_events(
    reader: ReaderDep, placement_id: PlacementIdDep, journey: JourneyDep
) -> EventsOut:
    return EventsOut.of(placement_id, journey.placement_events(placement_id, reader.actor()))
