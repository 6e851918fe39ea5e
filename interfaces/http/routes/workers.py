"""/workers: registration and the changes caseworkers record about a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application import commands as c
from application.exceptions import WorkerNotFound
from application.projections.case_file_rows import JourneyStage
from application.views import Recorded
from domain.worker import PovertyStatus
from infrastructure.readmodels import case_file_queries, timeline_queries
from infrastructure.readmodels.case_file_queries import DEFAULT_LIMIT, MAX_LIMIT
from interfaces.http.dependencies import (
    CaseworkerDep,
    ExpectedVersionDep,
    JourneyDep,
    ReaderDep,
    ReadModelsDep,
    WorkerIdDep,
)
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventOut
from interfaces.http.schemas.timeline import WorkerTimelineOut
from interfaces.http.schemas.workers import (
    ContactIn,
    JobIntentionCommandIn,
    PovertyStatusIn,
    ReasonIn,
    RegisterWorkerIn,
    SkillsIn,
    SupportServiceIn,
    WorkerEventsOut,
    WorkerListOut,
    WorkerOut,
)

router = APIRouter(prefix="/workers", tags=["workers"])
NEXT_CURSOR = "The `next_cursor` of the page before"


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


@router.get("", response_model=WorkerListOut)
def list_workers(
    _: ReaderDep,
    read_models: ReadModelsDep,
    q: Annotated[
        str | None,
        Query(max_length=50, description="Name prefix, or the ID number's last 4 characters"),
    ] = None,
    township: Annotated[str | None, Query(max_length=50, examples=["骡坪镇"])] = None,
    poverty_status: PovertyStatus | None = None,
    stage: JourneyStage | None = None,
    office: Annotated[str | None, Query(pattern=r"^[0-9]{6}$", examples=["500237"])] = None,
    cursor: Annotated[str | None, Query(max_length=20, description=NEXT_CURSOR)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> WorkerListOut:
    """Search the case files (劳动力档案) in registration order, by name prefix or
    the ID number's last 4 characters, and by township, poverty status, journey
    stage and registering office. ID numbers are masked."""
    page = case_file_queries.search_workers(
        read_models,
        q=q,
        township=township,
        poverty_status=poverty_status.value if poverty_status else None,
        stage=stage.value if stage else None,
        office=office,
        cursor=cursor,
        limit=limit,
    )
    return WorkerListOut.of(page)


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


@router.get("/{worker_id}/timeline", response_model=WorkerTimelineOut)
def worker_timeline(
    reader: ReaderDep,
    worker_id: WorkerIdDep,
    read_models: ReadModelsDep,
    after: Annotated[int, Query(ge=0, description="The last position you saw")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=timeline_queries.MAX_LIMIT)
    ] = timeline_queries.DEFAULT_LIMIT,
) -> WorkerTimelineOut:
    """Everything that happened to the worker — registration, trainings,
    transfers, placements, disputes — one line per event in Chinese and English,
    oldest first, paged by log position. Summaries carry no personal data; a
    caseworker sees mediation sessions and evidence only as neutral entries."""
    page = timeline_queries.worker_timeline(read_models, worker_id, reader.role, after, limit)
    if page is None:
        raise WorkerNotFound(worker_id)
    return WorkerTimelineOut.of(worker_id, page)


@router.post("/{worker_id}/contact", response_model=WorkerOut)
def change_contact(
    body: ContactIn,
    actor: CaseworkerDep,
    worker_id: WorkerIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the worker's new mobile number; the number on file records nothing (200)."""
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
    """Record a poverty status from an official list, effective from `effective_on`.
    The same status, date and source as on file records nothing (200)."""
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
    """Record where and in which sector the worker would like to work; the
    intention on file records nothing (200)."""
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
    """Replace the worker's list of skills; the list on file records nothing (200)."""
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
