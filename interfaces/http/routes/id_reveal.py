"""POST /workers/{id}/id-number-reveal: the full ID number, for a stated reason,
recorded before it is shown (caseworkers)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from application import commands as c
from interfaces.http.dependencies import JourneyDep, RevealerDep, WorkerIdDep
from interfaces.http.middleware import not_to_be_kept
from interfaces.http.schemas.common import Request as RequestBody

router = APIRouter(prefix="/workers", tags=["workers"])


class RevealIn(RequestBody):
    reason: str = Field(min_length=1, max_length=500, examples=["核对社保参保信息，需完整身份证号"])


class RevealOut(BaseModel):
    worker_id: UUID
    id_number: str = Field(description="The full resident ID number (GB 11643).")
    disclosure_id: UUID = Field(description="The record of this reveal in the audit trail.")


@router.post("/{worker_id}/id-number-reveal", response_model=RevealOut)
def reveal_id_number(
    request: Request,
    body: RevealIn,
    actor: RevealerDep,
    worker_id: WorkerIdDep,
    journey: JourneyDep,
) -> JSONResponse:
    """Show the worker's full ID number. The reveal — who, when, why — is
    recorded first (`Disclosure.Recorded`, in the audit trail and the worker's
    timeline); if it cannot be recorded, nothing is shown. The answer is never
    cached nor kept for Idempotency-Key replays."""
    not_to_be_kept(request.state)  # a retry is another reveal, recorded again
    revealed = journey.reveal_id_number(
        c.RevealIdNumber(actor=actor, worker_id=worker_id, reason=body.reason)
    )
    out = RevealOut(
        worker_id=revealed.worker_id,
        id_number=revealed.id_number,
        disclosure_id=revealed.disclosure_id,
    )
    return JSONResponse(
        out.model_dump(mode="json"),
        headers={"X-Position": str(revealed.position)},
    )
