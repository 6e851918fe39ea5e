"""An auditor's day in Chromium: filter the trail to late entries and imported
facts, replay a worker at a noted moment (then ≠ now), export a workbook and
find the export in the trail, then verify the log after a row was tampered with
in the database (the page says where). axe on each page; screenshots from the
SQLite run."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg

from application.clock import SHANGHAI
from application.commands import RecordJobIntention
from application.journey import Journey
from domain.actor import Actor, Role
from domain.ledger_entry import LedgerEntry
from infrastructure.persistence import event_store_env
from tests.browser.conftest import Staff
from tests.browser.test_caseworker_in_browser import register
from tests.conftest import TEST_SECRET, settings_for
from tests.support.browsing import accessible, photograph, sign_in
from tests.support.factories import id_number
from tests.support.server import Server

LEDGER = LedgerEntry(ledger_sha256="3f2a9c1d" + "0" * 56, sheet="劳务输出台账", row=12)


def _tamper(server: Server, position: int) -> None:
    """Overwrite one stored event's bytes, as someone with database access might."""
    url = server.env["LABORBRIDGE_DATABASE_URL"]
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (b"forged", position))
        return
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(
            "UPDATE laborbridge_events SET state = %s WHERE notification_id = %s",
            (b"forged", position),
        )


def _import_a_fact(server: Server, worker_id: UUID) -> None:
    """A fact as the ledger import records it: the caseworker's, stamped with a ledger row."""
    settings = settings_for(server.env["LABORBRIDGE_DATABASE_URL"])
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    importer = Actor("li.ming", Role.CASEWORKER, "500237").importing(LEDGER)
    try:
        journey.record_job_intention(
            RecordJobIntention(actor=importer, worker_id=worker_id, destination="370613")
        )
    finally:
        journey.close()


def _filter(page: Any, entered_late: bool, imported: bool) -> None:
    page.get_by_label("只看补录").set_checked(entered_late)
    page.get_by_label("只看导入").set_checked(imported)
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("heading", name="审计记录").wait_for()


def test_an_auditor_replays_verifies_and_exports(page: Any, server: Server) -> None:
    Staff(server).create("zhao.min", "auditor", "赵敏")
    sign_in(page)
    page.wait_for_url(re.compile("/workers$"))
    register(page, id_number())
    assert page.get_by_role("status").inner_text() == "已登记。"
    worker_url = page.url.split("?")[0]
    time.sleep(1.2)
    noted = datetime.now(SHANGHAI)
    time.sleep(1.2)
    page.get_by_role("link", name="更改手机号码").click()
    page.get_by_label(re.compile("^手机号码")).fill("139 0000 1111")
    page.get_by_role("button", name="保存新号码").click()
    assert page.get_by_role("status").inner_text() == "已更新手机号码。"
    page.get_by_role("button", name="退出登录").click()
    _import_a_fact(server, UUID(worker_url.rsplit("/", 1)[-1]))

    sign_in(page, "zhao.min")
    page.wait_for_url(re.compile("/audit$"))
    page.get_by_role("heading", name="审计记录").wait_for()
    imported = page.get_by_text("导入：台账第 12 行 · 3f2a9c1d")
    for _ in range(50):  # the trail is a read model: it shows the import a moment later
        if imported.count():
            break
        time.sleep(0.2)
        page.reload()
    assert imported.count() == 1
    accessible(page)
    photograph(page, server, "auditor-trail")

    # Registered on 2026-03-02, months ago: entered late; the new mobile today is not.
    _filter(page, entered_late=True, imported=False)
    assert "entered_late=true" in page.url
    rows = page.locator("tbody tr")
    assert rows.filter(has_text="Worker.Registered").count() == 1
    assert rows.filter(has_text="Worker.ContactChanged").count() == 0
    assert rows.count() == page.get_by_text(re.compile(r"^补录：晚 \d+ 天$")).count() > 0
    accessible(page)
    _filter(page, entered_late=False, imported=True)
    assert page.locator("tbody tr").count() == 1
    assert "Worker.JobIntentionRecorded" in page.locator("tbody tr").inner_text()
    _filter(page, entered_late=True, imported=True)  # imported today: not late
    page.get_by_text("没有符合条件的事件。").wait_for()

    page.goto(worker_url)
    history = page.locator("ol.timeline")
    assert history.get_by_text("导入：台账第 12 行 · 3f2a9c1d").count() == 1
    assert history.get_by_text(re.compile(r"^补录：晚 \d+ 天$")).count() >= 1
    page.get_by_role("link", name="审计回溯").click()
    page.get_by_label("日期").fill(noted.date().isoformat())
    page.get_by_label(re.compile("^时间")).fill(noted.strftime("%H:%M:%S"))
    page.get_by_role("button", name="回溯查看").click()
    assert "左栏为截至" in page.get_by_role("status").inner_text()
    changed = page.locator("tr.changed").filter(has_text="mobile")
    assert changed.count() == 1 and "已变化" in changed.inner_text()
    accessible(page)
    photograph(page, server, "auditor-time-travel")
    page.locator("table").last.get_by_role("link").first.click()  # the record's own page
    page.get_by_role("heading", name=re.compile("^记录")).wait_for()
    accessible(page)
    page.goto("/audit/disclosures")
    accessible(page)

    page.goto("/audit/exports")
    page.get_by_label("格式").select_option("xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="导出并下载").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    accessible(page)
    page.goto("/audit?kind=audit_export")
    for _ in range(50):  # the trail is a read model: it shows the export a moment later
        if page.get_by_text("AuditExport.Exported").count():
            break
        time.sleep(0.2)
        page.reload()
    assert page.get_by_text("AuditExport.Exported").count() == 1

    page.goto("/audit/integrity")
    _tamper(server, 1)
    page.get_by_role("button", name="立即校验").click()
    page.get_by_text("日志已被改动").wait_for(timeout=30_000)
    assert "第一处不一致：日志位置 1" in page.get_by_role("alert").inner_text()
    accessible(page)
    photograph(page, server, "auditor-integrity")
