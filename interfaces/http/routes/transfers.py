"""/transfers: organised transfers (有组织转移), recorded by caseworkers."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from application import commands as c
from application.views import Recorded
from interfaces.http.dependencies import (
    CaseworkerDep,
    ExpectedVersionDep,
    JourneyDep,
    ReaderDep,
    TransferIdDep,
)
from interfaces.http.responses import current_response, recorded_response
from interfaces.http.schemas.common import EventsOut
from interfaces.http.schemas.transfers import (
    ArrangeIn,
    ArrivalIn,
    CancellationIn,
    DepartureIn,
    ReturnIn,
    TransferOut,
)

router = APIRouter(prefix="/transfers", tags=["transfers"])


def _answer(journey: JourneyDep, recorded: Recorded, *, created: bool = False) -> JSONResponse:
    transfer = TransferOut.of(journey.transfer_details(recorded.aggregate_id))
    location = f"/api/v1/transfers/{recorded.aggregate_id}" if created else None
    return recorded_response(transfer, recorded, location=location)


@router.post("", status_code=201, response_model=TransferOut)
def arrange(body: ArrangeIn, actor: CaseworkerDep, journey: JourneyDep) -> JSONResponse:
    """Arrange the organised transfer of an active worker (安排有组织转移) to a
    destination division. The origin office defaults to yours; the planned date
    is not before the arrangement date. A deactivated worker answers 409."""
    recorded = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=actor,
            occurred_on=body.occurred_on,
            note=body.note,
            worker_id=body.worker_id,
            origin_office=body.origin_office,
            destination=body.destination,
            channel=body.channel.value,
            planned_on=body.planned_on,
            employer_name=body.employer_name,
        )
    )
    return _answer(journey, recorded, created=True)


@router.get("/{transfer_id}", response_model=TransferOut)
def get_transfer(_: ReaderDep, transfer_id: TransferIdDep, journey: JourneyDep) -> JSONResponse:
    transfer = journey.transfer_details(transfer_id)
    return current_response(TransferOut.of(transfer), transfer.version)


@router.get("/{transfer_id}/events", response_model=EventsOut)
def transfer_events(_: ReaderDep, transfer_id: TransferIdDep, journey: JourneyDep) -> EventsOut:
    return EventsOut.of(transfer_id, journey.transfer_events(transfer_id))


@router.post("/{transfer_id}/departure", response_model=TransferOut)
def depart(
    body: DepartureIn,
    actor: CaseworkerDep,
    transfer_id: TransferIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the departure (出发) of an arranged transfer and its travel mode."""
    recorded = journey.record_departure(
        c.RecordDeparture(
            actor=actor,
            transfer_id=transfer_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            mode=body.mode.value,
        )
    )
    return _answer(journey, recorded)


@router.post("/{transfer_id}/arrival", response_model=TransferOut)
def arrive(
    body: ArrivalIn,
    actor: CaseworkerDep,
    transfer_id: TransferIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record the arrival (到达) of a departed transfer, confirmed by your office."""
    recorded = journey.record_arrival(
        c.RecordArrival(
            actor=actor,
            transfer_id=transfer_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
        )
    )
    return _answer(journey, recorded)


@router.post("/{transfer_id}/cancellation", response_model=TransferOut)
def cancel(
    body: CancellationIn,
    actor: CaseworkerDep,
    transfer_id: TransferIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Call off a transfer that has not departed (取消转移)."""
    recorded = journey.cancel_transfer(
        c.CancelTransfer(
            actor=actor,
            transfer_id=transfer_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)


@router.post("/{transfer_id}/return", response_model=TransferOut)
def record_return(
    body: ReturnIn,
    actor: CaseworkerDep,
    transfer_id: TransferIdDep,
    expected: ExpectedVersionDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Record that the worker came back (返乡) after arriving."""
    recorded = journey.record_return(
        c.RecordReturn(
            actor=actor,
            transfer_id=transfer_id,
            expected_version=expected,
            occurred_on=body.occurred_on,
            note=body.note,
            reason=body.reason,
        )
    )
    return _answer(journey, recorded)
