"""The caseworkers' lists download as the spreadsheets they show: the search
results (every page of them, ID numbers masked) and the subsidy ledger."""

from __future__ import annotations

import io
import re
import time
import zipfile

from tests.e2e.pages.conftest import Site


def _strings(xlsx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
        return book.read("xl/sharedStrings.xml").decode()


def test_the_search_results_download_whole_with_the_page_s_columns(site: Site) -> None:
    names = [f"冉{chr(0x4E00 + i)}" for i in range(55)]  # more than one page of 50
    numbers = [site.api.register(name=name).json()["id"] for name in names]
    assert len(numbers) == 55
    browser = site.signed_in()
    page = browser.client.get("/workers?q=冉")
    assert 'href="/workers.xlsx?q=%E5%86%89' in page.text

    csv = browser.client.get("/workers.csv", params={"q": "冉"})
    assert csv.status_code == 200
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.content.startswith("\ufeff".encode())
    lines = csv.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].split(",")[:3] == ["姓名", "公民身份号码", "户籍乡镇（街道）"]
    assert len(lines) == 1 + 55  # every page, not only the first
    masked = lines[1].split(",")[1]
    assert re.fullmatch(r"\d{6}\*{8}[\dX]{4}", masked), masked  # as the page shows it

    english = browser.client.get("/workers.csv", params={"q": "冉"}, cookies={"lb_lang": "en"})
    assert english.content.decode("utf-8-sig").startswith("Name,")

    xlsx = browser.client.get("/workers.xlsx", params={"q": "冉", "stage": "no-such-stage"})
    assert xlsx.status_code == 200
    assert 'filename="laborbridge-workers.xlsx"' in xlsx.headers["content-disposition"]
    strings = _strings(xlsx.content)
    assert "公民身份号码" in strings and names[54] in strings
    assert site.signed_in("admin.one").client.get("/workers.csv").status_code == 403


def _transport_subsidy(site: Site) -> str:
    api = site.api
    worker = api.register(name="谭小燕").json()["id"]
    transfer = api.post("/transfers", {
        "worker_id": worker, "destination": "370613", "channel": "labour_office",
        "planned_on": "2026-03-10", "occurred_on": "2026-03-03"}).json()["id"]  # fmt: skip
    api.post(f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": "2026-03-10"})
    api.post(f"/transfers/{transfer}/arrival", {"occurred_on": "2026-03-12"})
    return worker


def test_the_subsidy_ledger_is_a_page_and_a_spreadsheet(site: Site) -> None:
    _transport_subsidy(site)
    browser = site.signed_in()
    for _ in range(200):  # the service's policy process assesses it
        page = browser.client.get("/subsidies")
        if "谭小燕" in page.text:
            break
        time.sleep(0.05)
    assert page.status_code == 200
    assert "谭小燕" in page.text and "交通生活补贴" in page.text and "已核定" in page.text
    assert "共 1 笔" in page.text

    none = browser.client.get("/subsidies", params={"status": "paid"})
    assert "谭小燕" not in none.text and "没有符合条件的补贴" in none.text

    csv = browser.client.get("/subsidies.csv").content.decode("utf-8-sig").split("\r\n")
    assert csv[0].startswith("姓名,补贴类别,状态,核定金额（元）")
    assert csv[1].startswith("谭小燕,交通生活补贴,已核定,")
    assert ",2026-03-12," in csv[1]  # the date it arose
    strings = _strings(browser.client.get("/subsidies.xlsx").content)
    assert "谭小燕" in strings and "核定金额（元）" in strings
    assert site.signed_in("zhao.min").client.get("/subsidies").status_code == 200
    assert site.signed_in("admin.one").client.get("/subsidies").status_code == 403
