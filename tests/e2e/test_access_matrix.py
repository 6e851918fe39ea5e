"""Every role × every endpoint, generated from the declarations: the roles a
route's permission names pass its access check, every other role gets 403."""

from __future__ import annotations

import re
from pathlib import Path
from uuid import uuid4

import pytest
from fastapi.routing import APIRoute

from domain.actor import STAFF_ROLES
from interfaces.http.access import PERMISSIONS, Permission, access_table, sides_table
from interfaces.http.app import API, api_routers
from interfaces.http.commands import COMMANDS
from interfaces.http.dependencies import permission_of
from tests.e2e.conftest import Api
from tests.support.problems import problem

README = Path(__file__).parents[2] / "README.md"


def _permissions(route: APIRoute) -> set[Permission]:
    found: set[Permission] = set()
    pending = list(route.dependant.dependencies)
    while pending:
        dependant = pending.pop()
        if (permission := permission_of(dependant.call)) is not None:
            found.add(permission)
        pending.extend(dependant.dependencies)
    return found


def _api_routes() -> list[APIRoute]:
    """The routes as declared, their paths below API."""
    return [r for router in api_routers() for r in router.routes if isinstance(r, APIRoute)]


ROUTES = _api_routes()
CASES = [
    pytest.param(route, method, id=f"{method} {route.path}")
    for route in ROUTES
    for method in sorted(route.methods)
]


def test_every_api_route_names_exactly_one_declared_permission() -> None:
    used = set()
    for route in ROUTES:
        permissions = _permissions(route)
        assert len(permissions) == 1, f"{route.path}: {permissions}"
        used |= permissions
    assert used == {p for p in PERMISSIONS if not p.pages_only}, "a permission no route uses"


def test_every_operation_has_its_own_name() -> None:
    names = [route.name for route in ROUTES]
    assert len(names) == len(set(names)), "operationIds must be unique"


def test_every_declared_command_is_served_under_its_permission() -> None:
    served = {(r.path, m): r for r in ROUTES for m in r.methods}
    for command in COMMANDS:
        route = served[(command.path, "POST")]
        assert _permissions(route) == {command.permission}, command.name
        assert route.status_code == (201 if command.creates else 200)


def test_readme_table_is_the_declared_one() -> None:
    assert access_table() in README.read_text(encoding="utf-8")


def test_the_readme_shows_which_side_records_what_as_the_domain_table_says() -> None:
    assert sides_table() in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(("route", "method"), CASES)
def test_each_role_passes_or_is_refused_by_the_access_check(
    api: Api, route: APIRoute, method: str
) -> None:
    (permission,) = _permissions(route)
    path = API + re.sub(r"\{[a-z_]+\}", lambda _: str(uuid4()), route.path)
    for role in STAFF_ROLES:
        response = api.client.request(
            method, path, json={} if method == "POST" else None, headers=api.headers(role)
        )
        if role in permission.roles:
            assert response.status_code != 403, (role, response.text)
            assert response.status_code < 500, (role, response.text)
        else:
            refusal = problem(response, 403)["detail"]
            assert refusal == f"the {role.value} role may not {permission.refusal}"
