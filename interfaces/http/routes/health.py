"""/health (the process is up) and /ready (the database answers)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from infrastructure.database_errors import RETRY_AFTER_SECONDS
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
    (events not yet applied) and whether it stopped on an event. Otherwise 503
    with Retry-After, within the database timeout."""
    db: SqlDatabase = request.app.state.db
    read_models: ReadModels = request.app.state.read_models
    try:
        db.ping()
        position = request.app.state.journey.recorder.max_notification_id() or 0
        with db.transaction(write=False) as cursor:
            tracked = read_tracking(cursor, read_models.prefix)
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
        }
    )
