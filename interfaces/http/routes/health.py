"""/health (the process is up) and /ready (the database answers)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from infrastructure.database_errors import RETRY_AFTER_SECONDS
from infrastructure.policy_process import POLICY_PROCESS, process_position
from infrastructure.process_stops import read_stops
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.tracking import read_tracking
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
        journey = request.app.state.journey
        position = journey.recorder.max_notification_id() or 0
        policy_position = process_position(journey)
        with db.transaction(write=False) as cursor:
            tracked = read_tracking(cursor, read_models.prefix)
            stops = read_stops(cursor, read_models.prefix)
    except Exception as error:  # any failure to answer means not ready
        return JSONResponse(
            {"status": "unavailable", "database": type(error).__name__},
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    stop = stops.get(POLICY_PROCESS)
    return JSONResponse(
        {
            "status": "ready",
            "database": "ok",
            "log_position": position,
            "read_models": {
                name: {
                    "position": t.position,
                    "lag": max(position - t.position, 0),
                    "stopped_at": t.error_position,
                    "error": t.error,
                }
                for name, t in tracked.items()
            },
            "processes": {
                POLICY_PROCESS: {
                    "position": policy_position,
                    "lag": max(position - policy_position, 0),
                    "stopped_at": stop.position if stop else None,
                    "error": stop.error if stop else None,
                }
            },
        }
    )
