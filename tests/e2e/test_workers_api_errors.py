"""HTTP: every error status of /workers, as problem+json naming the field."""

from __future__ import annotations

import pytest

from domain.actor import Role
from infrastructure.sql import open_database
from infrastructure.tokens import TokenStore
from tests.e2e.conftest import Api
from tests.support.factories import id_number, registration_body
from tests.support.problems import problem


@pytest.mark.parametrize(
    "authorization", [None, "Bearer lb_not-a-real-token", "Basic abc", "Bearer "]
)
def test_requests_without_a_valid_token_get_401(api: Api, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = api.client.post("/api/v1/workers", json=registration_body(), headers=headers)
    problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert (
        api.client.get(
            "/api/v1/workers/00000000-0000-8000-8000-000000000000", headers=headers
        ).status_code
        == 401
    )


def test_a_revoked_token_gets_401(api: Api) -> None:
    db = open_database(api.settings.database)
    store = TokenStore(db)
    token, secret = store.issue(user="temp", role=Role.CASEWORKER, office="500237")
    assert (
        api.client.get(
            "/api/v1/workers/00000000-0000-8000-8000-000000000000",
            headers={"Authorization": f"Bearer {secret}"},
        ).status_code
        == 404
    )
    store.revoke(token.token_id)
    db.close()
    response = api.client.get(
        "/api/v1/workers/00000000-0000-8000-8000-000000000000",
        headers={"Authorization": f"Bearer {secret}"},
    )
    problem(response, 401)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR, Role.ADMIN])
def test_only_caseworkers_may_register(api: Api, role: Role) -> None:
    problem(api.post("/workers", registration_body(), role=role), 403)


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.AUDITOR, Role.ADMIN])
@pytest.mark.parametrize(
    ("command", "body"),
    [
        ("contact", {"mobile": "13900001111"}),
        ("poverty-status", {"status": "general", "source": "list"}),
        ("job-intention", {"sector": "x"}),
        ("skills", {"skills": []}),
        ("support-services", {"kind": "job_matching"}),
        ("deactivation", {"reason": "x"}),
        ("reactivation", {"reason": "x"}),
    ],
)
def test_only_caseworkers_may_change_a_worker(
    api: Api, role: Role, command: str, body: dict[str, object]
) -> None:
    worker_id = api.register().json()["id"]
    problem(api.post(f"/workers/{worker_id}/{command}", body, role=role), 403)
    assert api.get(f"/workers/{worker_id}").json()["version"] == 1


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.AUDITOR])
def test_caseworkers_mediators_and_auditors_may_read(api: Api, role: Role) -> None:
    worker_id = api.register().json()["id"]
    assert api.get(f"/workers/{worker_id}", role=role).status_code == 200
    assert api.get(f"/workers/{worker_id}/events", role=role).status_code == 200


def test_an_admin_issues_tokens_but_does_not_read_case_files(api: Api) -> None:
    worker_id = api.register().json()["id"]
    problem(api.get(f"/workers/{worker_id}", role=Role.ADMIN), 403)


def test_the_actor_comes_from_the_token_never_from_the_body(api: Api) -> None:
    body = registration_body(actor={"user": "someone.else", "role": "admin", "office": "370600"})
    refused = problem(api.post("/workers", body), 422)
    assert refused["errors"][0]["field"] == "actor"  # type: ignore[index]

    worker_id = api.register().json()["id"]
    events = api.get(f"/workers/{worker_id}/events").json()["events"]
    assert events[0]["actor"]["user"] == "caseworker.user"


@pytest.mark.parametrize(
    "path",
    [
        "/workers/00000000-0000-8000-8000-000000000000",
        "/workers/not-a-uuid",
        "/workers/500237198503011237/events",
    ],
)
def test_unknown_workers_are_404(api: Api, path: str) -> None:
    response = api.get(path)
    problem(response, 404)
    assert "500237198503011237" not in response.text


def test_commands_on_unknown_workers_are_404(api: Api) -> None:
    response = api.post(
        "/workers/00000000-0000-8000-8000-000000000000/contact", {"mobile": "13900001111"}
    )
    problem(response, 404)


def test_duplicate_registration_is_409_naming_the_existing_worker(api: Api) -> None:
    number = id_number()
    existing = api.register(id_number=number).json()["id"]

    response = api.post("/workers", registration_body(id_number=number.lower(), name="别名"))

    body = problem(response, 409)
    assert body["existing_worker_id"] == existing
    assert existing in str(body["detail"])
    assert number not in response.text


def test_commands_on_a_deactivated_worker_are_409_naming_the_state(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/deactivation", {"reason": "left"})

    body = problem(api.post(f"/workers/{worker_id}/skills", {"skills": ["a"]}), 409)
    assert body["state"] == "deactivated"
    assert "deactivated" in str(body["detail"])
    problem(api.post(f"/workers/{worker_id}/deactivation", {"reason": "again"}), 409)


def test_a_stale_if_match_is_412_and_changes_nothing(api: Api) -> None:
    worker_id = api.register().json()["id"]
    api.post(f"/workers/{worker_id}/skills", {"skills": ["a"]})

    response = api.post(
        f"/workers/{worker_id}/contact", {"mobile": "13900001111"}, **{"If-Match": '"1"'}
    )

    body = problem(response, 412)
    assert body["current_version"] == 2
    assert response.headers["etag"] == '"2"'
    assert api.get(f"/workers/{worker_id}").json()["mobile"] == "13800138000"
    problem(
        api.post(
            f"/workers/{worker_id}/contact", {"mobile": "13900001111"}, **{"If-Match": "garbage"}
        ),
        412,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id_number", "500237198503011238"),  # wrong check character
        ("id_number", "50023719850301123"),  # 17 characters
        ("id_number", "000000198503011234"),  # unknown region
        ("mobile", "1380013800"),
        ("hukou_division", "999999"),
        ("poverty_status", "rich"),
        ("consent", False),
        ("occurred_on", "2099-01-01"),
        ("job_intention.destination", "12345"),
    ],
)
def test_invalid_registrations_are_422_naming_the_field(
    api: Api, field: str, value: object
) -> None:
    if field == "job_intention.destination":
        body = registration_body(job_intention={"destination": value})
    else:
        body = registration_body(**{field: value})

    response = api.post("/workers", body)

    refused = problem(response, 422)
    assert field in [e["field"] for e in refused["errors"]]
    if isinstance(value, str) and len(value) >= 10:
        assert value not in response.text


def test_missing_fields_and_malformed_json_are_422(api: Api) -> None:
    body = registration_body()
    del body["id_number"]
    refused = problem(api.post("/workers", body), 422)
    assert refused["errors"] == [{"field": "id_number", "message": "Field required"}]

    response = api.client.post(
        "/api/v1/workers",
        content=b"{not json",
        headers=api.headers(**{"Content-Type": "application/json"}),
    )
    assert problem(response, 422)["errors"][0]["field"] == "body"


def test_full_width_input_is_normalised(api: Api) -> None:
    number = id_number()
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in number)
    response = api.post(
        "/workers", registration_body(id_number=f"\u3000{wide} ", mobile="１３８００１３８０００")
    )
    assert response.status_code == 201, response.text
    assert response.json()["mobile"] == "13800138000"
    assert api.post("/workers", registration_body(id_number=number)).status_code == 409


def test_a_name_with_invisible_characters_is_422_naming_the_field(api: Api) -> None:
    response = api.post("/workers", registration_body(name="冉\u200b光明"))

    refused = problem(response, 422)
    assert refused["errors"] == [
        {"field": "name", "message": "must not contain invisible or direction-changing characters"}
    ]
    assert "光明" not in response.text


def test_a_note_that_changes_the_text_direction_is_422(api: Api) -> None:
    response = api.post("/workers", registration_body(note="已核实\u202e未"))

    refused = problem(response, 422)
    assert refused["errors"] == [
        {"field": "note", "message": "must not contain direction-changing characters"}
    ]


def test_a_405_names_every_method_of_the_resource(api: Api) -> None:
    # POST /workers registers and GET /workers lists: two routes, one resource.
    response = api.client.delete("/api/v1/workers", headers=api.headers())
    problem(response, 405)
    assert response.headers["Allow"] == "GET, POST"


def test_a_cursor_no_list_gave_out_is_422(api: Api) -> None:
    for cursor in ("1" * 19, "-1", "abc"):
        refused = problem(api.get("/workers", cursor=cursor), 422)
        assert [e["field"] for e in refused["errors"]] == ["cursor"]


@pytest.mark.parametrize("amount", [500.5, "1e3", "+5", "500.005", "-1"])
def test_an_amount_is_a_decimal_string_or_a_whole_number(api: Api, amount: object) -> None:
    worker_id = api.register().json()["id"]
    body = {"kind": "job_matching", "amount": amount}
    path = f"/workers/{worker_id}/support-services"
    refused = problem(api.post(path, body), 422)
    assert [e["field"] for e in refused["errors"]] == ["amount"]
    for accepted in ("500.50", 500):
        assert api.post(path, {"kind": "job_matching", "amount": accepted}).status_code == 200
