"""A caseworker imports her office's ledger in Chromium: downloads the template,
checks a real workbook first (a bad row explained next to its cells), then
writes it, and downloads the report."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
from playwright.sync_api import expect

from tests.support.browsing import accessible, photograph, sign_in
from tests.support.factories import id_number
from tests.support.server import Server


def ledger(path: Path, people: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024年"
    sheet.append(["巫山县2024年劳务输出台账"])
    sheet.append(["姓名", "身份证号码", "联系电话", "乡镇", "人员类别", "输入地", "出发日期",
                  "到达日期", "就业单位", "统一社会信用代码", "工种", "月工资", "入职时间",
                  "在岗月份"])  # fmt: skip
    for i in range(people):
        sheet.append(["冉光明", id_number(), 13800138000 + i, "骡坪镇", "脱贫户", "烟台市",
                      datetime(2024, 3, 1), "2024年3月2日", "烟台某某电子有限公司",
                      "91370600MA3C7X8K01", "普工", 5200, datetime(2024, 3, 5),
                      "2024.03-2024.08"])  # fmt: skip
    sheet.append(["张三", "500237199001011235", "1381234", "骡坪镇", "脱贫户", "烟台市",
                  "2024-02-30"])  # fmt: skip
    book.save(path)
    return path


def wait_until_done(page: Any) -> None:
    page.wait_for_url(re.compile(r"/imports/[0-9a-f-]{36}$"))
    # The page reloads itself every two seconds while the import runs; between
    # two loads the document is briefly empty, so wait on the status itself
    # (expect retries across the reloads) rather than on a missing refresh tag.
    expect(page.get_by_role("status")).not_to_have_text(re.compile("^正在处理"), timeout=90_000)
    expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)


def test_a_caseworker_checks_then_imports_a_ledger(
    page: Any, server: Server, tmp_path: Path
) -> None:
    workbook = ledger(tmp_path / "巫山县2024年台账.xlsx", 3)
    sign_in(page, "li.ming")
    page.get_by_role("link", name="台账导入").first.click()
    page.wait_for_url(re.compile("/imports$"))
    with page.expect_download() as template:
        page.get_by_role("link", name="下载台账模板（.xlsx）").click()
    content = template.value.path().read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert "姓名" in [c for row in book.worksheets[0].iter_rows(max_row=1, values_only=True)
                      for c in row]  # fmt: skip
    # Uploading nothing is refused, in Chinese, next to the field.
    page.get_by_role("button", name="上传").click()
    assert page.get_by_text("请选择要上传的台账文件").count() >= 1
    photograph(page, server, "import-upload-zh")
    accessible(page)

    # Check first: nothing is written, every mistake of the bad row is named.
    page.get_by_label("台账文件").set_input_files(str(workbook))
    page.get_by_label("只检查，不写入").check()
    page.get_by_role("button", name="上传").click()
    wait_until_done(page)
    assert page.get_by_role("status").inner_text().startswith("已完成")
    counts = page.locator("table.counts").inner_text()
    assert re.search(r"可写入的行\s+3", counts), counts
    assert re.search(r"有问题、未写入的行\s+1", counts), counts
    problems = page.locator("table").last.inner_text()
    assert "公民身份号码" in problems and "手机号码" in problems and "出发日期" in problems
    assert "500237199001011235" not in page.content()  # masked
    photograph(page, server, "import-checked-zh")
    accessible(page)
    with page.expect_download() as report:
        page.get_by_role("link", name="下载报告（Excel）").click()
    downloaded = openpyxl.load_workbook(io.BytesIO(report.value.path().read_bytes()))
    rows = list(downloaded.worksheets[-1].iter_rows(values_only=True))
    assert len(rows) >= 4

    # Then write it: the three workers are on record, the bad row is not.
    page.get_by_role("link", name="台账导入").first.click()
    page.get_by_label("台账文件").set_input_files(str(workbook))
    page.get_by_label("检查并写入").check()
    page.get_by_role("button", name="上传").click()
    wait_until_done(page)
    assert re.search(r"已写入的行\s+3", page.locator("table.counts").inner_text())
    page.get_by_role("link", name="台账导入").first.click()
    assert page.locator("table").last.locator("tbody tr").count() == 2  # both imports listed

    # The latest import's page, in Chinese, in English and on a phone.
    page.locator("table").last.locator("a").first.click()
    wait_until_done(page)
    photograph(page, server, "import-result-zh")
    page.context.add_cookies([{"name": "lb_lang", "value": "en", "url": server.base_url}])
    page.reload()
    photograph(page, server, "import-result-en")
    page.set_viewport_size({"width": 390, "height": 844})
    photograph(page, server, "import-result-phone")
    assert page.get_by_text("Rows written").count() == 1
    accessible(page)
