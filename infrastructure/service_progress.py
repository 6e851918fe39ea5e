"""How far each reader of the event log has come: the read models and the
subsidy policy process. /ready shows it to a load balancer, /metrics to
Prometheus; both read it here, in one read-only transaction."""

from __future__ import annotations

from dataclasses import dataclass

from application.journey import Journey
from infrastructure.policy_process import POLICY_PROCESS, process_position
from infrastructure.process_stops import read_stops
from infrastructure.readmodels.tracking import read_tracking
from infrastructure.sql import SqlDatabase


@dataclass(frozen=True)
class Progress:
    position: int
    lag: int  # events in the log not yet applied
    stopped_at: int | None  # where it stopped on an event it could not apply
    error: str | None


@dataclass(frozen=True)
class ServiceProgress:
    log_position: int
    read_models: dict[str, Progress]
    processes: dict[str, Progress]


def read_progress(db: SqlDatabase, journey: Journey, prefix: str) -> ServiceProgress:
    """Raises what the database raises: the callers decide what an outage means."""
    head = int(journey.recorder.max_notification_id() or 0)
    policy_position = process_position(journey)
    with db.transaction(write=False) as cursor:
        tracked = read_tracking(cursor, prefix)
        stops = read_stops(cursor, prefix)
    stop = stops.get(POLICY_PROCESS)
    return ServiceProgress(
        log_position=head,
        read_models={
            name: Progress(t.position, max(head - t.position, 0), t.error_position, t.error)
            for name, t in tracked.items()
        },
        processes={
            POLICY_PROCESS: Progress(
                policy_position,
                max(head - policy_position, 0),
                stop.position if stop else None,
                stop.error if stop else None,
            )
        },
    )
