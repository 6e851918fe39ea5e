"""Two offices run one programme in Chromium (issue 14): Wushan sends a worker,
Laishan confirms the arrival and hands the worker over to Fushan, and each
office sees exactly the workers it serves, with the shared history."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from devtools.server import BIN
from tests.browser.conftest import Staff, database
from tests.support.browsing import accessible, photograph, sign_in
from tests.support.factories import id_number
from tests.support.server import Server, running_server

OFFICES = (
    ("500237", "巫山县就业和人才中心", "sending_county", []),
    ("370600", "烟台市鲁渝劳务协作办公室", "receiving_city", ["500237"]),
    ("370613", "莱山区人力资源和社会保障局", "receiving_district", ["500237"]),
    ("370611", "福山区人力资源和社会保障局", "receiving_district", ["500237"]),
)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("offices")
    with database(request.param, tmp) as url, running_server(url, tmp / "server.log") as running:
        for code, name, kind, partners in OFFICES:
            given = [a for p in partners for a in ("--partner", p)]
            subprocess.run(
                [str(BIN / "laborbridge"), "office", "create", "--code", code, "--name", name,
                 "--kind", kind, *given],
                env=running.env, capture_output=True, text=True, check=True,
            )  # fmt: skip
        staff = Staff(running)
        staff.create("li.ming", "caseworker", "李明", office="500237")
        staff.create("zhang.hua", "caseworker", "张华", office="370613")
        staff.create("sun.li", "caseworker", "孙丽", office="370611")
        yield running


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(re.compile("/sign-in"))


def test_two_offices_share_one_worker_s_story(page: Any, server: Server) -> None:
    # Wushan registers the worker and puts them on the bus to 莱山区.
    sign_in(page, "li.ming")
    page.wait_for_url(re.compile("/workers$"))
    page.get_by_role("link", name="登记劳动力").first.click()
    page.get_by_label("姓名").fill("冉光明")
    page.get_by_label("公民身份号码").fill(id_number())
    page.get_by_label("手机号码").fill("138 0013 8000")
    page.get_by_label("户籍乡镇（街道）").select_option(label="骡坪镇")
    page.get_by_label("人员类别").select_option(label="脱贫人口")
    page.get_by_label("本人已同意").check()
    page.get_by_label("发生日期").fill("2026-03-02")
    page.get_by_role("button", name="登记", exact=True).click()
    worker_url = page.url.split("?")[0]
    page.get_by_role("link", name="安排有组织转移").click()
    page.get_by_label("目的地").select_option(label="山东省烟台市莱山区")
    page.get_by_label("转移渠道").select_option(label="劳务办事处")
    page.get_by_label("计划出发日期").fill("2026-03-10")
    page.get_by_label("发生日期").fill("2026-03-03")
    page.get_by_role("button", name="安排转移").click()
    page.get_by_role("link", name="登记出发").click()
    page.get_by_label("出行方式").select_option(label="包车")
    page.get_by_label("发生日期").fill("2026-03-10")
    page.get_by_role("button", name="登记出发").click()
    # The arrival is the receiving office's to record: Wushan is not offered it.
    assert page.get_by_role("link", name="登记到岗").count() == 0
    sign_out(page)

    # Laishan finds the worker on its worklist and confirms the arrival.
    sign_in(page, "zhang.hua")
    page.goto("/handovers")
    assert page.get_by_role("heading", name="移交与到岗").is_visible()
    accessible(page)
    photograph(page, server, "handovers-arrivals-zh")
    page.get_by_role("link", name="登记到岗").click()
    page.get_by_label("发生日期").fill("2026-03-11")
    page.get_by_role("button", name="登记到岗").click()
    assert page.get_by_role("status").inner_text() == "已登记到岗。"
    served = page.get_by_role("region", name="服务归属")
    assert "莱山区人力资源和社会保障局" in served.inner_text()

    # …then hands the worker over to 福山区.
    page.get_by_role("link", name="移交给其他办公室").click()
    page.get_by_label("移交给").select_option(label="福山区人力资源和社会保障局（370611）")
    page.get_by_label("原因").fill("本人转至福山区企业务工")
    accessible(page)
    photograph(page, server, "handover-offer-zh")
    page.get_by_role("button", name="提出移交").click()
    assert page.get_by_role("status").inner_text().startswith("已提出移交")
    sign_out(page)

    # Fushan accepts the handover from its worklist.
    sign_in(page, "sun.li")
    page.goto("/handovers")
    incoming = page.get_by_role("region", name="移交给本办公室、待处理的")
    assert "冉光明" in incoming.inner_text()
    accessible(page)
    photograph(page, server, "handovers-incoming-zh")
    page.get_by_role("link", name="接收移交").click()
    page.get_by_label("移交申请").select_option(index=1)
    page.get_by_role("button", name="确认接收").click()
    assert page.get_by_role("status").inner_text().startswith("已接收移交")
    served = page.get_by_role("region", name="服务归属")
    assert "福山区人力资源和社会保障局" in served.inner_text()
    assert "已接收" in served.inner_text()
    accessible(page)
    photograph(page, server, "worker-served-by-zh")
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Served by").is_visible()
    photograph(page, server, "worker-served-by-en")
    page.get_by_role("link", name="中文").click()
    sign_out(page)

    # Laishan no longer serves the worker: the file is not found there.
    sign_in(page, "zhang.hua")
    page.goto(worker_url)
    assert page.get_by_role("heading", name="未找到").is_visible()
    page.goto("/workers")
    assert page.get_by_text("冉光明").count() == 0
    sign_out(page)

    # Wushan still serves them, and reads both offices' entries as one story.
    sign_in(page, "li.ming")
    page.goto(worker_url)
    history = page.get_by_role("region", name="服务归属").inner_text()
    assert "莱山区" in history and "福山区" in history
    timeline = page.get_by_role("region", name="档案记录").inner_text()
    assert "zhang.hua" in timeline and "li.ming" in timeline
