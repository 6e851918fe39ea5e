"""The OpenAPI document and the pages that show it (/docs, /redoc)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interfaces.http.app import create_app
from interfaces.http.docs_pages import STATIC
from tests.conftest import settings_for

PROBLEM = {"$ref": "#/components/schemas/Problem"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("openapi") / "api.db"
    with TestClient(create_app(settings_for(f"sqlite:///{path}"))) as client:
        yield client


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_api_operation_asks_for_the_bearer_token_and_health_does_not(
    document: dict[str, Any],
) -> None:
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert scheme == {**scheme, "type": "http", "scheme": "bearer"}
    for path, _, operation in operations(document):
        expected = [{"bearer": []}] if path.startswith("/api/v1/") else None
        assert operation.get("security") == expected, path


def test_each_operation_names_the_roles_its_access_check_lets_through(
    document: dict[str, Any],
) -> None:
    paths = document["paths"]
    assert paths["/api/v1/workers"]["post"]["x-roles"] == ["caseworker"]
    assert paths["/api/v1/workers"]["get"]["x-roles"] == ["caseworker", "mediator", "auditor"]
    assert paths["/api/v1/disputes"]["post"]["x-roles"] == ["caseworker", "mediator"]
    assert paths["/api/v1/disputes/{dispute_id}/settlement"]["post"]["x-roles"] == ["mediator"]
    assert paths["/api/v1/audit/export"]["get"]["x-roles"] == ["auditor"]
    assert "Roles: caseworker." in paths["/api/v1/workers"]["post"]["description"]
    assert all("x-roles" in op for p, _, op in operations(document) if p.startswith("/api/"))


def test_if_match_is_declared_on_commands_on_records_and_idempotency_key_on_every_post(
    document: dict[str, Any],
) -> None:
    for path, method, operation in operations(document):
        headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
        assert ("Idempotency-Key" in headers) is (method == "post" and path.startswith("/api/"))
    contact = document["paths"]["/api/v1/workers/{worker_id}/contact"]["post"]
    names = [p["name"] for p in contact["parameters"]]
    assert "If-Match" in names
    key = next(p for p in contact["parameters"] if p["name"] == "Idempotency-Key")
    assert key["schema"]["maxLength"] == 200
    register = document["paths"]["/api/v1/workers"]["post"]
    assert "If-Match" not in [p["name"] for p in register["parameters"]]


def test_errors_are_documented_as_problems_and_only_where_they_apply(
    document: dict[str, Any],
) -> None:
    paths = document["paths"]
    contact = paths["/api/v1/workers/{worker_id}/contact"]["post"]["responses"]
    assert {"400", "401", "403", "404", "409", "412", "413", "422", "503"} <= contact.keys()
    listing = paths["/api/v1/workers"]["get"]["responses"]
    assert not {"409", "412", "413", "404"} & listing.keys()
    for path, _, operation in operations(document):
        errors = [r for s, r in operation["responses"].items() if int(s) >= 400]
        if path.startswith("/api/"):
            assert errors, path
        for response in errors if path.startswith("/api/") else []:
            assert response["content"] == {"application/problem+json": {"schema": PROBLEM}}
    assert "HTTPValidationError" not in document["components"]["schemas"]
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])


def test_request_constraints_are_stated(document: dict[str, Any]) -> None:
    body = document["components"]["schemas"]["RegisterWorkerIn"]["properties"]
    assert body["name"]["maxLength"] == 50
    assert "pattern" in body["name"]
    assert {"format": "date", "type": "string"} in body["occurred_on"]["anyOf"]


def test_docs_and_redoc_load_nothing_from_outside(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        response = client.get(page)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert re.findall(r"https?://", response.text) == [], page
        for asset in re.findall(r'(?:src|href)="([^"]+)"', response.text):
            assert asset.startswith("/static/docs/"), asset
        # Whatever a bundle would fetch at run time, the browser may load only from here.
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "https:" not in policy and "*" not in policy


def test_the_vendored_bundles_name_no_asset_outside_the_service() -> None:
    # ReDoc shipped its logo as https://cdn.redoc.ly/…: patched (static/docs/README.md).
    fetched = re.compile(rb"""(?:src\s*[:=]\s*\\?["'`]?|url\(\s*["']?)https?://""")
    for bundle in (STATIC / "docs").glob("*.[jc]s*"):
        assert fetched.search(bundle.read_bytes()) is None, bundle.name


@pytest.mark.parametrize(
    ("asset", "content_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("redoc.standalone.js", "text/javascript"),
        ("favicon-32x32.png", "image/png"),
    ],
)
def test_the_docs_assets_are_served_without_a_token(
    client: TestClient, asset: str, content_type: str
) -> None:
    response = client.get(f"/static/docs/{asset}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
