"""The administrator's pages: accounts with a first password shown once and
replaced at first sign-in, role and office changes, tokens shown once, read
models rebuilt — every change recorded for auditors, and no case record shown."""

from __future__ import annotations

import re
import time

import pytest

from domain.actor import Role
from tests.e2e.pages.conftest import Site
from tests.support.offices import register_offices
from tests.support.pages import Browser, hidden_fields

ADMIN = "admin.one"


@pytest.fixture(autouse=True)
def offices(site: Site) -> None:
    """Accounts and tokens name an office of the register: 巫山县, 烟台市 and its districts."""
    register_offices(site.api.client.app.state.journey, districts=True)  # type: ignore[attr-defined]


def _first_password(html: str) -> str:
    found = re.search(r'<p class="secret mono"[^>]*>([a-z2-9-]{19})</p>', html)
    assert found, html
    return found.group(1)


def _create(admin: Browser, user: str, role: str = "caseworker", office: str = "500237") -> str:
    answer = admin.submit(
        "/admin/accounts",
        {"user": user, "display_name": "冉小红", "role": role, "office": office},
    )
    assert answer.status_code == 201, answer.text
    return _first_password(answer.text)


def test_a_new_caseworker_signs_in_with_the_first_password_then_chooses_their_own(
    site: Site,
) -> None:
    admin = site.signed_in(ADMIN)
    first = _create(admin, "ran.xiaohong")
    assert first not in admin.client.get("/admin/accounts").text  # shown once only

    person = site.browser()
    assert person.sign_in("ran.xiaohong", first).status_code == 303
    held = person.client.get("/workers", follow_redirects=False)
    assert held.status_code == 303 and held.headers["location"] == "/account/password"

    own = "我在巫山县劳务办的新密码"
    differs = person.submit("/account/password", {"password": own, "again": "x"})
    assert differs.status_code == 422 and "两次输入的密码不一致" in differs.text
    short = person.submit("/account/password", {"password": "short", "again": "short"})
    assert short.status_code == 422 and "至少" in short.text
    chosen = person.submit("/account/password", {"password": own, "again": own})
    assert chosen.status_code == 303 and chosen.headers["location"] == "/sign-in?password_set=1"

    assert site.browser().sign_in("ran.xiaohong", first).status_code == 401  # gone
    again = site.browser()
    assert again.sign_in("ran.xiaohong", own).status_code == 303
    assert again.client.get("/workers").status_code == 200

    changes = site.api.get("/audit/staff-changes", Role.AUDITOR).json()["items"]
    assert [(c["action"], c["subject"]) for c in changes[:2]] == [
        ("password_changed", "ran.xiaohong"),
        ("account_created", "ran.xiaohong"),
    ]
    assert changes[1]["by"] == ADMIN and changes[1]["detail"] == "caseworker 500237"
    assert first not in str(changes)
    page = site.signed_in("zhao.min").client.get("/audit/staff-changes")
    assert page.status_code == 200 and "新建账号" in page.text and "ran.xiaohong" in page.text
    csv = site.signed_in("zhao.min").client.get("/audit/staff-changes.csv")
    assert csv.content.decode("utf-8-sig").startswith("时间,操作人,操作,对象,内容")


def test_refused_input_is_shown_next_to_the_field_and_changes_nothing(site: Site) -> None:
    admin = site.signed_in(ADMIN)
    for fields, error in (
        ({"user": "has space", "office": "500237"}, "用户名"),
        ({"user": "ok.user", "office": "12"}, "机构代码"),
        ({"user": "li.ming", "office": "500237"}, "li.ming"),  # exists already
    ):
        answer = admin.submit(
            "/admin/accounts", {"display_name": "张三", "role": "caseworker", **fields}
        )
        assert answer.status_code == 422, fields
        assert error in answer.text and 'class="error-summary"' in answer.text
    forged = admin.send("/admin/accounts", {"user": "x.y", "role": "root", "office": "500237"})
    assert forged.status_code == 403  # no CSRF token
    assert "ok.user" not in admin.client.get("/admin/accounts").text
    assert site.api.get("/audit/staff-changes", Role.AUDITOR).json()["items"] == []


def test_disable_reset_and_a_new_role_end_the_sessions(site: Site) -> None:
    admin = site.signed_in(ADMIN)
    worker = site.signed_in()  # li.ming
    moved = admin.submit(
        "/admin/accounts",
        {"role": "mediator", "office": "370613"},
        "/admin/accounts/li.ming/assignment",
    )
    assert moved.status_code == 303
    assert worker.client.get("/workers", follow_redirects=False).status_code == 303  # signed out
    again = site.signed_in()
    assert again.client.get("/", follow_redirects=False).headers["location"] == "/disputes"

    self_disable = admin.submit("/admin/accounts", {}, f"/admin/accounts/{ADMIN}/disable")
    assert self_disable.status_code == 422 and "不能停用自己的账号" in self_disable.text
    self_demote = admin.submit(
        "/admin/accounts", {"role": "caseworker", "office": "500237"},
        f"/admin/accounts/{ADMIN}/assignment",
    )  # fmt: skip
    assert self_demote.status_code == 422

    assert admin.submit("/admin/accounts", {}, "/admin/accounts/li.ming/disable").status_code == 303
    assert site.browser().sign_in("li.ming").status_code == 401
    assert admin.submit("/admin/accounts", {}, "/admin/accounts/li.ming/enable").status_code == 303
    reset = admin.submit("/admin/accounts", {}, "/admin/accounts/li.ming/reset")
    new = _first_password(reset.text)
    assert site.browser().sign_in("li.ming").status_code == 401  # the old password is gone
    assert site.browser().sign_in("li.ming", new).status_code == 303

    actions = [
        c["action"] for c in site.api.get("/audit/staff-changes", Role.AUDITOR).json()["items"]
    ]
    assert actions == [
        "password_reset", "account_enabled", "account_disabled", "office_changed", "role_changed"
    ]  # fmt: skip


def test_a_token_is_shown_once_works_and_is_revoked(site: Site) -> None:
    admin = site.signed_in(ADMIN)
    bad = admin.submit(
        "/admin/tokens", {"user": "etl.job", "role": "auditor", "office": "500237", "days": "999"}
    )
    assert bad.status_code == 422 and "366" in bad.text
    issued = admin.submit(
        "/admin/tokens", {"user": "etl.job", "role": "auditor", "office": "500237", "days": "30"}
    )
    assert issued.status_code == 201
    secret = re.search(r'<p class="secret mono">([^<]+)</p>', issued.text)
    assert secret
    listed = admin.client.get("/admin/tokens").text
    assert secret.group(1) not in listed and "etl.job" in listed
    api = site.api.client
    headers = {"Authorization": f"Bearer {secret.group(1)}"}
    assert api.get("/api/v1/audit/events", headers=headers).status_code == 200
    token_id = re.search(r'action="/admin/tokens/([^/"]+)/revoke"', listed)
    assert token_id
    revoke = admin.send(f"/admin/tokens/{token_id.group(1)}/revoke", hidden_fields(listed))
    assert revoke.status_code == 303
    assert api.get("/api/v1/audit/events", headers=headers).status_code == 401
    actions = [
        c["action"] for c in site.api.get("/audit/staff-changes", Role.AUDITOR).json()["items"]
    ]
    assert actions == ["token_revoked", "token_issued"]


def test_the_read_models_page_shows_lag_and_rebuilds_one(site: Site) -> None:
    site.api.register()
    admin = site.signed_in(ADMIN)
    page = admin.client.get("/admin/read-models")
    assert page.status_code == 200
    assert "case_files" in page.text and "subsidy_policy" in page.text
    unconfirmed = admin.submit("/admin/read-models", {}, "/admin/read-models/case_files/rebuild")
    assert unconfirmed.status_code == 303
    rebuilt = admin.submit(
        "/admin/read-models", {"confirm": "yes"}, "/admin/read-models/case_files/rebuild"
    )
    assert rebuilt.status_code == 303
    for _ in range(200):  # the projector catches it up again
        if site.api.get("/workers").json()["items"]:
            break
        time.sleep(0.05)
    assert site.api.get("/workers").json()["items"]
    assert (
        admin.submit(
            "/admin/read-models", {"confirm": "yes"}, "/admin/read-models/nope/rebuild"
        ).status_code
        == 404
    )
    changes = site.api.get("/audit/staff-changes", Role.AUDITOR).json()["items"]
    assert [(c["action"], c["subject"]) for c in changes] == [("read_model_rebuilt", "case_files")]


def test_an_administrator_reads_no_case_record_and_no_one_else_administers(site: Site) -> None:
    admin = site.signed_in(ADMIN)
    for path in ("/workers", "/disputes", "/subsidies", "/dashboard", "/audit", "/workers.csv"):
        assert admin.client.get(path).status_code == 403, path
    for user in ("li.ming", "wang.fang", "zhao.min"):
        someone = site.signed_in(user)
        for path in ("/admin/accounts", "/admin/offices", "/admin/tokens", "/admin/read-models"):
            assert someone.client.get(path).status_code == 403, (user, path)
    assert site.signed_in("li.ming").client.get("/audit/staff-changes").status_code == 403
