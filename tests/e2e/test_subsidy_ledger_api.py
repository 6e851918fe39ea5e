"""HTTP: the subsidy list and ledger (GET /subsidies), the report's subsidy
figures and subsidy events in a worker's timeline, read from the read models.
Subsidies are recorded through the Application (evaluation on demand)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from application import commands as c
from application.journey import Journey
from domain.actor import Role
from tests.e2e.conftest import Api
from tests.support.factories import CASEWORKER
from tests.support.problems import problem
from tests.support.subsidies import Story, facts_from_log, transferred_worker


@dataclass
class World:
    stable: Story  # 6 months: 8 subsidies; transport paid, March approved
    general: Story  # a general worker: transport only, rejected
    by_basis: dict[str, UUID]  # the stable worker's subsidy ids by basis


def _evaluate(journey: Journey, story: Story) -> dict[str, UUID]:
    journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=CASEWORKER, worker_id=story.worker_id),
        facts_from_log(journey, story.worker_id),
    )
    ids = facts_from_log(journey, story.worker_id).subsidies
    return {journey.subsidy(i).basis: i for i in ids}


@pytest.fixture
def world(api: Api) -> World:
    journey: Journey = api.client.app.state.journey  # type: ignore[attr-defined]
    stable = transferred_worker(journey, months=6)
    general = transferred_worker(journey, months=5, poverty_status="general")
    by_basis = _evaluate(journey, stable)
    transport = by_basis[f"transfer:{stable.transfer_id}"]
    # Decided and paid as it happened, after each subsidy arose (the arrival on
    # 2026-03-17; March's stable-job month on 2026-08-31), entered today.
    decisions = {transport: date(2026, 3, 20), by_basis["month:2026-03"]: date(2026, 9, 5)}
    for subsidy_id, decided_on in decisions.items():
        journey.approve_subsidy(
            c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=subsidy_id, occurred_on=decided_on)
        )
    journey.pay_subsidy(
        c.PaySubsidy(
            actor=CASEWORKER,
            subsidy_id=transport,
            payment_reference="=YT-0001",
            paid_on=date(2026, 3, 25),
        )
    )
    (rejected,) = _evaluate(journey, general).values()
    journey.reject_subsidy(
        c.RejectSubsidy(actor=CASEWORKER, subsidy_id=rejected, reason="材料不全")
    )
    api.project()
    return World(stable, general, by_basis)


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: Api, role: Role = Role.CASEWORKER, **params: Any) -> list[str]:
    return [i["id"] for i in _ok(api.get("/subsidies", role, **params))["items"]]


# -- the list ------------------------------------------------------------------------------


def test_the_list_shows_each_subsidy_as_it_stands_and_no_personal_data(
    api: Api, world: World
) -> None:
    body = _ok(api.get("/subsidies", Role.AUDITOR))

    assert len(body["items"]) == 9
    assert body["next_cursor"] is None
    transport = next(i for i in body["items"] if i["kind"] == "transport_living")
    assert transport == {
        "id": str(world.by_basis[f"transfer:{world.stable.transfer_id}"]),
        "worker_id": str(world.stable.worker_id),
        "office": "500237",
        "kind": "transport_living",
        "basis": f"transfer:{world.stable.transfer_id}",
        "status": "paid",
        "amount": "1500.00",
        "paid_amount": "1500.00",
        "overpaid_amount": None,
        "policy_version": "2021-鲁渝-1",
        "arose_on": "2026-03-17",
        "assessed_on": "2026-03-17",  # dated the day it arose, not the day it was found
        "decided_on": "2026-03-20",
        "paid_on": "2026-03-25",
        "payment_reference": "=YT-0001",
        "version": 3,
        "updated_at": transport["updated_at"],
    }
    assert "冉光明" not in str(body) and "13800138000" not in str(body)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "stable_job"}, 6),
        ({"kind": "stable_job", "status": "approved"}, 1),
        ({"status": "paid"}, 1),
        ({"status": "rejected", "kind": "transport_living"}, 1),
        ({"office": "500237"}, 9),
        ({"office": "370600"}, 0),
        ({"status": "overpaid"}, 0),
    ],
)
def test_the_list_filters_by_kind_status_and_office(
    api: Api, world: World, params: dict[str, str], expected: int
) -> None:
    assert len(_ids(api, **params)) == expected


def test_the_list_filters_by_worker(api: Api, world: World) -> None:
    body = _ok(api.get("/subsidies", Role.MEDIATOR, worker_id=str(world.general.worker_id)))

    assert [(i["kind"], i["status"]) for i in body["items"]] == [("transport_living", "rejected")]
    assert len(_ids(api, worker_id=str(world.stable.worker_id))) == 8


def test_the_cursor_walks_every_subsidy_once_in_the_order_they_were_assessed(
    api: Api, world: World
) -> None:
    everything = _ids(api)
    seen: list[str] = []
    cursor = None
    for _ in range(5):
        params = {"limit": 4} | ({"cursor": cursor} if cursor else {})
        body = _ok(api.get("/subsidies", **params))
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == everything
    assert len(seen) == len(set(seen)) == 9
    assert everything[-1] == _ids(api, worker_id=str(world.general.worker_id))[0]


def test_the_list_answers_once_the_read_models_reach_min_position(api: Api, world: World) -> None:
    head = api.client.app.state.journey.recorder.max_notification_id()  # type: ignore[attr-defined]

    assert len(_ids(api, min_position=head)) == 9


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "housing"}, "kind"),
        ({"status": "pending"}, "status"),
        ({"worker_id": "500237198503120000"}, "worker_id"),
        ({"office": "wushan"}, "office"),
        ({"cursor": "abc"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"format": "xlsx"}, "format"),
    ],
)
def test_a_bad_filter_is_refused_naming_the_field(
    api: Api, params: dict[str, Any], field: str
) -> None:
    api.project()
    body = problem(api.get("/subsidies", **params), 422)

    assert [e["field"] for e in body["errors"]] == [field]
    assert "500237198503120000" not in str(body)


def test_the_list_needs_a_token_and_a_reading_role(api: Api) -> None:
    problem(api.get("/subsidies", role=None), 401)
    problem(api.get("/subsidies", role=Role.ADMIN), 403)
    problem(api.get("/subsidies", role=Role.ADMIN, format="csv"), 403)


# -- the ledger ----------------------------------------------------------------------------


def _ledger(api: Api, **params: Any) -> list[list[str]]:
    response = api.get("/subsidies", format="csv", **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="subsidies-ledger.csv"' in response.headers["content-disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_ledger_downloads_every_subsidy_as_csv_by_the_date_it_arose(
    api: Api, world: World
) -> None:
    header, *lines = _ledger(api, limit=1)  # the ledger is never paginated

    assert header == [
        "subsidy_id",
        "worker_id",
        "office",
        "kind",
        "kind_zh",
        "basis",
        "status",
        "amount",
        "paid_amount",
        "overpaid_amount",
        "policy_version",
        "arose_on",
        "decided_on",
        "paid_on",
        "payment_reference",
    ]
    assert len(lines) == 9
    assert [(li[11], li[0]) for li in lines] == sorted((li[11], li[0]) for li in lines)
    paid = next(li for li in lines if li[6] == "paid")
    assert paid[2:12] == [
        "500237",
        "transport_living",
        "交通生活补贴",
        f"transfer:{world.stable.transfer_id}",
        "paid",
        "1500.00",
        "1500.00",
        "",
        "2021-鲁渝-1",
        "2026-03-17",
    ]
    assert paid[14] == "'=YT-0001"  # never read as a formula by a spreadsheet
    stable = [li for li in lines if li[3] == "stable_job"]
    assert {(li[4], li[7], li[8]) for li in stable} == {("稳岗补贴", "1000.00", "")}


def test_the_ledger_takes_the_same_filters_as_the_list(api: Api, world: World) -> None:
    _, *approved = _ledger(api, status="approved")
    _, *general = _ledger(api, worker_id=str(world.general.worker_id))
    _, *elsewhere = _ledger(api, office="370600")

    assert [(li[5], li[6]) for li in approved] == [("month:2026-03", "approved")]
    assert [li[6] for li in general] == ["rejected"]
    assert elsewhere == []


# -- the report and the timeline -------------------------------------------------------


def test_the_summary_report_gives_the_subsidy_figures_by_kind(api: Api, world: World) -> None:
    body = _ok(api.get("/reports/summary", Role.AUDITOR, year=2026))
    figures = {f["key"]: f["value"] for f in body["figures"] if f["key"].startswith("subsidy_")}
    labels = {f["key"]: f["label_zh"] for f in body["figures"]}

    assert figures == {
        "subsidy_transport_living_entitled_count": 1,
        "subsidy_transport_living_entitled_amount": "1500.00",
        "subsidy_transport_living_approved_count": 1,
        "subsidy_transport_living_approved_amount": "1500.00",
        "subsidy_transport_living_paid_count": 1,
        "subsidy_transport_living_paid_amount": "1500.00",
        "subsidy_transport_living_overpaid_amount": "0.00",
        "subsidy_stable_job_entitled_count": 6,
        "subsidy_stable_job_entitled_amount": "6000.00",
        "subsidy_stable_job_approved_count": 1,
        "subsidy_stable_job_approved_amount": "1000.00",
        "subsidy_stable_job_paid_count": 0,
        "subsidy_stable_job_paid_amount": "0.00",
        "subsidy_stable_job_overpaid_amount": "0.00",
        "subsidy_life_adaptation_entitled_count": 1,
        "subsidy_life_adaptation_entitled_amount": "5000.00",
        "subsidy_life_adaptation_approved_count": 0,
        "subsidy_life_adaptation_approved_amount": "0.00",
        "subsidy_life_adaptation_paid_count": 0,
        "subsidy_life_adaptation_paid_amount": "0.00",
        "subsidy_life_adaptation_overpaid_amount": "0.00",
    }
    assert labels["subsidy_stable_job_paid_amount"] == "稳岗补贴已发放金额（元）"


def test_the_report_scopes_subsidies_by_year_office_and_township(api: Api, world: World) -> None:
    def subsidies(**params: Any) -> dict[str, Any]:
        body = _ok(api.get("/reports/summary", Role.AUDITOR, **params))
        return {f["key"]: f["value"] for f in body["figures"] if f["key"].startswith("subsidy_")}

    assert subsidies(year=2026, township="骡坪镇")["subsidy_stable_job_entitled_count"] == 6
    assert subsidies(office="500237")["subsidy_transport_living_paid_amount"] == "1500.00"
    for nothing in (subsidies(year=2025), subsidies(office="370600"), subsidies(township="官渡镇")):
        assert {Decimal(str(v)) for v in nothing.values()} == {0}


def test_the_report_csv_carries_the_subsidy_figures(api: Api, world: World) -> None:
    response = api.get("/reports/summary", year=2026, format="csv")

    rows = {r[0]: r for r in csv.reader(io.StringIO(response.content.decode("utf-8")))}
    assert rows["subsidy_stable_job_entitled_amount"] == [
        "subsidy_stable_job_entitled_amount",
        "稳岗补贴应发金额（元）",
        "Stable-job subsidy: entitled (CNY)",
        "6000.00",
    ]
    assert rows["subsidy_transport_living_paid_count"][3] == "1"


def test_a_workers_timeline_tells_its_subsidies(api: Api, world: World) -> None:
    body = _ok(api.get(f"/workers/{world.general.worker_id}/timeline", limit=1000))
    subsidy = [e for e in body["entries"] if e["aggregate_type"] == "subsidy"]

    assert [(e["event_type"], e["summary_zh"]) for e in subsidy] == [
        (
            "Subsidy.Assessed",
            "交通生活补贴已核定 1500.00 元（2026-03-17 产生，政策 2021-鲁渝-1）",
        ),
        ("Subsidy.Rejected", "交通生活补贴不予发放"),
    ]
