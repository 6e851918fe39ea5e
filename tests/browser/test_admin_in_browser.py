"""An administrator in Chromium: creates a caseworker, who signs in with the
first password, is made to choose their own, and lands on their work."""

from __future__ import annotations

import re
from typing import Any

from tests.support.browsing import accessible, photograph, sign_in
from tests.support.server import Server

OWN_PASSWORD = "巫山县劳务办公室的新密码"


def test_an_administrator_creates_a_caseworker_who_then_signs_in(
    page: Any, server: Server, playwright_browser: Any
) -> None:
    sign_in(page, "admin.one")
    page.wait_for_url(re.compile("/admin/accounts$"))
    accessible(page)
    page.get_by_label("用户名", exact=True).fill("tan.xiaoyan")
    page.get_by_label("姓名", exact=True).fill("谭小燕")
    page.locator("#new-office").fill("500237")
    page.locator("#new-role").select_option("caseworker")
    page.get_by_role("button", name="新建账号").click()
    page.get_by_role("heading", name="一次性初始密码").wait_for()
    first = page.locator("p.secret").inner_text().strip()
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", first)
    accessible(page)
    page.get_by_role("link", name="返回工作人员账号").click()
    assert page.get_by_role("cell", name="tan.xiaoyan", exact=True).is_visible()
    assert first not in page.content()
    photograph(page, server, "admin-accounts")

    page.goto("/admin/read-models")
    assert page.get_by_role("rowheader", name="case_files").is_visible()
    accessible(page)
    photograph(page, server, "admin-read-models")

    other = playwright_browser.new_context(base_url=server.base_url, locale="zh-CN")
    person = other.new_page()
    try:
        sign_in(person, "tan.xiaoyan", first)
        person.wait_for_url(re.compile("/account/password$"))
        person.get_by_label("新密码", exact=True).fill(OWN_PASSWORD)
        person.get_by_label("再次输入新密码").fill(OWN_PASSWORD)
        accessible(person)
        person.get_by_role("button", name="设置密码").click()
        person.wait_for_url(re.compile("/sign-in"))
        assert person.get_by_text("密码已设置").is_visible()
        sign_in(person, "tan.xiaoyan", OWN_PASSWORD)
        person.wait_for_url(re.compile("/workers$"))
        assert person.get_by_role("heading", name="查找劳动力").is_visible()
    finally:
        other.close()


def test_an_administrator_adds_an_office_to_the_register(page: Any, server: Server) -> None:
    sign_in(page, "admin.one")
    page.wait_for_url(re.compile("/admin/accounts$"))
    page.get_by_role("link", name="机构名录").click()
    page.wait_for_url(re.compile("/admin/offices$"))
    accessible(page)
    page.get_by_label("机构代码").fill("370601")  # a city office's code ends in 00
    page.get_by_label("名称").fill("烟台市鲁渝劳务协作办公室")
    page.get_by_label("类型").select_option("receiving_city")
    page.get_by_role("button", name="添加办公室").click()
    page.get_by_role("heading", name="有 1 处需要修改").wait_for()
    assert page.get_by_text("市级办公室应使用本市代码（以 00 结尾）").first.is_visible()
    assert page.get_by_label("名称").input_value() == "烟台市鲁渝劳务协作办公室"  # kept
    accessible(page)

    page.get_by_label("机构代码").fill("370600")
    page.get_by_label("巫山县就业和人才中心").check()
    page.get_by_role("button", name="添加办公室").click()
    page.get_by_text("已添加到机构名录。").wait_for()
    row = page.locator("tr", has=page.get_by_role("rowheader", name="370600"))
    assert "接收地市级劳务协作办公室" in row.inner_text() and "500237" in row.inner_text()
    accessible(page)
    photograph(page, server, "admin-offices")
    page.set_viewport_size({"width": 390, "height": 844})
    photograph(page, server, "admin-offices-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("link", name="English").click()
    page.get_by_role("heading", name="Register of offices").wait_for()
    accessible(page)
    photograph(page, server, "admin-offices-en")
