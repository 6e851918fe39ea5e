"""Time travel for auditors: a record (/audit/records/{id}) or a worker's whole
journey (/audit/workers/{id}) as the office knew it at a moment or version —
or, by business date (`basis=business`), the facts dated on or before a day as
known now — side by side with now. Replays go through the journey's auditor
replays, so the dispute case notes they show are recorded as disclosures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from application.audit_history import RecordNotYetRecorded, WorkerAsOf
from application.replay_basis import Basis
from infrastructure.readmodels.audit_queries import record_positions, worker_records
from interfaces.http import access
from interfaces.http.dependencies import JourneyDep, RecordIdDep, WorkerIdDep
from interfaces.i18n.catalogue import translate
from interfaces.web import audit_views as v
from interfaces.web.rendering import language, render
from interfaces.web.signed_in import SessionDep, require

router = APIRouter()
JOURNEY_PARTS = ("trainings", "transfers", "placements", "disputes", "subsidies", "disclosures")


@dataclass(frozen=True)
class Part:
    name: str
    records: list[tuple[UUID, list[v.Row]]]  # each record's rows, then vs now


@router.get("/audit/records/{record_id}", response_class=HTMLResponse, include_in_schema=False)
def record_page(
    request: Request, session: SessionDep, record_id: RecordIdDep, journey: JourneyDep
) -> HTMLResponse:
    auditor = require(session, access.REPLAY)
    at, version, errors = v.read_moment(request.query_params, language(request))
    basis = _basis(request, at, errors)
    positions = record_positions(request.app.state.read_models, record_id)
    now = journey.replay_record(auditor, record_id, positions=positions)
    then, not_yet = None, False
    if (at is not None or version is not None) and not errors:
        try:
            then = journey.record_as_of(
                record_id,
                as_of=at,
                version=version,
                reader=auditor,
                positions=positions,
                basis=basis,
            )
        except RecordNotYetRecorded:
            not_yet = True
    return render(
        request,
        "audit_record.html",
        status=422 if errors else 200,
        kind=now.kind.value,
        record_id=record_id,
        current=now,
        then=then,
        rows=v.compare(then.record if then else None, now.record),
        events=(then or now).events,
        form=_form(request),
        errors=errors,
        not_yet=not_yet,
        moment_asked=at,
    )


@router.get("/audit/workers/{worker_id}", response_class=HTMLResponse, include_in_schema=False)
def worker_page(
    request: Request, session: SessionDep, worker_id: WorkerIdDep, journey: JourneyDep
) -> HTMLResponse:
    auditor = require(session, access.REPLAY)
    at, version, errors = v.read_moment(request.query_params, language(request))
    basis = _basis(request, at, errors)
    records = worker_records(request.app.state.read_models, worker_id, scope=auditor.reach)
    known: dict[str, Any] = {"positions": records.positions}
    now = journey.replay_worker(auditor, worker_id, records.record_ids, **known)
    then: WorkerAsOf | None = None
    not_yet = False
    if (at is not None or version is not None) and not errors:
        try:
            then = journey.worker_as_of(
                worker_id, records.record_ids, as_of=at, version=version,
                reader=auditor, basis=basis, **known,
            )  # fmt: skip
        except RecordNotYetRecorded:
            not_yet = True
    return render(
        request,
        "audit_worker.html",
        status=422 if errors else 200,
        worker_id=worker_id,
        current=now,
        then=then,
        rows=v.compare(then.worker if then else None, now.worker),
        parts=[_part(name, then, now) for name in JOURNEY_PARTS],
        events=(then or now).events,
        form=_form(request),
        errors=errors,
        not_yet=not_yet,
        moment_asked=at,
    )


def _part(name: str, then: WorkerAsOf | None, now: WorkerAsOf) -> Part:
    """Every record of the part now, with how it was then (absent then: empty)."""
    before = {r.id: r for r in getattr(then, name)} if then is not None else {}
    records = []
    for record in getattr(now, name):
        old = before.get(record.id)
        rows = v.compare(old, record) if old is not None or then is None else _new(record)
        records.append((record.id, rows))
    return Part(name, records)


def _new(record: object) -> list[v.Row]:
    """A record created after the moment: every row is new since then."""
    return [v.Row(key, "", value) for key, value in v.facts(record).items()]


def _basis(request: Request, at: datetime | None, errors: dict[str, str]) -> Basis:
    """The form's basis; anything but `business` is by recorded time (the
    default). By business date the day is needed: a version alone is refused."""
    if request.query_params.get("basis") != Basis.BUSINESS.value:
        return Basis.RECORDED
    if at is None and not errors:
        errors["date"] = translate(language(request), "audit.error.basis_date")
    return Basis.BUSINESS


def _form(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "")[:40] for k in ("date", "time", "version", "basis")}
