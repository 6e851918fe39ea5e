"""/health (the process is up) and /ready (the database answers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from infrastructure.sql import SqlDatabase

router = APIRouter(tags=["operations"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready")
def ready(request: Request) -> JSONResponse:
    db: SqlDatabase = request.app.state.db
    try:
        db.ping()
        position = request.app.state.journey.recorder.max_notification_id() or 0
    except Exception as error:  # any failure to answer means not ready
        return JSONResponse(
            {"status": "unavailable", "database": type(error).__name__}, status_code=503
        )
    return JSONResponse({"status": "ready", "database": "ok", "log_position": position})
