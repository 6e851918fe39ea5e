"""The programme at a glance: the report's figures, transfers and placements by
month as an SVG chart beside its table, and the same numbers as CSV and .xlsx."""

from __future__ import annotations

import io
import re
import zipfile

from tests.e2e.pages.conftest import Site
from tests.e2e.transfer_placement_bodies import arrangement, placement_body


def _arrive(site: Site, poverty_status: str, arrived_on: str) -> str:
    api = site.api
    worker_id = api.register(poverty_status=poverty_status).json()["id"]
    path = f"/transfers/{api.post('/transfers', arrangement(worker_id)).json()['id']}"
    departed_on = f"{arrived_on[:8]}{int(arrived_on[8:]) - 1:02d}"
    assert api.post(f"{path}/departure", {"mode": "train", "occurred_on": departed_on}).is_success
    assert api.post(f"{path}/arrival", {"occurred_on": arrived_on}).is_success
    return worker_id


def _programme(site: Site) -> None:
    """Three organised transfers in 2026 (two people lifted out of poverty), one placement."""
    first = _arrive(site, "lifted_out_of_poverty", "2026-03-17")
    _arrive(site, "lifted_out_of_poverty", "2026-04-09")
    _arrive(site, "general", "2026-04-21")
    started = site.api.post("/placements", placement_body(first, start_date="2026-03-18"))
    assert started.status_code == 201, started.text


def _figure(page: str, label: str) -> str:
    found = re.search(
        rf"<th scope=\"row\">{re.escape(label)}</th>\s*<td class=\"num\">([^<]*)</td>", page
    )
    assert found, label
    return found.group(1)


def test_the_dashboard_shows_the_report_a_chart_and_its_table(site: Site) -> None:
    _programme(site)
    page = site.signed_in().client.get("/dashboard?year=2026")
    assert page.status_code == 200
    html = page.text
    assert _figure(html, "有组织转移人次") == "3"
    assert _figure(html, "其中脱贫人口") == "2"
    assert _figure(html, "2026年3月") == "1"  # the months' table: March's transfers
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.DOTALL)
    assert svg, "no chart"
    assert '<title id="months-title">按月有组织转移与上岗</title>' in svg.group(0)
    assert "4月 · 有组织转移人次: 2" in svg.group(0)
    assert "<script" not in html


def test_the_dashboard_downloads_as_csv_excel_reads_and_as_xlsx(site: Site) -> None:
    _programme(site)
    browser = site.signed_in()
    csv = browser.client.get("/dashboard.csv?year=2026")
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.content.startswith("\ufeff".encode())  # BOM: Excel reads UTF-8
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "类别,指标,数值"
    assert "有组织转移人次,3" in text
    assert "2026年4月 有组织转移人次,2" in text

    english = browser.client.get("/dashboard.csv?year=2026", cookies={"lb_lang": "en"})
    assert english.content.decode("utf-8-sig").splitlines()[0] == "Section,Figure,Value"

    xlsx = browser.client.get("/dashboard.xlsx?year=2026")
    assert xlsx.status_code == 200
    assert "attachment" in xlsx.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "有组织转移人次" in strings and "其中脱贫人口" in strings
    assert "<v>3</v>" in sheet


def test_a_year_outside_the_range_is_the_bad_request_page(site: Site) -> None:
    answer = site.signed_in().client.get("/dashboard?year=1900")
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")


def test_the_dashboard_needs_a_role_that_reads_case_records(site: Site) -> None:
    assert site.signed_in("admin.one").client.get("/dashboard").status_code == 403
    stranger = site.browser().client.get("/dashboard", follow_redirects=False)
    assert stranger.status_code == 303
    assert stranger.headers["location"].startswith("/sign-in")
