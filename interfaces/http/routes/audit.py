"""/audit: the global audit trail, for auditors."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Request

from domain.late_entry import LATE_ENTRY_DAYS
from infrastructure.readmodels import timeline_queries as q
from infrastructure.staff_changes import StaffChange
from interfaces.http.dependencies import AuditorDep, ReadModelsDep
from interfaces.http.schemas.dates import IsoMoment
from interfaces.http.schemas.sign_ins import SignInOut, SignInsOut
from interfaces.http.schemas.staff_changes import StaffChangeOut, StaffChangesOut
from interfaces.http.schemas.timeline import AuditEventsOut

router = APIRouter(prefix="/audit", tags=["audit"])

ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "No or unknown bearer token"},
    403: {"description": "Only auditors read the audit trail"},
    422: {"description": "Invalid filter (problem+json naming the field)"},
    503: {"description": "The read model has not reached min_position in time"},
}
TIME_BOUND = (
    "ISO 8601 date or date-time; a date means its midnight and a time without "
    "an offset is read in Asia/Shanghai (URL-encode a `+` offset as %2B, or use Z). "
    "Numbers (Unix timestamps) are refused."
)


@router.get("/events", response_model=AuditEventsOut, responses=ERRORS)
def audit_events(
    auditor: AuditorDep,
    read_models: ReadModelsDep,
    actor: Annotated[str | None, Query(max_length=64, description="User name")] = None,
    event_type: Annotated[
        str | None,
        Query(
            alias="type",
            max_length=100,
            description="Full event name, matched exactly",
            examples=["Dispute.Settled"],
        ),
    ] = None,
    aggregate: Annotated[UUID | None, Query(description="Record id")] = None,
    from_: Annotated[
        IsoMoment | None, Query(alias="from", description=f"Recorded at or after. {TIME_BOUND}")
    ] = None,
    to: Annotated[IsoMoment | None, Query(description=f"Recorded before. {TIME_BOUND}")] = None,
    entered_late: Annotated[
        bool | None,
        Query(
            description=f"true: only events recorded more than {LATE_ENTRY_DAYS} days after"
            " their business date (补录); false: only the others"
        ),
    ] = None,
    imported: Annotated[
        bool | None,
        Query(description="true: only facts imported from a ledger (导入); false: only the others"),
    ] = None,
    after: Annotated[int, Query(ge=0, description="The last position you saw")] = 0,
    limit: Annotated[int, Query(ge=1, le=q.MAX_LIMIT)] = q.DEFAULT_LIMIT,
) -> AuditEventsOut:
    """Every event of the log, oldest first, one line each: who recorded what,
    on which record, when. Filters combine; pages by log position (`after`).
    Each event says whether it was entered late (`entered_late`, `days_late`:
    recorded more than 30 days after its business date) and which ledger row it
    was imported from (`imported_from`), if any."""
    page = q.audit_events(
        read_models,
        scope=auditor.actor().reach,
        actor=actor,
        type=event_type,
        aggregate=str(aggregate) if aggregate else None,
        from_=from_,
        to=to,
        entered_late=entered_late,
        imported=imported,
        after=after,
        limit=limit,
    )
    return AuditEventsOut.of(page)


@router.get("/sign-ins", response_model=SignInsOut, responses=ERRORS)
def sign_ins(
    _: AuditorDep,
    request: Request,
    user: Annotated[str | None, Query(max_length=64, description="Only this user name")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> SignInsOut:
    """Every sign-in to the pages, refused or not, and every sign-out: when,
    the name tried, the outcome and the client's address — never anything of
    the password. Newest first."""
    record = request.app.state.staff_accounts.sign_ins(limit=limit, user=user)
    return SignInsOut(
        items=[SignInOut(at=a.at, user=a.user, outcome=a.outcome, source=a.source) for a in record]
    )


@router.get("/staff-changes", response_model=StaffChangesOut, responses=ERRORS)
def staff_changes(
    _: AuditorDep,
    request: Request,
    subject: Annotated[
        str | None, Query(max_length=64, description="Only this account, token id or read model")
    ] = None,
    action: Annotated[StaffChange | None, Query(description="Only this kind of change")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> StaffChangesOut:
    """Every change to staff accounts and API tokens, and every read-model
    rebuild, from the administrator's pages (`by`: the administrator) or the
    command line (`by`: `cli:` and the server's user): when, what, to which
    account or token, and what changed — never a password or a token. Newest first."""
    changes = request.app.state.staff_administration.changes.recent(
        limit=limit, subject=subject, action=action.value if action else None
    )
    return StaffChangesOut(
        items=[
            StaffChangeOut(at=c.at, by=c.by, action=c.action, subject=c.subject, detail=c.detail)
            for c in changes
        ]
    )
