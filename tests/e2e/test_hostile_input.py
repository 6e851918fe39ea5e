"""HTTP: hostile bytes in any parameter get a 4xx problem naming it, never a 500."""

from __future__ import annotations

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.support.problems import problem


def _get(api: Api, target: str, role: Role = Role.CASEWORKER) -> dict[str, object]:
    response = api.client.get(target, headers=api.headers(role))
    return problem(response, 422)


@pytest.mark.parametrize(
    ("target", "parameter", "role"),
    [
        ("/api/v1/workers?q=%00", "q", Role.CASEWORKER),
        ("/api/v1/workers?township=%00", "township", Role.CASEWORKER),
        ("/api/v1/workers?q=%E5%86%89%01", "q", Role.CASEWORKER),
        ("/api/v1/reports/summary?township=%00", "township", Role.CASEWORKER),
        ("/api/v1/audit/events?actor=%00", "actor", Role.AUDITOR),
        ("/api/v1/audit/events?type=Worker.Registered%00", "type", Role.AUDITOR),
        ("/api/v1/disputes?kind=%1B", "kind", Role.CASEWORKER),
    ],
)
def test_control_characters_in_a_query_parameter_are_refused_naming_it(
    api: Api, target: str, parameter: str, role: Role
) -> None:
    body = _get(api, target, role)
    assert body["errors"] == [
        {"field": parameter, "message": "must be UTF-8 text without control characters"}
    ]


def test_a_query_parameter_that_is_not_utf8_is_refused(api: Api) -> None:
    body = _get(api, "/api/v1/workers?q=%FF%FE")
    assert body["errors"][0]["field"] == "q"  # type: ignore[index]


def test_an_overlong_query_parameter_is_refused(api: Api) -> None:
    body = _get(api, "/api/v1/workers?township=" + "z" * 1001)
    assert body["errors"][0]["field"] == "township"  # type: ignore[index]


def test_control_characters_in_the_path_are_refused(api: Api) -> None:
    body = _get(api, "/api/v1/workers/%00abc")
    assert body["errors"][0]["field"] == "path"  # type: ignore[index]


def test_after_a_refused_parameter_the_same_client_goes_on(api: Api) -> None:
    _get(api, "/api/v1/workers?q=%00")
    assert api.get("/workers", q="冉").status_code == 200


def test_an_if_match_of_thousands_of_digits_is_refused_naming_it(api: Api) -> None:
    worker_id = api.register().json()["id"]
    response = api.post(
        f"/workers/{worker_id}/skills", {"skills": ["焊工"]}, **{"If-Match": "9" * 5000}
    )
    body = problem(response, 422)
    assert body["errors"][0]["field"] == "If-Match"
    assert len(api.get(f"/workers/{worker_id}/events").json()["events"]) == 1


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"name": "\xff\xfe"}', "not UTF-8"),
        (b"[" * 1000 + b"]" * 1000, "nested 1,000 deep"),
        (b'{"skills": ' + b"[" * 5000 + b"]" * 5000 + b"}", "nested 5,000 deep"),
        (b'{"hours": ' + b"9" * 5000 + b"}", "a number of 5,000 digits"),
    ],
)
def test_an_unreadable_body_is_refused_naming_the_body(api: Api, content: bytes, why: str) -> None:
    response = api.client.post(
        "/api/v1/workers",
        content=content,
        headers=api.headers(**{"Content-Type": "application/json"}),
    )
    body = problem(response, 422)
    assert body["errors"][0]["field"] == "body", why


def test_control_characters_in_body_text_are_refused_naming_the_field(api: Api) -> None:
    worker_id = api.register().json()["id"]
    response = api.post(f"/workers/{worker_id}/skills", {"skills": ["焊工", "电\x00工"]})
    assert problem(response, 422)["errors"][0]["field"] == "skills"
    response = api.post(f"/workers/{worker_id}/deactivation", {"reason": "搬\x1b走"})
    assert problem(response, 422)["errors"][0]["field"] == "reason"


def test_line_breaks_in_free_text_are_kept(api: Api) -> None:
    worker_id = api.register().json()["id"]
    response = api.post(f"/workers/{worker_id}/deactivation", {"reason": "搬走\n（外省）\t"})
    assert response.status_code == 200, response.text
