"""/health (the process is up) and /ready (the database answers)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from infrastructure.database_errors import RETRY_AFTER_SECONDS
from infrastructure.readmodels.access import ReadModels
from infrastructure.service_progress import read_progress
from infrastructure.sql import SqlDatabase

router = APIRouter(tags=["operations"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {
        "description": "The database does not answer (Retry-After)",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


@router.get("/ready", responses=NOT_READY)
def ready(request: Request) -> JSONResponse:
    """Ready when the database answers; shows each read model's position and lag
    (events not yet applied) and whether it stopped on an event, and the same of
    the subsidy policy process (`stopped_at`: where it gave up, losing every
    race to record a page). Otherwise 503 with Retry-After, within the database
    timeout. A stopped read model or process does not make the API unready: it
    still serves commands and the other reads, so a load balancer keeps it."""
    db: SqlDatabase = request.app.state.db
    read_models: ReadModels = request.app.state.read_models
    try:
        db.ping()
        progress = read_progress(db, request.app.state.journey, read_models.prefix)
    except Exception as error:  # any failure to answer means not ready
        return JSONResponse(
            {"status": "unavailable", "database": type(error).__name__},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return JSONResponse(
        {
            "status": "ready",
            "database": "ok",
            "log_position": progress.log_position,
            "read_models": {name: asdict(p) for name, p in progress.read_models.items()},
            "processes": {name: asdict(p) for name, p in progress.processes.items()},
        }
    )
