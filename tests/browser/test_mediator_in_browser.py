"""A mediator's dispute in Chromium: opened from the worker's page, taken on,
a session, evidence uploaded (the same file twice is stored once), settled and
closed — each page checked with axe-core and, on SQLite, photographed for
docs/screenshots/ (register, dispute, and the dispute at a phone's 390 px)."""

from __future__ import annotations

import re
from typing import Any

from tests.support.browsing import accessible, photograph, sign_in
from tests.support.factories import id_number
from tests.support.server import Server

PAYSLIP = {
    "name": "工资条.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
}


def registered_worker(page: Any) -> str:
    """A worker registered by the caseworker; the worker page's path."""
    sign_in(page)
    page.wait_for_url(re.compile("/workers$"))
    page.get_by_role("link", name="登记劳动力").first.click()
    page.get_by_label("姓名").fill("冉光明")
    page.get_by_label("公民身份号码").fill(id_number())
    page.get_by_label("手机号码").fill("138 0013 8000")
    page.get_by_label("户籍乡镇（街道）").select_option(label="骡坪镇")
    page.get_by_label("人员类别").select_option(label="脱贫人口")
    page.get_by_label("文化程度").select_option(label="初中")
    page.get_by_label("本人已同意").check()
    page.get_by_label("发生日期").fill("2026-03-02")
    page.get_by_role("button", name="登记", exact=True).click()
    assert page.get_by_role("status").inner_text() == "已登记。"
    path = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(re.compile("/sign-in"))
    return path


def upload_payslip(page: Any) -> None:
    page.get_by_role("link", name="上传证据").click()
    page.get_by_label("证据文件").set_input_files(PAYSLIP)
    page.get_by_label("说明").fill("2026 年 9–11 月工资条")
    accessible(page)
    page.get_by_role("button", name="上传").click()
    assert page.get_by_role("status").inner_text() == "证据已保存。"


def test_a_mediator_takes_a_dispute_to_its_close(page: Any, server: Server) -> None:
    worker = registered_worker(page)
    sign_in(page, "wang.fang")
    page.wait_for_url(re.compile("/disputes$"))
    accessible(page)

    page.goto(worker)
    page.get_by_role("link", name="受理劳动争议").click()
    page.get_by_label("用人单位").fill("烟台鲁源食品有限公司")
    page.get_by_label(re.compile("^类别")).select_option(index=1)
    page.get_by_label("诉求金额（元）").fill("18600")
    page.get_by_label("说明").fill("拖欠工资 3 个月，每月 6200 元")
    page.get_by_label("发生日期").fill("2026-03-05")  # long past its 15 days
    page.get_by_role("button", name="受理", exact=True).click()
    assert page.get_by_role("status").inner_text() == "已受理劳动争议。"

    page.goto("/disputes")
    page.get_by_role("link", name="冉光明").first.wait_for()
    assert page.get_by_text("共 1 件").is_visible()
    assert page.get_by_text(re.compile(r"超期 \d+ 天")).is_visible()
    accessible(page)
    photograph(page, server, "mediator-register")
    page.get_by_role("link", name="冉光明").first.click()
    assert page.get_by_role("link", name="记录调解协议").count() == 0  # not yet in mediation

    page.get_by_role("link", name="承办此案").click()
    accessible(page)
    page.get_by_role("button", name="承办").click()
    assert page.get_by_role("status").inner_text() == "已承办此案。"

    page.get_by_role("link", name="记录调解", exact=True).click()
    page.get_by_label("参加人员").fill("冉光明\n企业人事主管 张伟")
    page.get_by_label("调解情况").fill("企业承认拖欠，同意分两期支付")
    page.get_by_role("button", name="保存调解记录").click()
    assert page.get_by_role("status").inner_text() == "已记录调解。"

    upload_payslip(page)
    upload_payslip(page)  # the same file again: stored once, one piece of evidence
    assert page.locator(".record.evidence").count() == 1
    assert page.get_by_role("link", name=re.compile("查看文件")).count() == 1
    accessible(page)
    photograph(page, server, "mediator-dispute")
    page.set_viewport_size({"width": 390, "height": 844})
    accessible(page)
    photograph(page, server, "mediator-dispute-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("link", name="记录调解协议").click()
    page.get_by_label("协议金额（元）").fill("18600")
    page.get_by_label("已追回金额（元）").fill("9300")
    page.get_by_role("button", name="保存调解协议").click()
    assert page.get_by_role("status").inner_text() == "已记录调解协议。"

    page.get_by_role("link", name="结案", exact=True).click()
    page.get_by_label("结案方式").select_option(index=1)
    accessible(page)
    page.get_by_role("button", name="结案", exact=True).click()
    assert page.get_by_role("status").inner_text() == "已结案。"
    assert page.get_by_role("link", name="重新调解").is_visible()
    accessible(page)
