"""/trainings: enrolment, completion, certification and withdrawal (caseworkers)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application import commands as c
from application.views import Recorded
from interfaces.http.dependencies import (
    CaseworkerDep,
    ExpectedVersionDep,
    JourneyDep,
    ReaderDep,
    TrainingIdDep,
)
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.trainings import (
    CertificationIn,
    CompletionIn,
    EnrollIn,
    TrainingOut,
    WithdrawalIn,
)

router = APIRouter(prefix="/trainings", tags=["trainings"])


def _answer(journey: JourneyDep, recorded: Recorded, *, created: bool = False) -> JSONResponse:
    training = TrainingOut.of(journey.training_details(recorded.aggregate_id))
    location = f"/api/v1/trainings/{recorded.aggregate_id}" if created else None
    return recorded_response(training, recorded, location=location)


@router.post("", status_code=201, response_model=TrainingOut)
def enroll(body: EnrollIn, actor: CaseworkerDep, journey: JourneyDep) -> JSONResponse:
    """Enrol an active worker in a course (报名培训). One enrolment per worker per
    course and start date: a second one answers 409 naming the existing id."""
    recorded = journey.enroll_in_training(
        c.EnrollInTraining(
            actor=actor,
            occurred_on=body.occurred_on,
            note=body.note,
            worker_id=body.worker_id,
            course_name=body.course_name,
            training_type=body.training_type.value,
            provider=body.provider,
            location=body.location,
            planned_start=body.planned_start,
            planned_end=body.planned_end,
        )
    )
    return _answer(journey, recorded, created=True)


@router.get("/{training_id}", response_model=TrainingOut)
def get_training(_: ReaderDep, training_id: TrainingIdDep, journey: JourneyDep) -> JSONResponse:
    training = journey.training_details(training_id)
    return current_response(TrainingOut.of(training), training.version)


@router.get("/{training_id}/events", response_model=EventsOut)
def training_events(_: ReaderDep, training_id: TrainingIdDep, journey: JourneyDep) -> EventsOut:
    return EventsOut.of(training_id, journey.training_events(training_id))


@router.post("/{training_id}/completion", response_model=TrainingOut)
def complete(
    body: CompletionIn,
    actor: CaseworkerDep,
    training_id: TrainingIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the course finished (结业) with hours and result."""
    recorded = journey.complete_training(
        c.CompleteTraining(
            actor=actor,
            training_id=training_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            hours=body.hours,
            result=body.result.value,
        )
    )
    return _answer(journey, recorded)


@router.post("/{training_id}/certification", response_model=TrainingOut)
def certify(
    body: CertificationIn,
    actor: CaseworkerDep,
    training_id: TrainingIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the certificate a passed course earned (取证)."""
    recorded = journey.certify_training(
        c.CertifyTraining(
            actor=actor,
            training_id=training_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            certificate_type=body.certificate_type,
            certificate_number=body.certificate_number,
            level=body.level,
        )
    )
    return _answer(journey, recorded)


@router.post("/{training_id}/withdrawal", response_model=TrainingOut)
def withdraw(
    body: WithdrawalIn,
    actor: CaseworkerDep,
    training_id: TrainingIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record that the worker left the course before finishing it."""
    recorded = journey.withdraw_from_training(
        c.WithdrawFromTraining(
            actor=actor,
            training_id=training_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)
