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
from domain.actor import Actor, Role
from domain.exceptions import InvalidValue
from infrastructure.readmodels.access import ReadModels
from infrastructure.tokens import AccessToken
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


READERS = (Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR)
CASEWORKERS = (Role.CASEWORKER,)
MEDIATORS = (Role.MEDIATOR,)
DISPUTE_OPENERS = (Role.CASEWORKER, Role.MEDIATOR)
AUDITORS = (Role.AUDITOR,)


def _reader(principal: PrincipalDep) -> AccessToken:
    if principal.role not in READERS:
        raise Forbidden(principal.role.value, "read case records")
    return principal


def _auditor(principal: PrincipalDep) -> AccessToken:
    if principal.role not in AUDITORS:
        raise Forbidden(principal.role.value, "read the audit trail")
    return principal


def _acting(principal: AccessToken, roles: tuple[Role, ...], action: str) -> Actor:
    """The acting principal, taken from the token and never from the body."""
    if principal.role not in roles:
        raise Forbidden(principal.role.value, action)
    return Actor(user=principal.user, role=principal.role, office=principal.office)


def _caseworker(principal: PrincipalDep) -> Actor:
    return _acting(principal, CASEWORKERS, "record this")


def _mediator(principal: PrincipalDep) -> Actor:
    return _acting(principal, MEDIATORS, "handle disputes")


def _dispute_opener(principal: PrincipalDep) -> Actor:
    return _acting(principal, DISPUTE_OPENERS, "open a dispute")


def _reading_actor(principal: PrincipalDep) -> Actor:
    """A reader as an actor: reading sensitive data is recorded under this name."""
    return _acting(principal, READERS, "read case records")


def _auditing_actor(principal: PrincipalDep) -> Actor:
    return _acting(principal, AUDITORS, "replay records")


# The roles each access check lets through: the OpenAPI names them on every
# operation by finding these checks among the route's dependencies.
ROLES_BY_CHECK: dict[Callable[..., object], tuple[Role, ...]] = {
    _reader: READERS,
    _auditor: AUDITORS,
    _caseworker: CASEWORKERS,
    _mediator: MEDIATORS,
    _dispute_opener: DISPUTE_OPENERS,
    _reading_actor: READERS,
    _auditing_actor: AUDITORS,
}


ReaderDep = Annotated[AccessToken, Depends(_reader)]
AuditingActorDep = Annotated[Actor, Depends(_auditing_actor)]
ReadingActorDep = Annotated[Actor, Depends(_reading_actor)]
AuditorDep = Annotated[AccessToken, Depends(_auditor)]
CaseworkerDep = Annotated[Actor, Depends(_caseworker)]
MediatorDep = Annotated[Actor, Depends(_mediator)]
DisputeOpenerDep = Annotated[Actor, Depends(_dispute_opener)]


def _record_id(raw: str, not_found: type[RecordNotFound]) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        # Do not echo the value: a confused client may have put an ID number here.
        raise not_found(f"(not a {not_found.kind} id)") from None


# Record ids are UUIDs; anything else names no record (404, see _record_id).
RecordIdText = Annotated[str, Path(json_schema_extra={"format": "uuid"})]


def _worker_id(worker_id: RecordIdText) -> UUID:
    return _record_id(worker_id, WorkerNotFound)


def _training_id(training_id: RecordIdText) -> UUID:
    return _record_id(training_id, TrainingNotFound)


def _transfer_id(transfer_id: RecordIdText) -> UUID:
    return _record_id(transfer_id, TransferNotFound)


def _placement_id(placement_id: RecordIdText) -> UUID:
    return _record_id(placement_id, PlacementNotFound)


def _dispute_id(dispute_id: RecordIdText) -> UUID:
    return _record_id(dispute_id, DisputeNotFound)


def _subsidy_id(subsidy_id: RecordIdText) -> UUID:
    return _record_id(subsidy_id, SubsidyNotFound)


def _any_record_id(record_id: RecordIdText) -> UUID:
    return _record_id(record_id, RecordNotFound)


WorkerIdDep = Annotated[UUID, Depends(_worker_id)]
RecordIdDep = Annotated[UUID, Depends(_any_record_id)]
TrainingIdDep = Annotated[UUID, Depends(_training_id)]
TransferIdDep = Annotated[UUID, Depends(_transfer_id)]
PlacementIdDep = Annotated[UUID, Depends(_placement_id)]
DisputeIdDep = Annotated[UUID, Depends(_dispute_id)]
SubsidyIdDep = Annotated[UUID, Depends(_subsidy_id)]


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
    if min_position is not None:
        read_models.wait_for(min_position)
    return read_models


ReadModelsDep = Annotated[ReadModels, Depends(_read_models)]
