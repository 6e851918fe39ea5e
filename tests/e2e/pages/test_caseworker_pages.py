"""A caseworker's day over HTTP: register, step through a journey, safe edits."""

from __future__ import annotations

import re
import time
from uuid import UUID

from domain.actor import Role
from tests.e2e.pages.conftest import Site
from tests.support.factories import id_number
from tests.support.pages import Browser, hidden_fields

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def registration(**overrides: str) -> dict[str, str]:
    fields = {
        "name": "冉光明",
        "id_number": id_number(),
        "mobile": "138 0013 8000",
        "hukou_division": "500237",
        "hukou_township": "骡坪镇",
        "poverty_status": "lifted_out_of_poverty",
        "education": "junior_secondary",
        "consent": "true",
        "occurred_on": "2026-03-02",
    }
    fields.update(overrides)
    return fields


def worker_of(answer_location: str) -> UUID:
    found = re.match(r"/workers/([0-9a-f-]{36})", answer_location)
    assert found, answer_location
    return UUID(found.group(1))


def register(browser: Browser, **overrides: str) -> UUID:
    answer = browser.submit("/workers/new", registration(**overrides))
    assert answer.status_code == 303, answer.text
    return worker_of(answer.headers["location"])


def step(
    browser: Browser, worker: UUID, command: str, fields: dict[str, str], record: UUID | None = None
):  # type: ignore[no-untyped-def]
    path = f"/workers/{worker}/steps/{command}" + (f"?record={record}" if record else "")
    return browser.submit(path, fields)


def test_a_worker_registered_with_a_full_width_id_number_gets_a_page_with_it_masked(
    site: Site,
) -> None:
    browser = site.signed_in()
    number = id_number()
    answer = browser.submit("/workers/new", registration(id_number=number.translate(FULL_WIDTH)))
    assert answer.status_code == 303
    page = browser.client.get(answer.headers["location"])
    assert page.status_code == 200
    assert f"{number[:6]}********{number[-4:]}" in page.text
    assert number not in page.text
    assert "已登记。" in page.text
    assert "138****8000" in page.text


def test_bad_registration_input_is_shown_next_to_each_field_in_chinese_and_kept(site: Site) -> None:
    browser = site.signed_in()
    answer = browser.submit("/workers/new", registration(mobile="12", name=""))
    assert answer.status_code == 422
    assert "有 2 处需要修改" in answer.text
    assert 'href="#f-mobile"' in answer.text
    assert "姓名：必填" in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert 'value="12"' in answer.text  # the input is kept
    wrong_check = browser.submit("/workers/new", registration(id_number="500237198503011230"))
    assert wrong_check.status_code == 422
    assert 'href="#f-id-number"' in wrong_check.text
    assert "500237198503011230" in wrong_check.text  # kept in its field, for correcting
    site.api.project()
    assert site.api.get("/workers").json()["items"] == []


def test_registration_errors_are_in_english_on_an_english_page(site: Site) -> None:
    browser = site.signed_in()
    browser.client.get("/language?to=en&back=/workers/new")
    answer = browser.submit("/workers/new", registration(mobile="12"))
    assert answer.status_code == 422
    assert "There are 1 things to fix" in answer.text or "things to fix" in answer.text


def test_registering_the_same_person_again_leads_to_the_existing_worker(site: Site) -> None:
    browser = site.signed_in()
    number = id_number()
    first = register(browser, id_number=number)
    again = browser.submit("/workers/new", registration(id_number=number, name="冉光"))
    assert again.status_code == 303
    assert worker_of(again.headers["location"]) == first
    assert "already_registered" in again.headers["location"]


def test_a_form_sent_twice_records_once(site: Site) -> None:
    browser = site.signed_in()
    page = browser.client.get("/workers/new")
    fields = hidden_fields(page.text) | registration()
    first = browser.send("/workers/new", fields)
    second = browser.send("/workers/new", fields)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    site.api.project()
    assert len(site.api.get("/workers").json()["items"]) == 1


def test_a_form_without_its_csrf_token_changes_nothing(site: Site) -> None:
    browser = site.signed_in()
    page = browser.client.get("/workers/new")
    fields = hidden_fields(page.text) | registration()
    fields["csrf_token"] = "forged"
    answer = browser.send("/workers/new", fields)
    assert answer.status_code == 403
    assert "表单已失效" in answer.text
    site.api.project()
    assert site.api.get("/workers").json()["items"] == []


def test_a_transfer_arranged_departed_and_arrived_then_a_month_confirmed(site: Site) -> None:
    browser = site.signed_in()
    worker = register(browser)
    arranged = step(browser, worker, "arrange_transfer", {
        "destination": "370613", "channel": "labour_office", "planned_on": "2026-03-10",
        "occurred_on": "2026-03-03"})  # fmt: skip
    assert arranged.status_code == 303, arranged.text
    page = browser.client.get(arranged.headers["location"])
    transfer = UUID(
        re.search(r"steps/record_departure\?record=([0-9a-f-]{36})", page.text).group(1)
    )  # type: ignore[union-attr]
    assert "record_arrival" not in page.text  # not offered before departure
    departed = step(
        browser,
        worker,
        "record_departure",
        {"mode": "chartered_bus", "occurred_on": "2026-03-10"},
        transfer,
    )
    assert departed.status_code == 303, departed.text
    arrived = step(browser, worker, "record_arrival", {"occurred_on": "2026-03-12"}, transfer)
    assert arrived.status_code == 303, arrived.text
    placed = step(browser, worker, "start_placement", {
        "transfer_id": str(transfer), "employer_name": "烟台某食品有限公司",
        "employer_code": "91370613MA3C1B2X40", "workplace_division": "370613", "position": "包装工",
        "monthly_wage": "4500", "contract_type": "fixed_term", "kind": "cross_province",
        "start_date": "2026-03-13", "occurred_on": "2026-03-13"})  # fmt: skip
    assert placed.status_code == 303, placed.text
    page = browser.client.get(placed.headers["location"])
    placement = UUID(re.search(r"steps/confirm_month\?record=([0-9a-f-]{36})", page.text).group(1))  # type: ignore[union-attr]
    confirmed = step(
        browser,
        worker,
        "confirm_month",
        {"month": "2026-04", "evidence": "payroll", "occurred_on": "2026-05-02"},
        placement,
    )
    assert confirmed.status_code == 303, confirmed.text
    page = browser.client.get(confirmed.headers["location"])
    assert "已确认在岗月份" in page.text
    assert "2026年4月" in page.text
    assert page.text.count('class="timeline"') == 1
    for words in ("到岗", "出发"):
        assert words in page.text


def test_a_stale_form_shows_what_changed_and_records_only_when_sent_again(site: Site) -> None:
    browser = site.signed_in()
    worker = register(browser)
    path = f"/workers/{worker}/steps/change_contact"
    form = browser.client.get(path)
    other = site.signed_in()
    assert step(other, worker, "change_contact", {"mobile": "13900001111"}).status_code == 303
    stale = browser.send(path, hidden_fields(form.text) | {"mobile": "13700002222"})
    assert stale.status_code == 409
    assert "刚被他人修改过" in stale.text
    assert 'value="13700002222"' in stale.text  # the entry is kept
    assert site.api.get(f"/workers/{worker}").json()["mobile"] == "13900001111"
    again = browser.send(path, hidden_fields(stale.text) | {"mobile": "13700002222"})
    assert again.status_code == 303
    assert site.api.get(f"/workers/{worker}").json()["mobile"] == "13700002222"


def test_revealing_the_id_number_needs_a_reason_and_is_recorded(site: Site) -> None:
    browser = site.signed_in()
    number = id_number()
    worker = register(browser, id_number=number)
    page = browser.client.get(f"/workers/{worker}")
    csrf = hidden_fields(page.text)["csrf_token"]
    refused = browser.send(f"/workers/{worker}/id-number", {"csrf_token": csrf, "reason": ""})
    assert refused.status_code == 422
    assert number not in refused.text
    shown = browser.send(f"/workers/{worker}/id-number", {"csrf_token": csrf, "reason": "核对社保"})
    assert shown.status_code == 200
    assert number in shown.text
    assert shown.headers["cache-control"] == "no-store"
    site.api.project()
    trail = site.api.get("/audit/events", role=Role.AUDITOR).json()
    assert any(e["event_type"].startswith("Disclosure") for e in trail["events"])


def test_a_deactivated_worker_is_offered_only_reactivation(site: Site) -> None:
    browser = site.signed_in()
    worker = register(browser)
    done = step(browser, worker, "deactivate_worker", {"reason": "迁出本县"})
    assert done.status_code == 303
    page = browser.client.get(done.headers["location"])
    assert f"/workers/{worker}/steps/reactivate_worker" in page.text
    assert "steps/arrange_transfer" not in page.text


def test_a_step_on_another_worker_s_record_is_not_found(site: Site) -> None:
    browser = site.signed_in()
    first, second = register(browser), register(browser)
    arranged = step(browser, first, "arrange_transfer", {
        "destination": "370613", "channel": "labour_office", "planned_on": "2026-03-10",
        "occurred_on": "2026-03-03"})  # fmt: skip
    page = browser.client.get(arranged.headers["location"])
    transfer = re.search(r"record=([0-9a-f-]{36})", page.text).group(1)  # type: ignore[union-attr]
    assert (
        browser.client.get(
            f"/workers/{second}/steps/record_departure?record={transfer}"
        ).status_code
        == 404
    )


def test_a_mediator_reads_the_worker_page_but_is_offered_no_caseworker_step(site: Site) -> None:
    worker = register(site.signed_in())
    page = site.signed_in("wang.fang").client.get(f"/workers/{worker}")
    assert page.status_code == 200
    assert "steps/arrange_transfer" not in page.text
    assert "steps/open_dispute" in page.text


def _arrived_with_subsidy(site: Site, browser: Browser, worker: UUID) -> UUID:
    """The worker sent on an organised transfer that arrived: the transport subsidy it earns."""
    api = site.api
    transfer = api.post("/transfers", {
        "worker_id": str(worker), "destination": "370613", "channel": "labour_office",
        "planned_on": "2026-03-10", "occurred_on": "2026-03-03"}).json()["id"]  # fmt: skip
    api.post(f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": "2026-03-10"})
    api.post(f"/transfers/{transfer}/arrival", {"occurred_on": "2026-03-12"})
    return _subsidy_on_page(site, browser, worker)


def _subsidy_on_page(site: Site, browser: Browser, worker: UUID) -> UUID:
    """The worker's transport subsidy, once the service's policy process has
    assessed it (it runs beside the projector, as in production)."""
    for _ in range(200):
        page = browser.client.get(f"/workers/{worker}")
        found = re.search(r"steps/approve_subsidy\?record=([0-9a-f-]{36})", page.text)
        if found:
            break
        time.sleep(0.05)
    assert found, "no subsidy to approve"
    assert "交通生活补贴" in page.text and "按政策" in page.text  # with its explanation
    return UUID(found.group(1))


def test_a_subsidy_is_approved_then_paid_with_a_reference(site: Site) -> None:
    browser = site.signed_in()
    worker = register(browser)
    api = site.api
    subsidy = _arrived_with_subsidy(site, browser, worker)

    approved = step(browser, worker, "approve_subsidy", {}, subsidy)  # today
    assert approved.status_code == 303, approved.text
    page = browser.client.get(approved.headers["location"])
    assert f"steps/pay_subsidy?record={subsidy}" in page.text
    assert f"steps/approve_subsidy?record={subsidy}" not in page.text

    refused = step(browser, worker, "pay_subsidy", {"payment_reference": ""}, subsidy)
    assert refused.status_code == 422
    assert "必填" in refused.text
    paid = step(browser, worker, "pay_subsidy", {"payment_reference": "巫山财 2026-0312"}, subsidy)
    assert paid.status_code == 303, paid.text
    assert api.get(f"/subsidies/{subsidy}").json()["status"] == "paid"
    page = browser.client.get(paid.headers["location"])
    assert f"steps/pay_subsidy?record={subsidy}" not in page.text  # paid once


def test_a_subsidy_is_rejected_with_a_reason(site: Site) -> None:
    browser = site.signed_in()
    worker = register(browser)
    api = site.api
    subsidy = _arrived_with_subsidy(site, browser, worker)
    rejected = step(browser, worker, "reject_subsidy", {"reason": "已在原籍领取"}, subsidy)
    assert rejected.status_code == 303, rejected.text
    assert api.get(f"/subsidies/{subsidy}").json()["status"] == "rejected"
