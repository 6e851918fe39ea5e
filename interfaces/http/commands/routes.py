"""The JSON routes of the declared commands, made from their declarations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from inspect import Parameter, Signature
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from domain.actor import Actor
from interfaces.http.commands.declaration import Declared
from interfaces.http.dependencies import ExpectedVersionDep, JourneyDep, acting
from interfaces.http.responses import recorded_response


def command_router(commands: Iterable[Declared], api: str) -> APIRouter:
    router = APIRouter()
    for declared in commands:
        declared.check()
        router.add_api_route(
            declared.path,
            _endpoint(declared, api),
            methods=["POST"],
            name=declared.name,
            status_code=201 if declared.creates else 200,
            response_model=declared.record.shape,
            description=declared.doc,
            tags=[declared.record.collection.strip("/")],
        )
    return router


def _endpoint(declared: Declared, api: str) -> Callable[..., JSONResponse]:
    record = declared.record

    def run(
        body: BaseModel,
        actor: Actor,
        journey: Any,
        record_id: UUID | None = None,
        expected: int | None = None,
    ) -> JSONResponse:
        command = declared.command_for(body, actor, record_id, expected)
        recorded = declared.handler(journey, command)
        shown = record.view(journey, recorded.aggregate_id, actor)
        location = api + record.location(recorded.aggregate_id) if declared.creates else None
        return recorded_response(shown, recorded, location=location)

    parameters = [
        _parameter("body", declared.body),
        _parameter("actor", Annotated[Actor, Depends(acting(declared.permission))]),
        _parameter("journey", JourneyDep),
    ]
    if not declared.creates:
        parameters += [
            _parameter("record_id", Annotated[UUID, Depends(record.id_from_path)]),
            _parameter("expected", ExpectedVersionDep),
        ]
    # FastAPI reads what to parse, check and document from the signature.
    run.__signature__ = Signature(parameters)  # type: ignore[attr-defined]
    run.__name__ = declared.name
    run.__doc__ = declared.doc
    return run


def _parameter(name: str, annotation: Any) -> Parameter:
    return Parameter(name, Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation)
