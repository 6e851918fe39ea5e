"""/audit/integrity: the hash chain over the log and its last verification (auditors)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from infrastructure.integrity_verifications import last_verification
from infrastructure.readmodels.access import LIVE_PREFIX
from infrastructure.readmodels.integrity import chain_head
from infrastructure.settings import Settings
from infrastructure.signing_keys import is_development_key
from infrastructure.sql import SqlDatabase
from interfaces.http.dependencies import AuditorDep, JourneyDep
from interfaces.http.schemas.audit_integrity import IntegrityOut

router = APIRouter(prefix="/audit", tags=["audit"])

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Only auditors read the integrity status"},
}


@router.get("/integrity", response_model=IntegrityOut, responses=ERRORS)
def integrity_status(_: AuditorDep, journey: JourneyDep, request: Request) -> IntegrityOut:
    """The log's head, the hash chain's head, and the outcome of the last
    `laborbridge audit verify` (when, up to where, intact or the first position
    where the log no longer matches the chain, and whether a checkpoint held),
    and whether checkpoints here are signed with the built-in development key."""
    db: SqlDatabase = request.app.state.db
    with db.transaction(write=False) as cursor:
        head = chain_head(cursor, LIVE_PREFIX)
    log_head = int(journey.recorder.max_notification_id() or 0)
    settings: Settings = request.app.state.settings
    return IntegrityOut.of(
        log_head,
        head,
        last_verification(db),
        development_key=is_development_key(settings.signing_seed),
    )
