"""/workers: registration and the changes caseworkers record about a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from application.exceptions import WorkerNotFound
from application.projections.case_file_rows import JourneyStage
from application.views import WorkerDetails
from domain.worker import PovertyStatus
from infrastructure.readmodels import case_file_queries, timeline_queries
from infrastructure.readmodels.case_file_queries import DEFAULT_LIMIT, MAX_LIMIT, WorkerPage
from interfaces.http.dependencies import (
    CursorQuery,
    JourneyDep,
    ReaderDep,
    ReadModelsDep,
    WorkerIdDep,
)
from interfaces.http.responses import current_response
from interfaces.http.schemas.timeline import WorkerTimelineOut
from interfaces.http.schemas.workers import (
    WorkerEventsOut,
)

router = APIRouter(prefix="/workers", tags=["workers"])


@router.get("", response_model=WorkerPage)
def list_workers(
    reader: ReaderDep,
    read_models: ReadModelsDep,
    q: Annotated[
        str | None,
        Query(max_length=50, description="Name prefix, or the ID number's last 4 characters"),
    ] = None,
    township: Annotated[str | None, Query(max_length=50, examples=["骡坪镇"])] = None,
    poverty_status: PovertyStatus | None = None,
    stage: JourneyStage | None = None,
    office: Annotated[str | None, Query(pattern=r"^[0-9]{6}$", examples=["500237"])] = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> WorkerPage:
    """Search the case files (劳动力档案) in registration order, by name prefix or
    the ID number's last 4 characters, and by township, poverty status, journey
    stage and registering office. ID numbers are masked."""
    page = case_file_queries.search_workers(
        read_models,
        scope=reader.actor().reach,
        q=q,
        township=township,
        poverty_status=poverty_status.value if poverty_status else None,
        stage=stage.value if stage else None,
        office=office,
        cursor=cursor,
        limit=limit,
    )
    return page


@router.get("/{worker_id}", response_model=WorkerDetails)
def get_worker(reader: ReaderDep, worker_id: WorkerIdDep, journey: JourneyDep) -> JSONResponse:
    """The worker's current state; the ID number is masked."""
    worker = journey.worker_details(worker_id, reader.actor())
    return current_response(worker, worker.version)


@router.get("/{worker_id}/events", response_model=WorkerEventsOut)
def worker_events(
    reader: ReaderDep, worker_id: WorkerIdDep, journey: JourneyDep
) -> WorkerEventsOut:
    """The worker's events in order, with names, ID numbers and phones masked."""
    events = journey.worker_events(worker_id, reader.actor())
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
    page = timeline_queries.worker_timeline(
        read_models, worker_id, reader.role, after, limit, scope=reader.actor().reach
    )
    if page is None:
        raise WorkerNotFound(worker_id)
    return WorkerTimelineOut.of(worker_id, page)
