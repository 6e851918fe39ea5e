"""What routes receive: the Application, the caller, the record they address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Path, Query, Request

from application.exceptions import (
    DisputeNotFound,
    PlacementNotFound,
    RecordNotFound,
    SubsidyNotFound,
    TrainingNotFound,
    TransferNotFound,
    WorkerNotFound,
)
from application.journey import Journey
from domain.actor import Actor
from domain.exceptions import InvalidValue
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.cursors import CURSOR_PATTERN
from infrastructure.tokens import AccessToken
from interfaces.http import access
from interfaces.http.access import Permission
from interfaces.http.errors import Forbidden, NotAuthenticated
from interfaces.http.middleware.authentication import PRINCIPAL


def _journey(request: Request) -> Journey:
    journey: Journey = request.app.state.journey
    return journey


def _principal(request: Request) -> AccessToken:
    """The caller, authenticated by the middleware before anything was read."""
    token = getattr(request.state, PRINCIPAL, None)
    if not isinstance(token, AccessToken):
        raise NotAuthenticated
    return token


JourneyDep = Annotated[Journey, Depends(_journey)]
PrincipalDep = Annotated[AccessToken, Depends(_principal)]


def reading(permission: Permission) -> Callable[[AccessToken], AccessToken]:
    """The dependency that lets through the roles of `permission` (403 for others)."""

    def check(principal: PrincipalDep) -> AccessToken:
        if principal.role not in permission.roles:
            raise Forbidden(principal.role.value, permission.refusal)
        return principal

    check.permission = permission  # type: ignore[attr-defined]
    return check


def acting(permission: Permission) -> Callable[[AccessToken], Actor]:
    """Like `reading`, as the actor stamped on what the caller records: taken
    from the token, never from the body."""

    def act(principal: PrincipalDep) -> Actor:
        if principal.role not in permission.roles:
            raise Forbidden(principal.role.value, permission.refusal)
        return principal.actor()

    act.permission = permission  # type: ignore[attr-defined]
    return act


def permission_of(dependency: object) -> Permission | None:
    """The permission a dependency made by `reading` or `acting` checks."""
    found = getattr(dependency, "permission", None)
    return found if isinstance(found, Permission) else None


ReaderDep = Annotated[AccessToken, Depends(reading(access.READ_CASES))]
AuditorDep = Annotated[AccessToken, Depends(reading(access.READ_AUDIT_TRAIL))]
# A reader as an actor: reading sensitive data is recorded under this name.
ReadingActorDep = Annotated[Actor, Depends(acting(access.READ_DISPUTES))]
AuditingActorDep = Annotated[Actor, Depends(acting(access.REPLAY))]
CaseworkerDep = Annotated[Actor, Depends(acting(access.RECORD_JOURNEY))]
RevealerDep = Annotated[Actor, Depends(acting(access.REVEAL_ID_NUMBER))]
MediatorDep = Annotated[Actor, Depends(acting(access.HANDLE_DISPUTES))]
DisputeOpenerDep = Annotated[Actor, Depends(acting(access.OPEN_DISPUTE))]


def _record_id(raw: str, not_found: type[RecordNotFound]) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        # Do not echo the value: a confused client may have put an ID number here.
        raise not_found(f"(not a {not_found.kind} id)") from None


# Record ids are UUIDs; anything else names no record (404, see _record_id).
RecordIdText = Annotated[str, Path(json_schema_extra={"format": "uuid"})]


def worker_id_from_path(worker_id: RecordIdText) -> UUID:
    return _record_id(worker_id, WorkerNotFound)


def training_id_from_path(training_id: RecordIdText) -> UUID:
    return _record_id(training_id, TrainingNotFound)


def transfer_id_from_path(transfer_id: RecordIdText) -> UUID:
    return _record_id(transfer_id, TransferNotFound)


def placement_id_from_path(placement_id: RecordIdText) -> UUID:
    return _record_id(placement_id, PlacementNotFound)


def dispute_id_from_path(dispute_id: RecordIdText) -> UUID:
    return _record_id(dispute_id, DisputeNotFound)


def subsidy_id_from_path(subsidy_id: RecordIdText) -> UUID:
    return _record_id(subsidy_id, SubsidyNotFound)


def _any_record_id(record_id: RecordIdText) -> UUID:
    return _record_id(record_id, RecordNotFound)


WorkerIdDep = Annotated[UUID, Depends(worker_id_from_path)]
RecordIdDep = Annotated[UUID, Depends(_any_record_id)]
TrainingIdDep = Annotated[UUID, Depends(training_id_from_path)]
TransferIdDep = Annotated[UUID, Depends(transfer_id_from_path)]
PlacementIdDep = Annotated[UUID, Depends(placement_id_from_path)]
DisputeIdDep = Annotated[UUID, Depends(dispute_id_from_path)]
SubsidyIdDep = Annotated[UUID, Depends(subsidy_id_from_path)]


MAX_VERSION_DIGITS = 18  # versions are 64-bit integers in the event store
# What If-Match may hold: `*`, or the ETag as answered ("3"), weak or bare. A tag
# of other characters is no version: it never matches, hence 412 (not 422).
IF_MATCH_PATTERN = rf'^(\*|(W/)?"?[0-9]{{1,{MAX_VERSION_DIGITS}}}"?)$'
IF_MATCH = Header(
    alias="If-Match",
    description='The ETag you read, e.g. "3": the command is refused with 412 if the'
    " record has changed since. `*` or no header: any version.",
    json_schema_extra={"pattern": IF_MATCH_PATTERN},
)


def expected_version(if_match: Annotated[str | None, IF_MATCH] = None) -> int | None:
    """The version an If-Match header names; None when absent or `*`."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if len(tag) > MAX_VERSION_DIGITS:
        raise InvalidValue("If-Match", f"must be a version of at most {MAX_VERSION_DIGITS} digits")
    # A tag that is no version can never match the current one: RFC 9110 says 412.
    return int(tag) if tag.isascii() and tag.isdigit() else -1


ExpectedVersionDep = Annotated[int | None, Depends(expected_version)]


def _read_models(
    request: Request,
    min_position: Annotated[
        int | None,
        Query(
            ge=0,
            description="Answer only once the read models have reached this log "
            "position (the X-Position of your write); 503 with Retry-After if they do not "
            "in time.",
        ),
    ] = None,
) -> ReadModels:
    read_models: ReadModels = request.app.state.read_models
    if min_position is None:
        return read_models
    # Dependencies run before the route's own parameters are checked: waiting
    # here would keep a request with a bad parameter waiting (or answer it 503)
    # before its 422. The wait comes with the route's first query instead.
    return read_models.reaching(min_position)


ReadModelsDep = Annotated[ReadModels, Depends(_read_models)]

# The `next_cursor` a list gave out: its shape stated, so no other is taken for one.
CursorQuery = Annotated[
    str | None,
    Query(pattern=CURSOR_PATTERN, description="The `next_cursor` of the page before"),
]
