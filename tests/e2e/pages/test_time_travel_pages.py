"""The auditor's time-travel pages over HTTP, on SQLite and PostgreSQL: the
choice of basis — recorded time (as known then) or business date (as known
now) — for a worker whose past was entered today."""

from __future__ import annotations

from interfaces.web.languages import LANGUAGE_COOKIE
from tests.e2e.pages.conftest import Site
from tests.support.factories import registration_body

AUDITOR = "zhao.min"


def entered_today_about_2024(site: Site) -> str:
    """Registered on 2024-01-10, a skill of 2024-06-01: both entered today."""
    response = site.api.post("/workers", registration_body(occurred_on="2024-01-10"))
    assert response.status_code == 201, response.text
    worker: str = response.json()["id"]
    added = site.api.post(
        f"/workers/{worker}/skills", {"skills": ["电焊"], "occurred_on": "2024-06-01"}
    )
    assert added.status_code == 200, added.text
    return worker


def test_the_form_offers_both_bases_and_recorded_time_is_the_default(site: Site) -> None:
    worker = entered_today_about_2024(site)
    auditor = site.signed_in(AUDITOR)

    page = auditor.client.get(f"/audit/records/{worker}").text
    auditor.client.cookies.set(LANGUAGE_COOKIE, "en")
    english = auditor.client.get(f"/audit/records/{worker}").text

    assert '<select id="f-basis" name="basis">' in page
    assert '<option value="recorded" selected>按登记时间（当时所知）</option>' in page
    assert '<option value="business">按业务日期（现在所知）</option>' in page
    assert '<option value="business">Business date (as known now)</option>' in english


def test_by_business_date_the_record_shows_the_facts_dated_by_the_day(site: Site) -> None:
    worker = entered_today_about_2024(site)
    auditor = site.signed_in(AUDITOR)
    march = {"date": "2024-03-01", "basis": "business"}

    record = auditor.client.get(f"/audit/records/{worker}", params=march)
    by_recorded_time = auditor.client.get(f"/audit/records/{worker}", params={"date": "2024-03-01"})
    journey = auditor.client.get(f"/audit/workers/{worker}", params=march)

    assert record.status_code == 200, record.text
    assert "左栏为业务日期在 2024年3月1日 当日及以前的事实" in record.text
    assert "当时为第 1 版，现在为第 2 版" in record.text  # the skill of June not yet
    assert '<option value="business" selected>' in record.text
    assert '<td>2024-01-10</td><td class="mono">Worker.Registered</td>' in record.text
    assert "该时刻尚无此记录" in by_recorded_time.text  # nothing was recorded in 2024
    assert journey.status_code == 200, journey.text
    assert "左栏为业务日期在 2024年3月1日 当日及以前的事实" in journey.text


def test_by_business_date_before_the_first_fact_or_without_a_date_says_so(site: Site) -> None:
    worker = entered_today_about_2024(site)
    auditor = site.signed_in(AUDITOR)

    early = auditor.client.get(
        f"/audit/records/{worker}", params={"date": "2024-01-09", "basis": "business"}
    )
    no_date = auditor.client.get(
        f"/audit/records/{worker}", params={"version": "1", "basis": "business"}
    )

    assert early.status_code == 200 and "这条记录还没有发生任何事实" in early.text
    assert no_date.status_code == 422 and "按业务日期回溯请填写日期" in no_date.text
