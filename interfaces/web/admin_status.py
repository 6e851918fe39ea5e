"""The read models' and the policy process's state, as `laborbridge projections
status` prints it, and a rebuild of one read model as `projections rebuild`
starts it — for the administrator's page."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import FastAPI

from infrastructure.policy_process import POLICY_PROCESS, process_position
from infrastructure.process_stops import read_stops
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.readmodels.base import Projection
from infrastructure.readmodels.tracking import read_tracking, reset
from infrastructure.sql import SqlDatabase


@dataclass(frozen=True)
class ProcessState:
    name: str
    position: int
    lag: int
    error: str | None
    error_position: int | None


@dataclass(frozen=True)
class ServiceStatus:
    head: int
    read_models: list[ProcessState]
    policy: ProcessState


def service_status(app: FastAPI) -> ServiceStatus:
    db: SqlDatabase = app.state.db
    journey = app.state.journey
    head = int(journey.recorder.max_notification_id() or 0)
    with db.transaction(write=False) as cursor:
        tracked = read_tracking(cursor, LIVE_PREFIX)
        stops = read_stops(cursor, LIVE_PREFIX)
    models = [
        ProcessState(t.name, t.position, max(head - t.position, 0), t.error, t.error_position)
        for t in tracked.values()
    ]
    position = process_position(journey)
    stop = stops.get(POLICY_PROCESS)
    policy = ProcessState(
        POLICY_PROCESS,
        position,
        max(head - position, 0),
        stop.error if stop else None,
        stop.position if stop else None,
    )
    return ServiceStatus(head, sorted(models, key=lambda m: m.name), policy)


def rebuild(app: FastAPI, projection: Projection) -> None:
    db: SqlDatabase = app.state.db
    with db.transaction() as cursor:
        reset(cursor, LIVE_PREFIX, projection, postgres=db.is_postgres)
