"""What routes receive: the Application, the caller, the record they address."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Request

from application.exceptions import WorkerNotFound
from application.journey import Journey
from domain.actor import Actor, Role
from infrastructure.tokens import AccessToken, TokenStore
from interfaces.http.errors import Forbidden, NotAuthenticated


def _journey(request: Request) -> Journey:
    journey: Journey = request.app.state.journey
    return journey


def _principal(
    request: Request,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> AccessToken:
    scheme, _, secret = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise NotAuthenticated
    tokens: TokenStore = request.app.state.tokens
    token = tokens.authenticate(secret.strip())
    if token is None:
        raise NotAuthenticated
    request.state.token_id = token.token_id  # for the request log line
    return token


JourneyDep = Annotated[Journey, Depends(_journey)]
PrincipalDep = Annotated[AccessToken, Depends(_principal)]


def _reader(principal: PrincipalDep) -> AccessToken:
    if principal.role not in (Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR):
        raise Forbidden(principal.role.value, "read case records")
    return principal


def _caseworker(principal: PrincipalDep) -> Actor:
    """The acting principal, taken from the token and never from the body."""
    if principal.role is not Role.CASEWORKER:
        raise Forbidden(principal.role.value, "change worker records")
    return Actor(user=principal.user, role=principal.role, office=principal.office)


ReaderDep = Annotated[AccessToken, Depends(_reader)]
CaseworkerDep = Annotated[Actor, Depends(_caseworker)]


def _worker_id(worker_id: str) -> UUID:
    try:
        return UUID(worker_id)
    except ValueError:
        # Do not echo the value: a confused client may have put an ID number here.
        raise WorkerNotFound("(not a worker id)") from None


WorkerIdDep = Annotated[UUID, Depends(_worker_id)]


def _expected_version(
    if_match: Annotated[str | None, Header(description='The ETag you read, e.g. "3"')] = None,
) -> int | None:
    """The version an If-Match header names; None when absent or `*`."""
    if if_match is None or if_match.strip() == "*":
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    # A tag that is no version can never match the current one: RFC 9110 says 412.
    return int(tag) if tag.isdigit() else -1


ExpectedVersionDep = Annotated[int | None, Depends(_expected_version)]
