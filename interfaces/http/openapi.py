"""The OpenAPI document as a client generator and /docs need it.

FastAPI writes the paths and bodies from the routes; what the middleware and
the access checks do is not in its view. `install_openapi` completes each
/api operation from the route's own dependencies, so a route added (or
generated) later is documented the same way:

- the bearer scheme (authentication is a middleware, not a dependency);
- the roles its access check lets through (`x-roles`, and in words);
- `Idempotency-Key` on every POST (the idempotency middleware honours it);
- every status it can answer, each a problem+json `Problem`, in place of
  FastAPI's own 422 shape, which the server never sends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel
from starlette.routing import BaseRoute

from domain.actor import Role
from interfaces.http.dependencies import expected_version, permission_of
from interfaces.http.middleware.asgi import API_PREFIX
from interfaces.http.middleware.idempotency import (
    IDEMPOTENCY_KEY_MAX_LENGTH,
    IDEMPOTENCY_KEY_PATTERN,
)
from interfaces.http.middleware.request_guard import PARAMETER_TEXT_PATTERN
from interfaces.http.problems import PROBLEM_JSON
from interfaces.http.responses import PROBLEM_STATUSES, Problem

BEARER = "bearer"
SCHEMAS = "#/components/schemas/{model}"
# Statuses any /api request can be answered: no token, a path or query the
# request guard refuses, an unexpected error or damaged record, the database away.
EVERY_CALL = {401, 422, 500, 503}
# A request with a body: Content-Length not a number, a body too large, and
# (commands) a conflict with the record's state or a running Idempotency-Key.
POST = {400, 409, 413}

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Makes a retry safe: a POST with a key already answered gets the first"
    " answer again (Idempotent-Replayed: true) instead of running twice. Keys belong to"
    " your token and are kept for LABORBRIDGE_IDEMPOTENCY_TTL_HOURS; the same key with"
    " another path, query or body is refused with 422.",
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": IDEMPOTENCY_KEY_MAX_LENGTH,
        "pattern": IDEMPOTENCY_KEY_PATTERN,
    },
}
HEADERS = {
    401: {"WWW-Authenticate": "Bearer"},
    412: {"ETag": "The record's current version"},
    503: {"Retry-After": "Seconds to wait before retrying"},
}


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` (and /openapi.json) answer the completed document."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(build(), app.routes)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: dict[str, Any], routes: Iterable[BaseRoute]) -> dict[str, Any]:
    components = document.setdefault("components", {})
    components["securitySchemes"] = {
        BEARER: {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `laborbridge token create`",
        }
    }
    schemas = components.setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template=SCHEMAS)
    schemas.update(problem.pop("$defs", {}))
    schemas[Problem.__name__] = problem
    # Routers are included lazily: their routes as the app serves them (prefix and all).
    for route in iter_route_contexts(list(routes)):
        if isinstance(route.original_route, APIRoute) and str(route.path).startswith(API_PREFIX):
            for method in route.methods or ():
                operation = document["paths"][route.path_format][method.lower()]
                _document(operation, cast(APIRoute, route), method)
    _drop_unused(schemas, ("HTTPValidationError", "ValidationError"), document)
    return document


def _document(operation: dict[str, Any], route: APIRoute, method: str) -> None:
    checks = {dependant.call for dependant in _dependants(route.dependant)}
    operation["security"] = [{BEARER: []}]
    roles = allowed_roles(checks)
    if roles is not None:
        operation["x-roles"] = [role.value for role in roles]
        names = ", ".join(role.value for role in roles)
        operation["description"] = f"{operation.get('description', '')}\n\nRoles: {names}.".strip()
    for parameter in operation.get("parameters", []):
        if parameter["in"] in ("query", "path"):
            _text_parameter(parameter["schema"])
    if method == "POST":
        operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY)
    responses = operation.setdefault("responses", {})
    said = {int(s): r.get("description") for s, r in responses.items() if int(s) >= 400}
    for status in said:
        del responses[str(status)]
    declared = {int(s) for s in route.responses if int(s) >= 400}
    for status in sorted(answers(route, method, checks, roles) | declared):
        description = said.get(status) if status in declared else None
        responses[str(status)] = _problem(status, description or PROBLEM_STATUSES[status])


def _text_parameter(schema: dict[str, Any]) -> None:
    """The request guard refuses a control character in any parameter: say so
    on the free-text ones (those without a format, pattern or list of values)."""
    if schema.get("type") == "string" and not ({"format", "enum", "pattern"} & schema.keys()):
        schema["pattern"] = PARAMETER_TEXT_PATTERN
    for branch in schema.get("anyOf", []):
        _text_parameter(branch)


def allowed_roles(checks: set[Callable[..., Any] | None]) -> list[Role] | None:
    """The roles every access check among the dependencies lets through."""
    found = [set(p.roles) for check in checks if (p := permission_of(check)) is not None]
    if not found:
        return None
    allowed = set.intersection(*found)
    return [role for role in Role if role in allowed]


def answers(
    route: APIRoute, method: str, checks: set[Callable[..., Any] | None], roles: object
) -> set[int]:
    """The statuses the route can answer, read from what it depends on."""
    statuses = set(EVERY_CALL)
    if roles is not None:
        statuses.add(403)
    if _names_a_record(route):
        statuses.add(404)  # a record id that names no record
    if method == "POST":
        statuses |= POST
    if expected_version in checks:
        statuses.add(412)
    return statuses


def _names_a_record(route: APIRoute) -> bool:
    """A record id in the path, or in the body (`worker_id` of a new training...)."""
    if any(dependant.path_params for dependant in _dependants(route.dependant)):
        return True
    body = route.body_field.field_info.annotation if route.body_field else None
    fields = body.model_fields if isinstance(body, type) and issubclass(body, BaseModel) else {}
    return any(name.endswith("_id") for name in fields)


def _problem(status: int, description: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": SCHEMAS.format(model=Problem.__name__)}}},
    }
    if status in HEADERS:
        response["headers"] = {
            name: {"description": text, "required": True, "schema": {"type": "string"}}
            for name, text in HEADERS[status].items()
        }
    return response


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _drop_unused(schemas: dict[str, Any], names: Iterable[str], document: dict[str, Any]) -> None:
    """FastAPI's validation error shapes, once no operation refers to them."""
    for name in names:
        kept = schemas.pop(name, None)
        if kept is not None and SCHEMAS.format(model=name) in json.dumps(document):
            schemas[name] = kept
