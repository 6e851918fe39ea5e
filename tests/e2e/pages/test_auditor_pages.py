"""The auditor's workbench over HTTP, on SQLite and PostgreSQL: the trail with
its filters, paging and downloads; time travel then vs now; verify now after a
row was tampered with; exports recorded in the trail; disclosures; 403 for others."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from csv import reader
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from application.clock import SHANGHAI
from application.commands import RecordJobIntention
from domain.actor import Actor, Role
from domain.ledger_entry import LedgerEntry
from infrastructure.integrity_audit import events_table
from interfaces.web import audit_views
from tests.e2e.pages.conftest import Site
from tests.support.pages import Browser, hidden_fields

AUDITOR = "zhao.min"
LEDGER = LedgerEntry(ledger_sha256="3f2a9c1d" + "0" * 56, sheet="劳务输出台账", row=12)


def _until(check: Callable[[], Any], seconds: float = 15) -> Any:
    """Poll until the projector has caught up (the pages read the read models)."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _trail(browser: Browser, **params: str) -> str:
    page = browser.client.get("/audit", params=params)
    assert page.status_code == 200, page.text
    return str(page.text)


def test_the_trail_filters_pages_and_downloads_what_it_shows(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers = [site.api.register(name=f"谭{chr(0x4E00 + i)}").json()["id"] for i in range(3)]
    auditor = site.signed_in(AUDITOR)
    assert _until(lambda: workers[-1] in _trail(auditor, kind="worker"))
    page = _trail(auditor, kind="worker", actor="caseworker.user")
    assert all(f'href="/audit/records/{w}"' in page for w in workers)
    assert "Worker.Registered" in page and "经办人员" in page
    assert workers[0] not in _trail(auditor, kind="transfer")
    assert workers[0] not in _trail(auditor, office="370613")
    assert workers[0] in _trail(auditor, office="500237", type="Worker.Registered")
    today = datetime.now(SHANGHAI).date()
    assert workers[0] in _trail(auditor, **{"from": str(today), "to": str(today)})
    tomorrow = str(today + timedelta(days=1))
    assert workers[0] not in _trail(auditor, **{"from": tomorrow})

    # Paging by log position keeps the filters in the "next page" link.
    many = [site.api.register(name=f"冉{chr(0x4E00 + i)}").json()["id"] for i in range(100)]
    assert _until(lambda: many[-1] in _trail(auditor, kind="worker", after="100"))
    first = _trail(auditor, kind="worker")
    link = re.search(r'href="(/audit\?[^"]*after=(\d+))"', first)
    assert link is not None and "kind=worker" in link.group(1)
    second = auditor.client.get(link.group(1).replace("&amp;", "&")).text
    assert many[-1] in second and many[-1] not in first

    csv = auditor.client.get("/audit.csv", params={"kind": "worker"})
    assert csv.content.startswith("\ufeff".encode())
    lines = csv.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].startswith("日志位置,记录时间（北京时间）,操作人")
    assert len(lines) == 1 + 103 and all(",劳动力," in line for line in lines[1:])
    english = auditor.client.get("/audit.csv", params={"kind": "worker"}, cookies={"lb_lang": "en"})
    assert english.content.decode("utf-8-sig").startswith("Position,")
    xlsx = auditor.client.get("/audit.xlsx", params={"kind": "worker"})
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        assert "事件类型" in book.read("xl/sharedStrings.xml").decode()

    # A filter holding more than a download's cap: the page says so, the file holds the cap.
    assert "下载文件只含前" not in _trail(auditor, kind="worker")
    monkeypatch.setattr(audit_views, "MAX_DOWNLOAD_ROWS", 40)
    assert "结果超过 40 行，下载文件只含前 40 行" in _trail(auditor, kind="worker")
    capped = auditor.client.get("/audit.csv", params={"kind": "worker"})
    assert len(capped.content.decode("utf-8-sig").strip().split("\r\n")) == 1 + 40


def test_bad_filters_answer_errors_next_to_the_field(site: Site) -> None:
    auditor = site.signed_in(AUDITOR)
    page = auditor.client.get("/audit", params={"from": "2026-13-40", "kind": "planet"})
    assert page.status_code == 422
    assert "请填写有效日期" in page.text and "没有这种类别" in page.text
    backwards = auditor.client.get("/audit", params={"from": "2026-03-05", "to": "2026-03-01"})
    assert backwards.status_code == 422 and "截止日期不能早于起始日期" in backwards.text
    assert auditor.client.get("/audit.csv", params={"to": "nonsense"}).status_code == 422


def test_the_trail_flags_late_and_imported_facts_and_filters_by_them(site: Site) -> None:
    today = datetime.now(SHANGHAI).date()
    late = site.api.register(name="谭补录", occurred_on=str(today - timedelta(days=60)))
    on_time = site.api.register(name="谭今日", occurred_on=str(today)).json()["id"]
    importer = Actor("caseworker.user", Role.CASEWORKER, "500237").importing(LEDGER)
    journey = site.api.client.app.state.journey  # type: ignore[attr-defined]
    journey.record_job_intention(
        RecordJobIntention(actor=importer, worker_id=UUID(on_time), destination="370613")
    )
    auditor = site.signed_in(AUDITOR)
    assert _until(lambda: "JobIntentionRecorded" in _trail(auditor, kind="worker"))

    flagged = _trail(auditor, kind="worker", entered_late="true")
    imported = _trail(auditor, imported="true")
    both = _trail(auditor, entered_late="true", imported="true")

    assert late.json()["id"] in flagged and on_time not in flagged
    assert "补录：晚 60 天" in flagged and 'name="entered_late" value="true" checked' in flagged
    assert imported.count('<td class="num">') == 1 and "Worker.JobIntentionRecorded" in imported
    assert "导入：台账第 12 行 · 3f2a9c1d" in imported and LEDGER.ledger_sha256 in imported
    assert "没有符合条件的事件" in both  # imported today: not late
    english = auditor.client.get(
        "/audit", params={"entered_late": "true"}, cookies={"lb_lang": "en"}
    )
    assert "entered 60 days late" in english.text and "Entered late only" in english.text
    assert "补录：晚 60 天" in auditor.client.get(f"/workers/{late.json()['id']}").text

    header, row = _csv_rows(auditor.client.get("/audit.csv", params={"imported": "true"}))
    assert header[-2:] == ["补录", "导入"]
    assert row[-2:] == ["", f"台账 {LEDGER.ledger_sha256}，工作表「劳务输出台账」第 12 行"]
    _, *late_rows = _csv_rows(auditor.client.get("/audit.csv", params={"entered_late": "true"}))
    assert late_rows and all(int(r[-2]) > 30 for r in late_rows)


def _csv_rows(download: Any) -> list[list[str]]:
    return list(reader(io.StringIO(download.content.decode("utf-8-sig"))))


def test_a_flag_filter_that_is_neither_checked_nor_false_is_refused_next_to_it(
    site: Site,
) -> None:
    auditor = site.signed_in(AUDITOR)

    page = auditor.client.get("/audit", params={"entered_late": "maybe", "imported": "true"})

    assert page.status_code == 422 and page.text.count("只可为 true 或 false") == 1
    assert 'id="f-entered_late" name="entered_late" value="true" aria-invalid="true"' in page.text
    assert auditor.client.get("/audit.csv", params={"imported": "perhaps"}).status_code == 422


def test_time_travel_shows_then_beside_now(site: Site) -> None:
    worker = site.api.register(name="向红梅").json()["id"]
    time.sleep(1.1)
    noted = datetime.now(SHANGHAI)
    time.sleep(1.1)
    changed = site.api.post(f"/workers/{worker}/contact", {"mobile": "13900001111"})
    assert changed.status_code == 200, changed.text
    auditor = site.signed_in(AUDITOR)
    assert _until(lambda: "ContactChanged" in _trail(auditor, kind="worker"))
    at = {"date": noted.date().isoformat(), "time": noted.strftime("%H:%M:%S")}
    page = auditor.client.get(f"/audit/records/{worker}", params=at)
    assert page.status_code == 200, page.text
    assert "当时为第 1 版，现在为第 2 版" in page.text
    mobile_row = re.search(
        r'<tr class="changed">\s*<th scope="row" class="mono">mobile</th>', page.text
    )
    assert mobile_row is not None and "≠ 已变化" in page.text
    by_version = auditor.client.get(f"/audit/records/{worker}", params={"version": "1"})
    assert "当时为第 1 版" in by_version.text

    journey = auditor.client.get(f"/audit/workers/{worker}", params=at)
    assert journey.status_code == 200 and "≠ 已变化" in journey.text
    assert f'href="/audit/workers/{worker}"' in auditor.client.get(f"/workers/{worker}").text
    assert "/audit/workers/" not in site.signed_in().client.get(f"/workers/{worker}").text

    before = {"date": "2020-01-01", "time": "08:00"}
    early = auditor.client.get(f"/audit/workers/{worker}", params=before)
    assert early.status_code == 200 and "该时刻尚无此记录" in early.text
    bad = auditor.client.get(
        f"/audit/records/{worker}", params={"date": "2026-02-30", "time": "25:99"}
    )
    assert bad.status_code == 422 and "请填写有效日期" in bad.text and "请填写有效时间" in bad.text
    both = auditor.client.get(
        f"/audit/records/{worker}", params={"date": "2026-01-01", "version": "1"}
    )
    assert both.status_code == 422 and "请只填写时刻或版本之一" in both.text
    assert auditor.client.get("/audit/records/not-a-uuid").status_code in (404, 422)


def _verified(auditor: Browser) -> str:
    def done() -> str | None:
        page = str(auditor.client.get("/audit/integrity").text)
        return None if 'http-equiv="refresh"' in page else page

    page = _until(done, 30)
    assert page, "the verification did not finish"
    return str(page)


def test_verify_now_finds_where_the_log_was_tampered_with(site: Site) -> None:
    workers = [site.api.register(name=f"冯{chr(0x4E00 + i)}").json()["id"] for i in range(3)]
    auditor = site.signed_in(AUDITOR)
    assert _until(lambda: workers[-1] in _trail(auditor))
    page = auditor.client.get("/audit/integrity").text
    assert "尚未进行过校验" in page and "检查点公钥" in page and "开发用密钥" in page
    fields = hidden_fields(page)
    assert auditor.send("/audit/integrity", {}).status_code == 403  # no CSRF token
    assert auditor.send("/audit/integrity", fields).status_code == 303
    assert "日志完整" in _verified(auditor)

    state = site.api.client.app.state  # type: ignore[attr-defined]
    table, column = (
        events_table(state.journey),
        "notification_id" if state.db.is_postgres else "rowid",
    )
    with state.db.transaction() as cursor:
        cursor.execute(f"UPDATE {table} SET state = %s WHERE {column} = %s", (b"forged", 2))
    assert auditor.send("/audit/integrity", fields).status_code == 303
    verdict = _verified(auditor)
    assert "日志已被改动" in verdict and "第一处不一致：日志位置 2" in verdict
    assert 'href="/audit?after=1"' in verdict


def test_an_export_is_recorded_then_listed_and_in_the_trail(site: Site) -> None:
    site.api.register(name="黄小琴")
    auditor = site.signed_in(AUDITOR)
    form = auditor.client.get("/audit/exports").text
    fields = hidden_fields(form)
    bad = auditor.send("/audit/exports", fields | {"from": "2026-03-05", "to": "2026-03-01"})
    assert bad.status_code == 422 and "截止日期不能早于起始日期" in bad.text
    today = datetime.now(SHANGHAI).date().isoformat()
    got = auditor.send("/audit/exports", fields | {"from": today, "to": today, "format": "csv"})
    assert got.status_code == 200 and got.content.startswith("\ufeff".encode())
    assert "attachment" in got.headers["content-disposition"]
    xlsx = auditor.send("/audit/exports", fields | {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    assert _until(lambda: "AuditExport.Exported" in _trail(auditor, kind="audit_export"))
    assert _until(lambda: "审计页面" in auditor.client.get("/audit/exports").text)
    listed = auditor.client.get("/audit/exports").text
    assert "xlsx" in listed and "csv" in listed and "zhao.min" in listed


def test_disclosures_say_who_was_shown_what_and_why(site: Site) -> None:
    worker = site.api.register(name="陈秀英").json()["id"]
    reason = "核对社保参保信息"
    shown = site.api.post(f"/workers/{worker}/id-number-reveal", {"reason": reason})
    assert shown.status_code == 200, shown.text
    auditor = site.signed_in(AUDITOR)
    assert _until(lambda: reason in auditor.client.get("/audit/disclosures").text)
    page = auditor.client.get("/audit/disclosures", params={"kind": "id_number"}).text
    assert "完整身份证号码" in page and f'href="/audit/workers/{worker}"' in page
    assert (
        reason
        not in auditor.client.get("/audit/disclosures", params={"kind": "dispute_case_notes"}).text
    )
    assert "证据文件" in page  # the kind is offered as a filter already
    csv = auditor.client.get("/audit/disclosures.csv", params={"kind": "id_number"})
    lines = csv.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0].startswith("记录时间（北京时间）,操作人") and reason in lines[1]
    assert "陈秀英" not in csv.content.decode("utf-8-sig")  # no name, no ID number


def test_other_roles_get_the_403_page(site: Site) -> None:
    worker = site.api.register(name="周明").json()["id"]
    for user in ("li.ming", "wang.fang", "admin.one"):
        browser = site.signed_in(user)
        pages = ["/audit", "/audit.csv", "/audit/integrity", "/audit/exports", "/audit/disclosures"]
        for path in [*pages, f"/audit/workers/{worker}", f"/audit/records/{worker}"]:
            page = browser.client.get(path)
            assert page.status_code == 403, (user, path)
            assert "<html" in page.text
    assert Role.AUDITOR.value == "auditor"
