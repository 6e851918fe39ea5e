"""HTTP: problem+json in the language Accept-Language asks for — Chinese words,
the same `type`, `status` and field names; English when nothing is asked."""

from __future__ import annotations

import re
from typing import Any

import httpx

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.support.factories import id_number, registration_body
from tests.support.problems import problem

ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
EN = {"Accept-Language": "en-US,en;q=0.9"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _both(api: Api, send: Any, status: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The same request asked in Chinese and in English."""
    zh_response: httpx.Response = send(ZH)
    en_response: httpx.Response = send(EN)
    zh, en = problem(zh_response, status), problem(en_response, status)
    assert zh_response.headers["content-language"] == "zh"
    assert en_response.headers["content-language"] == "en"
    assert zh["type"] == en["type"]
    assert [e["field"] for e in zh.get("errors", [])] == [e["field"] for e in en.get("errors", [])]
    assert set(zh) == set(en)
    assert CJK.search(zh["title"]) and CJK.search(zh["detail"])
    assert not CJK.search(en["title"])
    return zh, en


def test_a_domain_rule_is_explained_in_chinese(api: Api) -> None:
    body = registration_body(id_number="110101199003071234")  # a wrong check digit

    def send(language: dict[str, str]) -> httpx.Response:
        return api.client.post("/api/v1/workers", json=body, headers=api.headers(**language))

    zh, en = _both(api, send, 422)
    assert zh["title"] == "输入有误"
    assert zh["errors"][0]["field"] == "id_number"
    assert CJK.search(zh["errors"][0]["message"])
    assert en["title"] == "Invalid input"
    assert not CJK.search(en["errors"][0]["message"])
    assert "110101199003071234" not in str(zh)


def test_a_missing_field_and_a_wrong_type_are_said_in_chinese(api: Api) -> None:
    body = registration_body(consent="yes please")
    del body["name"]

    def send(language: dict[str, str]) -> httpx.Response:
        return api.client.post("/api/v1/workers", json=body, headers=api.headers(**language))

    zh, _ = _both(api, send, 422)
    messages = {e["field"]: e["message"] for e in zh["errors"]}
    assert messages["name"] == "必填"
    assert CJK.search(messages["consent"])


def test_a_refused_transition_names_the_state_and_the_step_in_chinese(api: Api) -> None:
    worker_id = api.register().json()["id"]
    assert api.post(f"/workers/{worker_id}/deactivation", {"reason": "left"}).status_code == 200

    def send(language: dict[str, str]) -> httpx.Response:
        return api.post(f"/workers/{worker_id}/deactivation", {"reason": "again"}, **language)

    zh, en = _both(api, send, 409)
    assert "已停用" in zh["detail"]
    assert "deactivated" in en["detail"]


def test_a_duplicate_registration_is_said_in_chinese(api: Api) -> None:
    body = registration_body(id_number=id_number())
    api.post("/workers", body)

    def send(language: dict[str, str]) -> httpx.Response:
        return api.post("/workers", body, **language)

    zh, en = _both(api, send, 409)
    assert zh["title"] == "已登记"
    assert zh["existing_worker_id"] == en["existing_worker_id"]


def test_not_found_not_authenticated_and_forbidden_are_said_in_chinese(api: Api) -> None:
    missing = "/api/v1/workers/00000000-0000-8000-8000-000000000000"

    def not_found(language: dict[str, str]) -> httpx.Response:
        return api.client.get(missing, headers=api.headers(**language))

    def no_token(language: dict[str, str]) -> httpx.Response:
        return api.client.get(missing, headers=language)

    def forbidden(language: dict[str, str]) -> httpx.Response:
        return api.client.get(missing, headers=api.headers(Role.ADMIN, **language))

    assert _both(api, not_found, 404)[0]["title"] == "未找到"
    assert _both(api, no_token, 401)[0]["title"] == "未登录或令牌无效"
    assert _both(api, forbidden, 403)[0]["title"] == "无权操作"


def test_the_gate_s_refusals_are_said_in_chinese(api: Api) -> None:
    def wrong_method(language: dict[str, str]) -> httpx.Response:
        return api.client.delete("/api/v1/workers", headers=api.headers(**language))

    def too_large(language: dict[str, str]) -> httpx.Response:
        return api.client.post(
            "/api/v1/workers",
            content=b"{}",
            headers=api.headers(
                **language, **{"Content-Type": "application/json", "Content-Length": "99999999"}
            ),
        )

    def control_character(language: dict[str, str]) -> httpx.Response:
        return api.client.get("/api/v1/workers?name=%00", headers=api.headers(**language))

    assert _both(api, wrong_method, 405)[0]["title"] == "不接受此请求方法"
    assert _both(api, too_large, 413)[0]["errors"][0]["field"] == "body"
    assert _both(api, control_character, 422)[0]["errors"][0]["field"] == "name"


def test_without_accept_language_the_api_speaks_english(api: Api) -> None:
    response = api.post("/workers", registration_body(id_number="110101199003071234"))
    body = problem(response, 422)
    assert response.headers["content-language"] == "en"
    assert not CJK.search(body["title"] + body["detail"])
