"""HTTP: health, readiness and the OpenAPI document."""

from __future__ import annotations

from tests.e2e.conftest import Api


def test_health_and_ready(api: Api) -> None:
    assert api.client.get("/health").json() == {"status": "ok"}
    ready = api.client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


def test_openapi_documents_every_worker_endpoint_with_examples(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    paths = spec["paths"]
    for command in (
        "contact",
        "poverty-status",
        "job-intention",
        "skills",
        "support-services",
        "deactivation",
        "reactivation",
    ):
        assert "post" in paths[f"/api/v1/workers/{{worker_id}}/{command}"]
    assert {"post"} <= paths["/api/v1/workers"].keys()
    assert (
        "examples" in spec["components"]["schemas"]["RegisterWorkerIn"]["properties"]["id_number"]
    )
    assert api.client.get("/docs").status_code == 200
