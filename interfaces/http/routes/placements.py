"""/placements: job spells (就业安置) and their monthly confirmations (caseworkers)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application import commands as c
from application.views import Recorded
from interfaces.http.dependencies import (
    CaseworkerDep,
    ExpectedVersionDep,
    JourneyDep,
    PlacementIdDep,
    ReaderDep,
)
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.placements import (
    EndIn,
    MonthIn,
    MonthWithdrawalIn,
    PlacementOut,
    StartIn,
)

router = APIRouter(prefix="/placements", tags=["placements"])


def _answer(journey: JourneyDep, recorded: Recorded, *, created: bool = False) -> JSONResponse:
    placement = PlacementOut.of(journey.placement_details(recorded.aggregate_id))
    location = f"/api/v1/placements/{recorded.aggregate_id}" if created else None
    return recorded_response(placement, recorded, location=location)


@router.post("", status_code=201, response_model=PlacementOut)
def start(body: StartIn, actor: CaseworkerDep, journey: JourneyDep) -> JSONResponse:
    """Start a job spell of an active worker (就业安置). The employer's unified
    social credit code is checked; a `transfer_id` must name a transfer of the
    same worker. `start_date` and `occurred_on`, if both given, must agree."""
    recorded = journey.start_placement(
        c.StartPlacement(
            actor=actor,
            occurred_on=body.occurred_on,
            note=body.note,
            worker_id=body.worker_id,
            transfer_id=body.transfer_id,
            employer_name=body.employer_name,
            employer_code=body.employer_code,
            workplace_division=body.workplace_division,
            position=body.position,
            monthly_wage=body.monthly_wage,
            contract_type=body.contract_type.value,
            kind=body.kind.value,
            start_date=body.start_date,
        )
    )
    return _answer(journey, recorded, created=True)


@router.get("/{placement_id}", response_model=PlacementOut)
def get_placement(_: ReaderDep, placement_id: PlacementIdDep, journey: JourneyDep) -> JSONResponse:
    """The spell's current state, its confirmed months and whether it is stable."""
    placement = journey.placement_details(placement_id)
    return current_response(PlacementOut.of(placement), placement.version)


@router.get("/{placement_id}/events", response_model=EventsOut)
def placement_events(_: ReaderDep, placement_id: PlacementIdDep, journey: JourneyDep) -> EventsOut:
    return EventsOut.of(placement_id, journey.placement_events(placement_id))


@router.post("/{placement_id}/months", response_model=PlacementOut)
def confirm_month(
    body: MonthIn,
    actor: CaseworkerDep,
    placement_id: PlacementIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Confirm one month of employment (YYYY-MM) with its evidence: once per month,
    inside the spell, not in the future. A month already confirmed answers 409."""
    recorded = journey.confirm_month(
        c.ConfirmMonth(
            actor=actor,
            placement_id=placement_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            month=body.month,
            evidence=body.evidence.value,
            evidence_ref=body.evidence_ref,
        )
    )
    return _answer(journey, recorded)


@router.post("/{placement_id}/month-withdrawal", response_model=PlacementOut)
def withdraw_month(
    body: MonthWithdrawalIn,
    actor: CaseworkerDep,
    placement_id: PlacementIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Withdraw the confirmation of a month (YYYY-MM) confirmed in error, with the
    reason; the month may be confirmed again. A month not confirmed answers 409."""
    recorded = journey.withdraw_month(
        c.WithdrawMonth(
            actor=actor,
            placement_id=placement_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            month=body.month,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)


@router.post("/{placement_id}/end", response_model=PlacementOut)
def end(
    body: EndIn,
    actor: CaseworkerDep,
    placement_id: PlacementIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """End an active job spell (离职) on `end_date`, with the reason."""
    recorded = journey.end_placement(
        c.EndPlacement(
            actor=actor,
            placement_id=placement_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
            end_date=body.end_date,
        )
    )
    return _answer(journey, recorded)
