"""/trainings: enrolment, completion, certification and withdrawal (caseworkers)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application.views import TrainingDetails
from interfaces.http.dependencies import (
    JourneyDep,
    ReaderDep,
    TrainingIdDep,
)
from interfaces.http.responses import current_response
from interfaces.http.schemas.common import EventsOut

router = APIRouter(prefix="/trainings", tags=["trainings"])


@router.get("/{training_id}", response_model=TrainingDetails)
def get_training(
    reader: ReaderDep, training_id: TrainingIdDep, journey: JourneyDep
) -> JSONResponse:
    training = journey.training_details(training_id, reader.actor())
    return current_response(training, training.version)


@router.get("/{training_id}/events", response_model=EventsOut)
def training_events(
    reader: ReaderDep, training_id: TrainingIdDep, journey: JourneyDep
) -> EventsOut:
    return EventsOut.of(training_id, journey.training_events(training_id, reader.actor()))
