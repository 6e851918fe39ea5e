"""The mediator's workbench over HTTP: the dispute register (order, filters,
totals, downloads), a dispute's page and its steps, and evidence files."""

from __future__ import annotations

import csv
import io
import re
import time
from typing import Any
from uuid import UUID

import httpx

from domain.actor import Role
from tests.e2e.dispute_bodies import open_dispute
from tests.e2e.pages.conftest import Site
from tests.support.offices import EVERYONE
from tests.support.pages import Browser, hidden_fields

MEDIATOR = "wang.fang"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def wait_for(check: Any, seconds: float = 10.0) -> Any:
    """The pages' read models follow the log; poll what the API wrote."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def disclosures(site: Site, kind: str) -> list[dict[str, Any]]:
    answer = site.api.get("/audit/events", Role.AUDITOR, type="Disclosure.Recorded")
    assert answer.status_code == 200, answer.text
    journey = site.api.client.app.state.journey
    found = [
        journey.disclosure_details(UUID(e["aggregate_id"]), EVERYONE)
        for e in answer.json()["events"]
    ]
    return [d for d in found if d.kind == kind]


def on_register(browser: Browser, dispute_id: str, **query: str) -> str:
    def shown() -> str | None:
        page = browser.client.get("/disputes", params=query)
        assert page.status_code == 200, page.text
        return page.text if dispute_id in page.text else None

    text = wait_for(shown)
    assert text, "the dispute never reached the register"
    return str(text)


def step(browser: Browser, dispute_id: str, command: str, fields: dict[str, str]) -> httpx.Response:
    return browser.submit(f"/disputes/{dispute_id}/steps/{command}", fields)


def upload(
    browser: Browser, dispute_id: str, content: bytes, name: str = "工资条.pdf", **fields: str
) -> httpx.Response:
    page = browser.client.get(f"/disputes/{dispute_id}/evidence-files/new")
    assert page.status_code == 200, page.text
    data = hidden_fields(page.text) | {"description": "2025 年 10–12 月工资条"} | fields
    return browser.client.post(
        f"/disputes/{dispute_id}/evidence-files",
        data=data,
        files={"file": (name, content, "application/pdf")},
        follow_redirects=False,
    )


def dispute(site: Site, dispute_id: str) -> dict[str, Any]:
    answer = site.api.get(f"/disputes/{dispute_id}", Role.MEDIATOR)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def stored_files(site: Site) -> list[tuple[str, bytes]]:
    with site.api.client.app.state.db.transaction(write=False) as sql:
        sql.execute("SELECT sha256, content FROM evidence_files")
        return [(str(s), bytes(c)) for s, c in sql.fetchall()]


def test_the_register_puts_overdue_disputes_on_top_with_days_late_and_totals(site: Site) -> None:
    late = open_dispute(site.api, amount_claimed="18600.00")
    settled = open_dispute(site.api, employer_name="烟台海滨制衣厂", amount_claimed="5000.00")
    for path, body in (
        ("/mediator", {}),
        ("/settlement", {"amount_agreed": "4000.00", "amount_recovered": "1000.00"}),
    ):
        answer = site.api.post(f"/disputes/{settled}{path}", body, role=Role.MEDIATOR)
        assert answer.status_code == 200, answer.text
    browser = site.signed_in(MEDIATOR)

    def both() -> str | None:
        page = browser.client.get("/disputes").text
        return page if late in page and settled in page and "已达成协议" in page else None

    page = wait_for(both)
    assert page
    assert page.index(late) < page.index(settled)  # overdue first, settled last
    assert re.search(r"超期 \d+ 天", page)
    assert "共 2 件" in page and "23,600.00" in page  # claimed over the filter

    only = on_register(browser, settled, employer="海滨")
    assert late not in only and "共 1 件" in only
    by_status = on_register(browser, late, status="opened")
    assert settled not in by_status


def test_the_register_downloads_with_the_filter_and_chinese_headers(site: Site) -> None:
    dispute_id = open_dispute(site.api, kind="work_injury")
    open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    on_register(browser, dispute_id, kind="work_injury")

    answer = browser.client.get("/disputes.csv", params={"kind": "work_injury"})
    assert answer.status_code == 200
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["劳动者", "用人单位", "争议类别"]
    assert len(rows) == 2 and rows[1][2] == "工伤"
    office = rows[1][-1]  # the worker's registering office
    assert wait_for(
        lambda: "共 2 件" in browser.client.get("/disputes", params={"office": office}).text
    )
    elsewhere = browser.client.get("/disputes.csv", params={"office": "110101"})
    assert len(list(csv.reader(io.StringIO(elsewhere.content.decode("utf-8-sig"))))) == 1

    xlsx = browser.client.get("/disputes.xlsx", params={"kind": "work_injury"})
    assert xlsx.status_code == 200
    assert xlsx.content.startswith(b"PK")
    assert "spreadsheetml" in xlsx.headers["content-type"]


def test_a_mediator_takes_a_dispute_on_records_a_session_settles_closes_and_reopens(
    site: Site,
) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    page = browser.client.get(f"/disputes/{dispute_id}")
    assert page.status_code == 200
    assert "承办此案" in page.text and "结案" in page.text
    assert "记录调解协议" not in page.text  # not offered before mediation

    assert step(browser, dispute_id, "assign_mediator", {}).status_code == 303
    assert dispute(site, dispute_id)["mediator"] == MEDIATOR
    answer = step(
        browser,
        dispute_id,
        "record_dispute_session",
        {
            "attendees": "冉光明\n企业人事主管 张伟",
            "summary": "企业同意分两期支付",
            "occurred_on": "2026-01-08",
        },
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].startswith(f"/disputes/{dispute_id}?done=")
    shown = browser.client.get(answer.headers["location"]).text
    assert "企业同意分两期支付" in shown and "已记录调解。" in shown

    assert (
        step(
            browser,
            dispute_id,
            "settle_dispute",
            {"amount_agreed": "18600", "amount_recovered": "9300"},
        ).status_code
        == 303
    )
    assert step(browser, dispute_id, "close_dispute", {"outcome": "settled"}).status_code == 303
    assert dispute(site, dispute_id)["status"] == "closed"
    assert (
        step(
            browser, dispute_id, "reopen_dispute", {"reason": "企业未按协议支付第二期"}
        ).status_code
        == 303
    )
    assert dispute(site, dispute_id)["status"] == "in_mediation"


def test_a_refused_step_answers_its_form_with_the_error_next_to_the_field(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    assert step(browser, dispute_id, "assign_mediator", {}).status_code == 303
    before = dispute(site, dispute_id)["version"]

    answer = step(
        browser, dispute_id, "settle_dispute", {"amount_agreed": "100", "amount_recovered": "900"}
    )

    assert answer.status_code == 422
    assert 'id="f-amount-recovered-error"' in answer.text
    assert dispute(site, dispute_id)["version"] == before


def test_a_stale_step_answers_409_with_what_changed(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    form = browser.client.get(f"/disputes/{dispute_id}/steps/escalate_dispute")
    site.api.post(f"/disputes/{dispute_id}/mediator", {}, role=Role.MEDIATOR)

    fields = hidden_fields(form.text) | {"to": "labour_arbitration", "reason": "企业拒绝调解"}
    answer = browser.send(f"/disputes/{dispute_id}/steps/escalate_dispute", fields)

    assert answer.status_code == 409
    assert "承办调解员" in answer.text  # what happened since the form was made
    assert dispute(site, dispute_id)["status"] == "in_mediation"


def test_the_same_file_uploaded_twice_is_stored_once_and_is_one_piece_of_evidence(
    site: Site,
) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)

    first = upload(browser, dispute_id, PDF)
    second = upload(browser, dispute_id, PDF, description="同一份工资条")

    assert first.status_code == 303, first.text
    assert second.status_code == 303, second.text
    (evidence,) = dispute(site, dispute_id)["evidence"]
    assert evidence["media_type"] == "application/pdf" and evidence["size"] == len(PDF)
    ((digest, content),) = stored_files(site)
    assert digest == evidence["sha256"]
    assert PDF not in content and b"%PDF" not in content  # encrypted at rest
    page = browser.client.get(f"/disputes/{dispute_id}").text
    assert f"/disputes/{dispute_id}/evidence/{digest}" in page


def test_a_wrong_type_empty_or_too_big_file_is_refused_and_nothing_recorded(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    before = dispute(site, dispute_id)["version"]
    app = site.api.client.app
    app.state.settings = app.state.settings.model_copy(update={"evidence_max_bytes": 1024})

    for content, message in (
        (b"MZ\x90\x00 not a document", "只接受 PDF、JPEG 或 PNG 文件。"),
        (b"", "请选择要上传的文件。"),  # a browser sends no file part for an empty choice
        (PDF + b"x" * 2048, "文件超过 0 MB"),
    ):
        answer = upload(browser, dispute_id, content)
        assert answer.status_code == 422, answer.text
        assert 'id="file-error"' in answer.text and message in answer.text

    assert dispute(site, dispute_id)["version"] == before
    assert stored_files(site) == []


def test_a_description_left_out_is_refused_before_the_file_is_stored(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    answer = upload(browser, dispute_id, PNG, description="")
    assert answer.status_code == 422
    assert 'id="f-description-error"' in answer.text
    assert stored_files(site) == []


def test_viewing_a_file_records_a_disclosure_and_other_roles_are_refused(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    mediator = site.signed_in(MEDIATOR)
    assert upload(mediator, dispute_id, PNG, name="伤情照片.png").status_code == 303
    digest = dispute(site, dispute_id)["evidence"][0]["sha256"]
    path = f"/disputes/{dispute_id}/evidence/{digest}"

    for user in ("li.ming", "admin.one"):
        assert site.signed_in(user).client.get(path).status_code == 403
    assert wait_for(lambda: disclosures(site, "evidence_file"), 0.3) == []

    answer = site.signed_in("zhao.min").client.get(path)

    assert answer.status_code == 200
    assert answer.content == PNG
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-disposition"].startswith("attachment")
    (trace,) = wait_for(lambda: disclosures(site, "evidence_file"))
    assert trace.reason == f"sha256:{digest}"
    assert trace.disclosed_to.user == "zhao.min"
    assert str(trace.record_id) == dispute_id
    assert mediator.client.get(f"/disputes/{dispute_id}/evidence/{'0' * 64}").status_code == 404


def test_a_caseworker_sees_the_dispute_page_without_notes_or_steps(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    page = site.signed_in("li.ming").client.get(f"/disputes/{dispute_id}")
    assert page.status_code == 200
    assert "仅调解员和审计员可查阅" in page.text
    assert "拖欠工资 3 个月" not in page.text and "承办此案" not in page.text
    assert site.signed_in("admin.one").client.get(f"/disputes/{dispute_id}").status_code == 403


def test_an_upload_to_a_closed_dispute_is_refused_and_stores_no_file(site: Site) -> None:
    dispute_id = open_dispute(site.api)
    browser = site.signed_in(MEDIATOR)
    form = browser.client.get(f"/disputes/{dispute_id}/evidence-files/new")
    site.api.post(f"/disputes/{dispute_id}/closure", {"outcome": "withdrawn"}, role=Role.MEDIATOR)
    fields = hidden_fields(form.text) | {"description": "工资条", "version": "2"}

    answer = browser.client.post(
        f"/disputes/{dispute_id}/evidence-files",
        data=fields,
        files={"file": ("a.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )

    assert answer.status_code == 409
    assert 'class="error-summary"' in answer.text
    assert stored_files(site) == []
    assert dispute(site, dispute_id)["evidence"] == []
