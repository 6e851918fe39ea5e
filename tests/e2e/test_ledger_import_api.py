"""POST /api/v1/imports over HTTP, on SQLite and PostgreSQL: a real workbook
uploaded, followed to its end, its report downloaded; the same file again
records nothing; bad uploads are refused and change nothing."""

from __future__ import annotations

import csv
import io
import time
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest
from eventsourcing.application import AggregateNotFoundError

from application.identity import subsidy_id_for, worker_id_for
from application.ledger_facts import Move
from application.ledger_records import transfer_id_for
from domain.actor import Role
from domain.identity import ResidentIdNumber
from tests.e2e.conftest import Api
from tests.support.factories import id_number
from tests.support.hand_entries import entered_by_hand
from tests.support.offices import register_offices

HEADERS = [
    "序号",
    "姓名",
    "身份证号码",
    "联系电话",
    "乡镇",
    "人员类别",
    "文化程度",
    "输入地",
    "出发日期",
    "到达日期",
    "就业单位",
    "统一社会信用代码",
    "工种",
    "月工资",
    "入职时间",
    "在岗月份",
]


def workbook(numbers: list[str], *, bad: bool = True) -> bytes:
    """A ledger as offices keep one: a notes sheet first, a title row and a
    blank line above the header, numbers and dates in every form."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes.append(["本表由巫山县就业和人才中心填报"])
    sheet = book.create_sheet("2024年")
    sheet.append(["巫山县2024年劳务输出台账"])
    sheet.append([])
    sheet.append(HEADERS)
    for i, number in enumerate(numbers):
        sheet.append(
            [
                i + 1,
                "冉光明",
                number,
                13800138000 + i,
                "骡坪镇",
                "脱贫户",
                "初中",
                "烟台市莱山区",
                datetime(2024, 3, 1),
                "2024.3.2",
                "烟台某某电子有限公司",
                "91370600MA3C7X8K01",
                "普工",
                "5,200元",
                45356,
                "2024年3月至2024年8月",
            ]
        )
    if bad:
        sheet.append([])
        sheet.append(
            [
                99,
                "张三",
                "500237199001011235",
                "1381234",
                "骡坪镇",
                "脱贫",
                "初中",
                "烟台市",
                "2024-02-30",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(api: Api, content: bytes, role: Role = Role.CASEWORKER, **form: str) -> Any:
    return api.client.post(
        "/api/v1/imports",
        files={"file": ("台账.xlsx", content, "application/octet-stream")},
        data=form,
        headers=api.headers(role),
    )


def finished(api: Api, location: str) -> dict[str, Any]:
    for _ in range(600):
        answer = api.client.get(location, headers=api.headers())
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        if body["status"] != "running":
            return body
        time.sleep(0.05)
    raise AssertionError("the import did not finish")


@pytest.fixture
def offices(api: Api) -> Api:
    register_offices(api.client.app.state.journey, districts=True)  # type: ignore[attr-defined]
    return api


def test_a_ledger_goes_in_and_the_same_file_again_records_nothing(offices: Api) -> None:
    api = offices
    numbers = [id_number() for _ in range(4)]
    content = workbook(numbers)
    answer = upload(api, content)
    assert answer.status_code == 202, answer.text
    location = answer.headers["location"]
    assert location == f"/api/v1/imports/{answer.json()['id']}"
    body = finished(api, location)
    assert body["status"] == "finished"
    assert body["counts"]["rows"] == 5
    assert body["counts"]["recorded"] == 4
    assert body["counts"]["refused"] == 1
    assert {p["column"] for p in body["problems"]} >= {"id_number", "mobile", "departed_on"}
    assert all(p["row"] == 9 and p["sheet"] == "2024年" for p in body["problems"])
    # No personal data in the answer: the ID number and phone come masked.
    assert "500237199001011235" not in str(body) and "1381234" not in str(body)
    # The workers are there, searchable, with the ledger's dates.
    api.project()
    found = api.get("/workers", q=numbers[0][-4:]).json()
    assert found["items"], found
    again = finished(api, upload(api, content).headers["location"])
    assert (again["counts"]["recorded"], again["counts"]["unchanged"]) == (0, 4)
    assert again["counts"]["events"] == 0


def test_the_report_downloads_as_xlsx_and_csv_with_a_bom(offices: Api) -> None:
    api = offices
    body = finished(api, upload(api, workbook([id_number()])).headers["location"])
    csv_answer = api.client.get(body["links"]["report_csv"], headers=api.headers())
    assert csv_answer.status_code == 200
    assert csv_answer.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(csv_answer.content.decode("utf-8-sig"))))
    assert len(rows) >= 4  # the header and the bad row's three problems
    assert "500237199001011235" not in csv_answer.text
    xlsx_answer = api.client.get(body["links"]["report_xlsx"], headers=api.headers())
    assert xlsx_answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(xlsx_answer.content), read_only=True)
    assert book.sheetnames  # a real workbook
    assert "ledger-report-" in xlsx_answer.headers["content-disposition"]


def test_a_dry_run_writes_nothing(offices: Api) -> None:
    api = offices
    journey = api.client.app.state.journey  # type: ignore[attr-defined]
    head = journey.recorder.max_notification_id()
    body = finished(api, upload(api, workbook([id_number()]), dry_run="true").headers["location"])
    assert body["mode"] == "dry_run" and body["counts"]["recorded"] == 1
    assert journey.recorder.max_notification_id() == head


def test_bad_uploads_are_refused(offices: Api) -> None:
    api = offices
    no_file = api.client.post("/api/v1/imports", headers=api.headers())
    assert no_file.status_code == 422
    empty = upload(api, b"")
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "file"
    auditor = upload(api, workbook([id_number()]), role=Role.AUDITOR)
    assert auditor.status_code == 403
    picture = finished(api, upload(api, b"\x89PNG\r\n\x1a\n" + b"\0" * 100).headers["location"])
    assert picture["status"] == "failed" and picture["failure"]
    missing = api.client.get("/api/v1/imports/not-an-id", headers=api.headers())
    assert missing.status_code == 404


def test_the_template_downloads_and_reads_back_as_a_ledger(offices: Api) -> None:
    api = offices
    answer = api.client.get("/api/v1/imports/template.xlsx", headers=api.headers())
    assert answer.status_code == 200
    body = finished(api, upload(api, answer.content).headers["location"])
    assert body["status"] == "finished" and body["counts"]["rows"] == 0


def test_an_imported_arrival_of_2024_gives_a_subsidy_paid_as_it_was_in_2024(offices: Api) -> None:
    """The ledger's arrival is the transfer's; the policy dates the transport
    subsidy on it, and a payment made in 2024 is recorded as made in 2024."""
    api = offices
    number = id_number()
    finished(api, upload(api, workbook([number], bad=False)).headers["location"])
    api.project()
    journey = api.client.app.state.journey  # type: ignore[attr-defined]
    worker = worker_id_for(ResidentIdNumber.parse(number, today=date.today()), journey.identity_key)
    move = Move("370613", "labour_office", date(2024, 3, 1), "chartered_bus", None)
    transfer = transfer_id_for(worker, move)
    subsidy = subsidy_id_for(worker, "transport_living", f"transfer:{transfer}")
    body = api.get(f"/subsidies/{subsidy}").json()
    assert body["arose_on"] == "2024-03-02", body  # the ledger's arrival
    approved = api.post(f"/subsidies/{subsidy}/approval", {"occurred_on": "2024-03-20"})
    paid = api.post(
        f"/subsidies/{subsidy}/payment",
        {"payment_reference": "WS-2024-BT-0101", "paid_on": "2024-04-08"},
    )
    assert (approved.status_code, paid.status_code) == (200, 200), paid.text
    assert api.get(f"/subsidies/{subsidy}").json()["paid_on"] == "2024-04-08"


def test_a_transfer_entered_by_hand_is_the_ledgers_not_a_second_one(offices: Api) -> None:
    """Entered by hand first (arranged, not yet departed), then in the ledger:
    one transfer, which departs and arrives as the ledger says."""
    api = offices
    journey = api.client.app.state.journey  # type: ignore[attr-defined]
    number = id_number()
    worker, by_hand, _ = entered_by_hand(journey, number, arrived=False)
    api.project()  # the read models know the transfer as the worker's
    body = finished(api, upload(api, workbook([number], bad=False)).headers["location"])
    assert body["problems"] == [] and body["counts"]["recorded"] == 1, body
    move = Move("370613", "labour_office", date(2024, 3, 1), "chartered_bus", None)
    with pytest.raises(AggregateNotFoundError):
        journey.repository.get(transfer_id_for(worker, move))
    api.project()
    trip = api.get(f"/transfers/{by_hand}").json()
    assert (trip["state"], trip["departed_on"], trip["arrived_on"]) == (
        "arrived",
        "2024-03-01",
        "2024-03-02",
    ), trip
