"""Signing in and out of the pages, and what protects them."""

from __future__ import annotations

import re

from domain.actor import Role
from tests.e2e.pages.conftest import CASEWORKER, Site
from tests.support.pages import hidden_fields


def test_a_stranger_is_sent_to_sign_in_and_comes_back_after(site: Site) -> None:
    browser = site.browser()
    answer = browser.client.get("/workers?q=冉", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/sign-in?next=")
    page = browser.client.get(answer.headers["location"])
    fields = hidden_fields(page.text) | {"user": CASEWORKER, "password": "correct horse battery"}
    signed_in = browser.send("/sign-in", fields)
    assert signed_in.status_code == 303
    assert signed_in.headers["location"].startswith("/workers?q=")


def test_the_session_cookie_is_http_only_same_site_lax_and_secure(site: Site) -> None:
    answer = site.browser().sign_in(CASEWORKER)
    cookie = next(
        v for k, v in answer.headers.multi_items() if k == "set-cookie" and "lb_session" in v
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Secure" in cookie


def test_a_wrong_password_is_refused_in_chinese_and_records_nothing_of_it(site: Site) -> None:
    browser = site.browser()
    answer = browser.sign_in(CASEWORKER, "not the password")
    assert answer.status_code == 401
    assert "用户名或密码不正确" in answer.text
    assert "not the password" not in answer.text
    assert browser.client.get("/workers", follow_redirects=False).status_code == 303


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(site: Site) -> None:
    unknown = site.browser().sign_in("no.such.user", "whatever password")
    wrong = site.browser().sign_in(CASEWORKER, "whatever password")
    assert unknown.status_code == wrong.status_code == 401
    assert "用户名或密码不正确" in unknown.text


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(site: Site) -> None:
    for _ in range(5):
        site.browser().sign_in(CASEWORKER, "not the password")
    answer = site.browser().sign_in(CASEWORKER)
    assert answer.status_code == 401
    assert "锁定" in answer.text


def test_sign_in_without_the_form_s_csrf_token_is_refused(site: Site) -> None:
    browser = site.browser()
    browser.client.get("/sign-in")
    answer = browser.send("/sign-in", {"user": CASEWORKER, "password": "correct horse battery"})
    assert answer.status_code == 403


def test_signing_out_ends_the_session(site: Site) -> None:
    browser = site.signed_in()
    page = browser.client.get("/workers")
    assert page.status_code == 200
    out = browser.send("/sign-out", {"csrf_token": hidden_fields(page.text)["csrf_token"]})
    assert out.status_code == 303
    assert browser.client.get("/workers", follow_redirects=False).status_code == 303


def test_the_old_session_cookie_is_useless_after_sign_out(site: Site) -> None:
    browser = site.signed_in()
    secret = browser.client.cookies.get("lb_session")
    page = browser.client.get("/workers")
    browser.send("/sign-out", {"csrf_token": hidden_fields(page.text)["csrf_token"]})
    assert secret
    stolen = {"Cookie": f"lb_session={secret}"}
    answer = site.browser().client.get("/workers", headers=stolen, follow_redirects=False)
    assert answer.status_code == 303


def test_an_administrator_is_shown_the_403_page_for_case_files(site: Site) -> None:
    browser = site.signed_in("admin.one")
    answer = browser.client.get("/workers")
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("text/html")
    assert "无权访问" in answer.text


def test_pages_carry_the_security_headers_and_are_never_cached(site: Site) -> None:
    answer = site.signed_in().client.get("/workers")
    assert answer.headers["cache-control"] == "no-store"
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "same-origin"


def test_every_asset_a_page_links_to_is_served_by_the_service(site: Site) -> None:
    page = site.browser().client.get("/sign-in").text
    linked = re.findall(r'(?:href|src)="([^"#]+)"', page)
    assets = [link for link in linked if "." in link.rsplit("/", 1)[-1]]
    assert assets, "the sign-in page links to no stylesheet"
    for link in assets:
        assert link.startswith("/"), f"{link} is not on this service"
        answer = site.browser().client.get(link)
        assert answer.status_code == 200, link
    css = site.browser().client.get("/assets/style.css")
    assert css.headers["content-type"].startswith("text/css")


def test_the_language_is_chinese_by_default_english_when_asked_and_remembered(site: Site) -> None:
    browser = site.browser()
    assert '<html lang="zh-CN">' in browser.client.get("/sign-in").text
    english = browser.client.get("/sign-in", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.text
    browser.client.get("/language?to=en&back=/sign-in")
    assert '<html lang="en">' in browser.client.get("/sign-in").text
    assert "Sign in" in browser.client.get("/sign-in").text


def test_the_language_switch_never_sends_anyone_to_another_site(site: Site) -> None:
    for back in ("//evil.example", "https://evil.example", "/\\evil.example"):
        answer = site.browser().client.get(f"/language?to=en&back={back}", follow_redirects=False)
        assert answer.headers["location"] == "/"


def test_auditors_see_every_sign_in_and_failure_without_passwords(site: Site) -> None:
    browser = site.browser()
    browser.sign_in(CASEWORKER, "not the password at all")
    browser.sign_in(CASEWORKER)
    api = site.api
    answer = api.get("/audit/sign-ins", role=Role.AUDITOR, user=CASEWORKER)
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert [i["outcome"] for i in items[:2]] == ["signed_in", "wrong_password"]
    assert all(i["source"] for i in items)
    assert "not the password" not in answer.text
    assert api.get("/audit/sign-ins", role=Role.CASEWORKER).status_code == 403
    assert api.get("/audit/sign-ins", role=Role.AUDITOR, limit=0).status_code == 422
