"""/workers: registration and the changes caseworkers record about a person."""

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
    WorkerIdDep,
)
from interfaces.http.responses import COMMAND_ERRORS, current_response, recorded_response
from interfaces.http.schemas.common import EventOut
from interfaces.http.schemas.workers import (
    ContactIn,
    JobIntentionCommandIn,
    PovertyStatusIn,
    ReasonIn,
    RegisterWorkerIn,
    SkillsIn,
    SupportServiceIn,
    WorkerEventsOut,
    WorkerOut,
)

router = APIRouter(prefix="/workers", tags=["workers"], responses=COMMAND_ERRORS)


def _answer(journey: JourneyDep, recorded: Recorded, *, created: bool = False) -> JSONResponse:
    worker = WorkerOut.of(journey.worker_details(recorded.aggregate_id))
    location = f"/api/v1/workers/{recorded.aggregate_id}" if created else None
    return recorded_response(worker, recorded, location=location)


@router.post("", status_code=201, response_model=WorkerOut)
def register_worker(
    body: RegisterWorkerIn, actor: CaseworkerDep, journey: JourneyDep
) -> JSONResponse:
    """Register a worker (劳动力登记). The ID number is checked (GB 11643 check
    character, birth date, region code); a person can be registered only once —
    a second registration answers 409 naming the existing worker id."""
    intention = body.job_intention
    recorded = journey.register_worker(
        c.RegisterWorker(
            actor=actor,
            occurred_on=body.occurred_on,
            note=body.note,
            name=body.name,
            id_number=body.id_number,
            mobile=body.mobile,
            hukou_division=body.hukou_division,
            hukou_township=body.hukou_township,
            poverty_status=body.poverty_status.value,
            education=body.education.value if body.education else None,
            skills=body.skills,
            intended_destination=intention.destination if intention else None,
            intended_sector=intention.sector if intention else None,
            consent=body.consent,
        )
    )
    return _answer(journey, recorded, created=True)


@router.get("/{worker_id}", response_model=WorkerOut)
def get_worker(_: ReaderDep, worker_id: WorkerIdDep, journey: JourneyDep) -> JSONResponse:
    """The worker's current state; the ID number is masked."""
    worker = journey.worker_details(worker_id)
    return current_response(WorkerOut.of(worker), worker.version)


@router.get("/{worker_id}/events", response_model=WorkerEventsOut)
def worker_events(_: ReaderDep, worker_id: WorkerIdDep, journey: JourneyDep) -> WorkerEventsOut:
    """The worker's events in order, with names, ID numbers and phones masked."""
    events = [EventOut.of(e) for e in journey.worker_events(worker_id)]
    return WorkerEventsOut(worker_id=worker_id, events=events)


@router.post("/{worker_id}/contact", response_model=WorkerOut)
def change_contact(
    body: ContactIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the worker's new mobile number."""
    recorded = journey.change_contact(
        c.ChangeContact(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            mobile=body.mobile,
        )
    )
    return _answer(journey, recorded)


@router.post("/{worker_id}/poverty-status", response_model=WorkerOut)
def change_poverty_status(
    body: PovertyStatusIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record a poverty status from an official list, effective from `effective_on`."""
    recorded = journey.change_poverty_status(
        c.ChangePovertyStatus(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            status=body.status.value,
            effective_on=body.effective_on,
            source=body.source,
        )
    )
    return _answer(journey, recorded)


@router.post("/{worker_id}/job-intention", response_model=WorkerOut)
def record_job_intention(
    body: JobIntentionCommandIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record where and in which sector the worker would like to work."""
    recorded = journey.record_job_intention(
        c.RecordJobIntention(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            destination=body.destination,
            sector=body.sector,
        )
    )
    return _answer(journey, recorded)


@router.post("/{worker_id}/skills", response_model=WorkerOut)
def record_skills(
    body: SkillsIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Replace the worker's list of skills."""
    recorded = journey.record_skills(
        c.RecordSkills(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            skills=body.skills,
        )
    )
    return _answer(journey, recorded)


@router.post("/{worker_id}/support-services", response_model=WorkerOut)
def record_support_service(
    body: SupportServiceIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Log a holiday visit, hardship aid, onboarding help or job matching."""
    recorded = journey.record_support_service(
        c.RecordSupportService(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            kind=body.kind.value,
            description=body.description,
            amount=body.amount,
        )
    )
    return _answer(journey, recorded)


@router.post("/{worker_id}/deactivation", response_model=WorkerOut)
def deactivate_worker(
    body: ReasonIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Close the worker's file (with a reason); it can be reactivated later."""
    recorded = journey.deactivate_worker(
        c.DeactivateWorker(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)


@router.post("/{worker_id}/reactivation", response_model=WorkerOut)
def reactivate_worker(
    body: ReasonIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Reopen a deactivated worker's file (with a reason)."""
    recorded = journey.reactivate_worker(
        c.ReactivateWorker(
            actor=actor,
            worker_id=worker_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)
