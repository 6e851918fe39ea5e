"""A caseworker's day in Chromium: every step by label and role, as a person works.

Each page the test passes through is checked with axe-core (no serious or
critical violation) and, on SQLite, photographed for docs/screenshots/ in
Chinese and English, at 1366×768 and at a phone's 390 px.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Staff
from tests.support.browsing import accessible, photograph, sign_in
from tests.support.factories import id_number
from tests.support.server import Server

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def register(page: Any, number: str) -> None:
    page.get_by_role("link", name="登记劳动力").first.click()
    page.get_by_label("姓名").fill("冉光明")
    page.get_by_label("公民身份号码").fill(number)
    page.get_by_label("手机号码").fill("138 0013 8000")
    page.get_by_label("户籍乡镇（街道）").select_option(label="骡坪镇")
    page.get_by_label("人员类别").select_option(label="脱贫人口")
    page.get_by_label("文化程度").select_option(label="初中")
    page.get_by_label("本人已同意").check()
    page.get_by_label("发生日期").fill("2026-03-02")
    page.get_by_role("button", name="登记", exact=True).click()


def test_a_caseworker_s_day(page: Any, server: Server) -> None:
    sign_in(page)
    page.wait_for_url(re.compile("/workers$"))
    accessible(page)

    number = id_number()
    register(page, number.translate(FULL_WIDTH))
    assert page.get_by_role("status").inner_text() == "已登记。"
    masked = f"{number[:6]}********{number[-4:]}"
    assert page.get_by_text(masked).is_visible()
    accessible(page)

    page.get_by_role("link", name="安排有组织转移").click()
    page.get_by_label("目的地").select_option(label="山东省烟台市莱山区")
    page.get_by_label("转移渠道").select_option(label="劳务办事处")
    page.get_by_label("计划出发日期").fill("2026-03-10")
    page.get_by_label("发生日期").fill("2026-03-03")
    accessible(page)
    page.get_by_role("button", name="安排转移").click()
    assert page.get_by_role("status").inner_text() == "已安排有组织转移。"
    assert page.get_by_role("link", name="登记到岗").count() == 0  # not before departure

    page.get_by_role("link", name="登记出发").click()
    page.get_by_label("出行方式").select_option(label="包车")
    page.get_by_label("发生日期").fill("2026-03-10")
    page.get_by_role("button", name="登记出发").click()
    page.get_by_role("link", name="登记到岗").click()
    page.get_by_label("发生日期").fill("2026-03-12")
    page.get_by_role("button", name="登记到岗").click()
    assert page.get_by_role("status").inner_text() == "已登记到岗。"

    page.get_by_role("link", name="登记就业").click()
    page.get_by_label("对应的有组织转移").select_option(index=1)
    page.get_by_label("用人单位").fill("烟台某食品有限公司")
    page.get_by_label("统一社会信用代码").fill("91370613MA3C1B2X40")
    page.get_by_label("工作地").select_option(label="山东省烟台市莱山区")
    page.get_by_label("岗位").fill("包装工")
    page.get_by_label("月工资（元）").fill("４５００")
    page.get_by_label("用工形式").select_option(index=1)
    page.get_by_label(re.compile(r"^类别")).select_option(label="转移就业")
    page.get_by_label("入职日期").fill("2026-03-13")
    page.get_by_label("发生日期").fill("2026-03-13")
    page.get_by_role("button", name="登记就业").click()
    assert page.get_by_role("status").inner_text() == "已登记就业。"

    page.get_by_role("link", name="确认在岗月份").click()
    page.get_by_label("确认月份").fill("2026-04")
    page.get_by_label("就业凭证").select_option(index=1)
    page.get_by_label("发生日期").fill("2026-05-02")
    page.get_by_role("button", name="确认该月").click()
    assert page.get_by_role("status").inner_text() == "已确认在岗月份。"
    timeline = page.get_by_role("list").filter(has_text="转移到达")
    assert timeline.count() >= 1
    assert page.get_by_text("2026年4月").count() >= 1
    accessible(page)
    photograph(page, server, "worker-zh")

    page.set_viewport_size({"width": 390, "height": 844})
    accessible(page)
    photograph(page, server, "worker-zh-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Case history").is_visible()
    accessible(page)
    photograph(page, server, "worker-en")
    page.goto("/workers")
    assert page.get_by_role("heading", name="Find a worker").is_visible()  # remembered
    photograph(page, server, "search-en")
    page.get_by_role("link", name="中文").click()
    photograph(page, server, "search-zh")

    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(re.compile("/sign-in"))
    page.goto("/workers")
    assert "/sign-in" in page.url


def test_errors_are_shown_next_to_the_field_with_a_summary(page: Any, server: Server) -> None:
    sign_in(page)
    page.goto("/workers/new")
    photograph(page, server, "register-zh")
    page.get_by_label("公民身份号码").fill("500237198503011230")
    page.get_by_label("手机号码").fill("12")
    page.get_by_role("button", name="登记", exact=True).click()
    summary = page.get_by_role("alert")
    assert "处需要修改" in summary.inner_text()
    assert page.get_by_label("手机号码").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("手机号码").input_value() == "12"
    accessible(page)
    photograph(page, server, "register-errors-zh")
    summary.get_by_role("link").first.click()  # the summary's links lead to the fields


def test_wrong_passwords_then_lock_out(page: Any, server: Server) -> None:
    user = "lock.me"
    Staff(server).create(user, "caseworker")
    sign_in(page, user, "wrong password")
    assert "用户名或密码不正确" in page.get_by_role("alert").inner_text()
    accessible(page)
    photograph(page, server, "sign-in-error-zh")
    for _ in range(4):
        sign_in(page, user, "wrong password")
    sign_in(page, user)
    assert "锁定" in page.get_by_role("alert").inner_text()


def test_a_double_click_records_once(page: Any, server: Server) -> None:
    sign_in(page)
    number = id_number()
    register(page, number)
    page.get_by_role("link", name="登记帮扶服务").click()
    page.get_by_label(re.compile(r"^类别")).select_option(label="节日慰问")
    button = page.get_by_role("button", name="登记", exact=True)
    button.dblclick()
    page.wait_for_url(re.compile(r"done=record_support_service"))
    assert page.locator(".timeline li", has_text="节日慰问").count() == 1


def test_a_stale_form_shows_the_change_and_offers_to_send_again(page: Any, server: Server) -> None:
    sign_in(page)
    register(page, id_number())
    worker_page = page.url.split("?")[0]
    page.get_by_role("link", name="更改手机号码").click()
    other = page.context.browser.new_context(base_url=server.base_url, locale="zh-CN").new_page()
    sign_in(other)
    other.goto(page.url)
    other.get_by_label("手机号码").fill("13900001111")
    other.get_by_role("button", name="保存新号码").click()
    other.context.close()
    page.get_by_label("手机号码").fill("13700002222")
    page.get_by_role("button", name="保存新号码").click()
    assert "刚被他人修改过" in page.get_by_role("alert").first.inner_text()
    accessible(page)
    photograph(page, server, "stale-form-zh")
    page.get_by_role("button", name="核对后再次提交").click()
    assert page.get_by_role("status").inner_text() == "已更新手机号码。"
    assert page.url.startswith(worker_page)


def test_a_forged_form_is_refused(page: Any, server: Server) -> None:
    sign_in(page)
    page.goto("/workers/new")
    page.locator('#main input[name="csrf_token"]').evaluate("e => e.value = 'forged'")
    page.get_by_label("姓名").fill("冉光明")
    page.get_by_role("button", name="登记", exact=True).click()
    assert page.get_by_role("heading", name="表单已失效").is_visible()


@pytest.mark.parametrize("user", ["admin.one"])
def test_another_role_is_shown_the_403_page(page: Any, server: Server, user: str) -> None:
    sign_in(page, user)
    page.goto("/workers")
    assert page.get_by_role("heading", name="无权访问").is_visible()
    accessible(page)


def test_the_sign_in_page_in_both_languages(page: Any, server: Server) -> None:
    page.goto("/sign-in")
    accessible(page)
    photograph(page, server, "sign-in-zh")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Sign in").is_visible()
    photograph(page, server, "sign-in-en")
    page.set_viewport_size({"width": 390, "height": 844})
    accessible(page)
    photograph(page, server, "sign-in-en-phone")


def test_the_dashboard_draws_its_chart_beside_its_numbers(page: Any, server: Server) -> None:
    sign_in(page)
    page.get_by_role("link", name="工作概览").click()
    assert page.get_by_role("heading", name="工作概览", exact=True).is_visible()
    chart = page.get_by_role("img", name="按月有组织转移与上岗")
    assert chart.is_visible()
    accessible(page)
    photograph(page, server, "dashboard-zh")
    page.set_viewport_size({"width": 390, "height": 844})
    accessible(page)
    photograph(page, server, "dashboard-zh-phone")
