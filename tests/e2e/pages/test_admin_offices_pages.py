"""The administrator's register of offices (机构名录): offices added and linked as
partners from the page, refused input shown next to the field in the reader's
language with nothing changed — and staff accounts and tokens that must name an
office of the register."""

from __future__ import annotations

from typing import Any

from domain.actor import Role
from tests.e2e.pages.conftest import Site
from tests.support.offices import register_offices
from tests.support.pages import Browser

ADMIN = "admin.one"
WUSHAN = {"code": "500237", "name": "巫山县就业和人才中心", "kind": "sending_county"}
YANTAI = {"code": "370600", "name": "烟台市鲁渝劳务协作办公室", "kind": "receiving_city"}
LAISHAN = {"code": "370613", "name": "莱山区人力资源和社会保障局", "kind": "receiving_district"}


def _journey(site: Site) -> Any:
    return site.api.client.app.state.journey  # type: ignore[attr-defined]


def _changes(site: Site) -> list[tuple[str, str, str, str]]:
    items = site.api.get("/audit/staff-changes", Role.AUDITOR).json()["items"]
    return [(c["by"], c["action"], c["subject"], c["detail"]) for c in items]


def _add(admin: Browser, fields: dict[str, str]) -> Any:
    return admin.submit("/admin/offices", fields)


def test_an_administrator_adds_offices_links_partners_and_reads_the_register(
    site: Site,
) -> None:
    admin = site.signed_in(ADMIN)
    empty = admin.client.get("/admin/offices")
    assert empty.status_code == 200
    assert "机构名录还是空的" in empty.text and 'href="/admin/offices"' in empty.text

    added = _add(admin, WUSHAN)
    assert added.status_code == 303 and added.headers["location"] == "/admin/offices?done=added"
    assert _add(admin, YANTAI | {"partner.500237": "yes"}).status_code == 303
    assert _add(admin, LAISHAN).status_code == 303
    linked = admin.submit(
        "/admin/offices",
        {"link_code": "370613", "link_partner": "370600"},
        "/admin/offices/partners",
    )
    assert linked.headers["location"] == "/admin/offices?done=linked"
    # As the register holds it (its partners too): nothing changes, nothing is recorded twice.
    again = _add(admin, LAISHAN | {"partner.370600": "yes"})
    assert again.headers["location"] == "/admin/offices?done=unchanged"

    page = admin.client.get("/admin/offices?done=linked")
    assert "已登记协作关系。" in page.text
    row = page.text.split('<th scope="row" class="mono">370600</th>')[1].split("</tr>")[0]
    assert "烟台市鲁渝劳务协作办公室" in row and "接收地市级劳务协作办公室" in row
    assert "山东省烟台市" in row and "莱山区人力资源和社会保障局" in row and "500237" in row
    english = admin.client.get("/admin/offices", cookies={"lb_lang": "en"})
    assert '<html lang="en">' in english.text and "Receiving city office" in english.text

    offices = {o["code"]: o for o in site.api.get("/offices").json()}
    assert offices["370600"]["partners"] == ["370613", "500237"]
    assert offices["500237"]["partners"] == ["370600"]
    assert _changes(site) == [
        (ADMIN, "partners_linked", "370600", "370613"),
        (ADMIN, "office_added", "370613", "receiving_district 莱山区人力资源和社会保障局"),
        (
            ADMIN,
            "office_added",
            "370600",
            "receiving_city 烟台市鲁渝劳务协作办公室 partners 500237",
        ),
        (ADMIN, "office_added", "500237", "sending_county 巫山县就业和人才中心"),
    ]
    audit_page = site.signed_in("zhao.min").client.get("/audit/staff-changes")
    assert "添加办公室" in audit_page.text and "登记协作关系" in audit_page.text


def test_refused_input_is_shown_next_to_the_field_and_changes_nothing(site: Site) -> None:
    admin = site.signed_in(ADMIN)
    assert _add(admin, WUSHAN).status_code == 303
    for fields, field, message in (
        (WUSHAN | {"code": "123"}, "code", "六位"),
        (YANTAI | {"code": "370601"}, "code", "以 00 结尾"),
        (YANTAI | {"kind": "headquarters"}, "kind", "类型"),
        (YANTAI | {"name": ""}, "name", "名称"),
        (YANTAI | {"partner.370612": "yes"}, "partners", "必须是机构名录中已有的办公室"),
        (WUSHAN | {"name": "巫山县另一个中心"}, "code", "名录中已有这个代码的办公室"),
    ):
        answer = _add(admin, fields)
        assert answer.status_code == 422, fields
        assert 'class="error-summary"' in answer.text and "有 1 处需要修改" in answer.text
        assert f'id="office-{field}-error"' in answer.text, fields
        assert message in answer.text, (fields, answer.text)
        kept = fields["name"]
        assert not kept or f'value="{kept}"' in answer.text  # the input is kept

    english = admin.client.get("/language?to=en&back=/admin/offices")
    assert english.status_code in (200, 303)
    refused = _add(admin, YANTAI | {"code": "370601"})
    assert refused.status_code == 422 and "a city office has its city&#39;s code" in refused.text

    assert _add(admin, YANTAI).status_code == 303
    same = admin.submit(
        "/admin/offices",
        {"link_code": "500237", "link_partner": "500237"},
        "/admin/offices/partners",
    )
    assert same.status_code == 422 and 'id="office-link-partner-error"' in same.text
    forged = admin.send("/admin/offices", LAISHAN)  # no CSRF token
    assert forged.status_code == 403

    assert [o.code for o in _journey(site).offices()] == ["370600", "500237"]
    assert [action for _, action, _, _ in _changes(site)] == ["office_added", "office_added"]


def test_only_an_administrator_keeps_the_register(site: Site) -> None:
    for user in ("li.ming", "wang.fang", "zhao.min"):
        someone = site.signed_in(user)
        assert someone.client.get("/admin/offices").status_code == 403, user
        assert someone.send("/admin/offices", WUSHAN).status_code == 403, user
    assert _journey(site).offices() == []


def test_accounts_and_tokens_name_an_office_of_the_register(site: Site) -> None:
    register_offices(_journey(site), districts=True)
    admin = site.signed_in(ADMIN)
    account = {"user": "sun.li", "display_name": "孙丽", "role": "auditor", "office": "370612"}
    unknown = admin.submit("/admin/accounts", account)
    assert unknown.status_code == 422 and "不在机构名录中" in unknown.text
    wide = admin.submit("/admin/accounts", account | {"office": "500237", "role": "caseworker",
                                                      "scope": "all"})  # fmt: skip
    assert wide.status_code == 422 and "只有审计人员和调解员" in wide.text
    badly = admin.submit("/admin/accounts", account | {"office": "500237", "scope": "county:5"})
    assert badly.status_code == 422 and 'id="new-scope-error"' in badly.text
    made = admin.submit(
        "/admin/accounts", account | {"office": "500237", "scope": "pair:500237-370600"}
    )
    assert made.status_code == 201, made.text
    listed = admin.client.get("/admin/accounts").text
    assert "pair:500237-370600" in listed and '<datalist id="register-offices">' in listed

    moved = admin.submit(
        "/admin/accounts",
        {"role": "auditor", "office": "500237", "scope": "province:37"},
        "/admin/accounts/sun.li/assignment",
    )
    assert moved.status_code == 303
    nowhere = admin.submit(
        "/admin/accounts",
        {"role": "auditor", "office": "110101"},
        "/admin/accounts/sun.li/assignment",
    )
    assert nowhere.status_code == 422 and "不在机构名录中" in nowhere.text

    token = {"user": "etl.job", "role": "auditor", "office": "370612", "days": "30"}
    refused = admin.submit("/admin/tokens", token)
    assert refused.status_code == 422 and 'id="token-office-error"' in refused.text
    issued = admin.submit("/admin/tokens", token | {"office": "370600", "scope": "province:37"})
    assert issued.status_code == 201
    assert "province:37" in admin.client.get("/admin/tokens").text

    assert _changes(site) == [
        (
            ADMIN,
            "token_issued",
            _changes(site)[0][2],
            "etl.job auditor 370600 30d scope province:37",
        ),
        (ADMIN, "office_changed", "sun.li", "scope pair:500237-370600 -> province:37"),
        (ADMIN, "account_created", "sun.li", "auditor 500237 scope pair:500237-370600"),
    ]
