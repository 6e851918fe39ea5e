"""HTTP: GET /audit/export — the events of a time range as JSON lines, CSV or a
workbook, masked, and every export recorded in the audit trail it copies."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from typing import Any
from uuid import UUID
from xml.etree import ElementTree

import httpx
import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.test_timeline_and_audit_api import a_workers_year, audit, every_audit_event
from tests.support.factories import id_number
from tests.support.problems import problem

FORMATS = ("jsonl", "csv", "xlsx")
NAME, MOBILE, NEW_MOBILE = "欧阳秘密", "13912345678", "13687654321"
HEADER = [
    "position",
    "recorded_at",
    "aggregate_id",
    "version",
    "event_type",
    "occurred_on",
    "actor_user",
    "actor_role",
    "actor_office",
    "payload",
]


@pytest.fixture
def year(api: Api) -> dict[str, str]:
    return a_workers_year(api)


def export(api: Api, output: str, **params: Any) -> httpx.Response:
    response = api.get("/audit/export", Role.AUDITOR, format=output, **params)
    assert response.status_code == 200, response.text
    return response


def lines(response: httpx.Response) -> list[dict[str, Any]]:
    return [json.loads(line) for line in response.text.splitlines()]


def sheet_rows(content: bytes) -> list[list[str]]:
    """The workbook's cells as text, read with the standard library."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        xml = book.read("xl/worksheets/sheet1.xml")
    rows = ElementTree.fromstring(xml).findall("m:sheetData/m:row", ns)
    return [["".join(c.itertext()) for c in row.findall("m:c", ns)] for row in rows]


def head(api: Api) -> int:
    return int(api.client.app.state.journey.recorder.max_notification_id() or 0)


def recorded_export(api: Api, export_id: str) -> Any:
    """The export's own event, read from the event store."""
    (event,) = api.client.app.state.journey.events.get(UUID(export_id))
    return event


def test_a_jsonl_export_holds_exactly_the_events_the_audit_trail_lists_for_the_range(
    api: Api, year: dict[str, str]
) -> None:
    trail = audit(api, limit=1000)["events"]
    start, end = trail[2]["recorded_at"], trail[-2]["recorded_at"]
    expected = every_audit_event(api, 1000, **{"from": start, "to": end})

    response = export(api, "jsonl", **{"from": start, "to": end})

    got = lines(response)
    assert response.headers["content-type"] == "application/x-ndjson"
    assert [(e["position"], e["event_type"], e["aggregate_id"]) for e in got] == [
        (e["position"], e["event_type"], e["aggregate_id"]) for e in expected
    ]
    assert [datetime.fromisoformat(e["recorded_at"]) for e in got] == [
        datetime.fromisoformat(e["recorded_at"]) for e in expected
    ]
    assert len(got) == len(trail) - 4  # from the third, up to but not the last but one
    arrival = next(e for e in got if e["event_type"] == "Transfer.Arrived")
    assert arrival["aggregate_id"] == year["transfer"]
    assert arrival["occurred_on"] == "2026-03-17"
    assert arrival["actor"] == {"user": "caseworker.user", "role": "caseworker", "office": "500237"}
    session = next(e for e in got if e["event_type"] == "Dispute.SessionRecorded")
    assert session["payload"]["summary"]  # auditors read case notes, here as in the trail


def test_a_csv_export_has_the_header_and_one_row_per_event_with_the_payload_as_json(
    api: Api, year: dict[str, str]
) -> None:
    response = export(api, "csv", **{"from": "2026-01-01", "to": "2100-01-01"})

    rows = list(csv.reader(io.StringIO(response.text)))
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="laborbridge-audit-2026-01-01-2100-01-01.csv"'
    )
    assert rows[0] == HEADER
    assert [int(r[0]) for r in rows[1:]] == list(range(1, head(api)))  # all but the export
    started = next(r for r in rows if r[4] == "Placement.Started")
    assert started[2] == year["placement"]
    assert json.loads(started[9])["monthly_wage"] == "5200.00"


def test_an_xlsx_export_is_a_workbook_with_a_row_per_event(api: Api, year: dict[str, str]) -> None:
    response = export(api, "xlsx")

    rows = sheet_rows(response.content)
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"].endswith('.xlsx"')
    assert rows[0] == HEADER
    assert [int(r[0]) for r in rows[1:]] == list(range(1, head(api)))
    assert [r[4] for r in rows[1:3]] == ["Worker.Registered", "TrainingEnrollment.Enrolled"]
    assert json.loads(rows[1][9])["name"] == "冉**"


@pytest.mark.parametrize("output", FORMATS)
def test_no_export_repeats_a_workers_id_number_phone_numbers_or_full_name(
    api: Api, output: str
) -> None:
    number = id_number()
    worker = api.register(name=NAME, id_number=number, mobile=MOBILE).json()["id"]
    assert api.post(f"/workers/{worker}/contact", {"mobile": NEW_MOBILE}).status_code == 200

    response = export(api, output)

    if output == "xlsx":
        text = "\n".join("\t".join(row) for row in sheet_rows(response.content))
    else:
        text = response.text
    for secret in (NAME, number, MOBILE, NEW_MOBILE):
        assert secret not in text
    for masked in ("欧**", number[:6] + "********" + number[-4:], "139****5678", "136****4321"):
        assert masked in text


def test_each_export_is_recorded_and_shows_in_the_audit_trail_with_its_range(
    api: Api, year: dict[str, str]
) -> None:
    exported_to = head(api)
    response = export(api, "csv", **{"from": "2026-01-01", "to": "2100-01-01"})
    export_id = response.headers["x-export-id"]
    api.project()

    (entry,) = audit(api, type="AuditExport.Exported")["events"]
    event = recorded_export(api, export_id)
    assert entry["aggregate_id"] == export_id
    assert entry["aggregate_type"] == "audit_export"
    assert entry["position"] == int(response.headers["x-position"]) == exported_to + 1
    assert entry["actor"] == {
        "user": "auditor.user",
        "role": "auditor",
        "office": "500237",
        "imported_from": None,
    }
    assert entry["worker_id"] is None
    assert entry["summary_zh"] == (
        f"导出审计记录 2026-01-01 至 2100-01-01（csv，{exported_to} 条，接口）"
    )
    assert (event.first_position, event.last_position) == (1, exported_to)
    assert event.event_count == exported_to
    assert (event.format, event.channel) == ("csv", "api")


def test_a_later_export_holds_the_record_of_an_earlier_one(api: Api) -> None:
    api.register()
    first = export(api, "jsonl").headers["x-export-id"]

    copied = lines(export(api, "jsonl"))

    assert [e["event_type"] for e in copied] == ["Worker.Registered", "AuditExport.Exported"]
    assert copied[1]["aggregate_id"] == first
    assert copied[1]["payload"]["event_count"] == 1
    assert copied[1]["payload"]["channel"] == "api"


def test_an_export_without_bounds_is_the_whole_log_up_to_now(api: Api) -> None:
    api.register()
    api.register()

    response = export(api, "jsonl")

    event = recorded_export(api, response.headers["x-export-id"])
    assert [e["position"] for e in lines(response)] == [1, 2]
    assert event.range_from is None
    assert event.range_to <= datetime.now(event.range_to.tzinfo)
    assert 'filename="laborbridge-audit-start-' in response.headers["content-disposition"]


def test_an_export_reads_the_log_itself_and_does_not_wait_for_the_read_models(
    api: Api, year: dict[str, str]
) -> None:
    api.register()  # after the read models were brought up to date
    api.register()
    expected = list(range(1, head(api) + 1))

    assert [e["position"] for e in lines(export(api, "jsonl"))] == expected


def test_an_export_of_a_range_with_no_events_is_recorded_with_none(api: Api) -> None:
    api.register()

    response = export(api, "csv", **{"from": "2000-01-01", "to": "2000-02-01"})

    event = recorded_export(api, response.headers["x-export-id"])
    assert list(csv.reader(io.StringIO(response.text))) == [HEADER]
    assert (event.first_position, event.last_position, event.event_count) == (None, None, 0)


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MEDIATOR, Role.ADMIN])
def test_only_auditors_export_and_a_refusal_records_nothing(api: Api, role: Role) -> None:
    api.register()

    problem(api.get("/audit/export", role, format="csv"), 403)
    problem(api.get("/audit/export", None, format="csv"), 401)

    assert head(api) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"format": "pdf"}, "format"),
        ({"from": "yesterday"}, "from"),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "to"),
        ({"from": "2026-02-01T08:00:00+08:00", "to": "2026-02-01T00:00:00Z"}, "to"),
        ({"from": "2999-01-01"}, "to"),  # no `to` means now: before `from`
        # Numbers are not moments (pydantic would read them as Unix timestamps).
        ({"to": "0.5"}, "to"),
        ({"to": "1767225600"}, "to"),
        ({"from": "0"}, "from"),
        ({"from": "２０２６－０１－０１", "to": "1"}, "to"),
    ],
)
def test_a_bad_format_or_range_is_refused_naming_the_field_and_records_nothing(
    api: Api, params: dict[str, str], field: str
) -> None:
    api.register()

    body = problem(api.get("/audit/export", Role.AUDITOR, **params), 422)

    assert field in [e["field"] for e in body["errors"]]
    assert head(api) == 1
