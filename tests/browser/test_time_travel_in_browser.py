"""An auditor in Chromium replays a worker whose past was entered today: by
recorded time nothing was known then; by business date (按业务日期) the facts
dated by the day show beside now. axe on each page; a screenshot from the
SQLite run."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

from application import commands as c
from application.journey import Journey
from infrastructure.persistence import event_store_env
from tests.browser.conftest import Staff
from tests.conftest import TEST_SECRET, settings_for
from tests.support.browsing import accessible, photograph, sign_in
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import offices_registered
from tests.support.server import Server


def _entered_today_about_2024(server: Server) -> UUID:
    """Registered on 2024-01-10, a skill of 2024-06-01: both entered now, as an
    office digitising its ledger would."""
    settings = settings_for(server.env["LABORBRIDGE_DATABASE_URL"])
    journey = Journey(env=event_store_env(settings), identity_key=TEST_SECRET.encode())
    try:
        offices_registered(journey)
        worker_id = journey.register_worker(
            register_command(name="谭春梅", occurred_on=date(2024, 1, 10))
        ).aggregate_id
        journey.record_skills(
            c.RecordSkills(
                actor=CASEWORKER, worker_id=worker_id, skills=["电焊"], occurred_on=date(2024, 6, 1)
            )
        )
    finally:
        journey.close()
    return worker_id


def _replay(page: Any, day: str, basis: str) -> str:
    page.get_by_label("日期").fill(day)
    page.get_by_label("回溯依据").select_option(label=basis)
    page.get_by_role("button", name="回溯查看").click()
    return str(page.get_by_role("status").first.inner_text())


def test_an_auditor_replays_a_worker_by_business_date(page: Any, server: Server) -> None:
    Staff(server).create("zhao.min", "auditor", "赵敏")
    worker_id = _entered_today_about_2024(server)
    sign_in(page, "zhao.min")
    page.wait_for_url(re.compile("/audit$"))

    page.goto(f"/audit/workers/{worker_id}")
    assert page.get_by_label("回溯依据").input_value() == "recorded"
    assert "该时刻尚无此记录" in _replay(page, "2024-03-01", "按登记时间（当时所知）")
    accessible(page)

    shown = _replay(page, "2024-03-01", "按业务日期（现在所知）")
    assert "左栏为业务日期在 2024年3月1日 当日及以前的事实" in shown
    assert "basis=business" in page.url
    assert page.get_by_label("回溯依据").input_value() == "business"
    skills = page.locator("tr.changed").filter(has_text="skills")
    assert skills.count() == 1  # the skill of June 2024 is not among the facts of March
    accessible(page)
    photograph(page, server, "auditor-time-travel-business")
