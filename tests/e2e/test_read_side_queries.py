"""HTTP: worker search, the dispute register and the summary report, read from
the case_files read model after the projector has caught up."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.read_side_world import World, build
from tests.support.problems import problem


@pytest.fixture
def world(api: Api) -> World:
    return build(api)


def _ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def _names(api: Api, world: World, role: Role = Role.CASEWORKER, **params: Any) -> list[str]:
    body = _ok(api.get("/workers", role, **params))
    by_id = {v: k for k, v in world.workers.items()}
    return [by_id[item["id"]] for item in body["items"]]


# -- /workers ----------------------------------------------------------------------------


def test_the_worker_list_shows_each_case_file_with_the_id_number_masked(
    api: Api, world: World
) -> None:
    body = _ok(api.get("/workers", Role.AUDITOR))

    assert [i["id"] for i in body["items"]] == list(world.workers.values())
    wushan = [i["id"] for i in _ok(api.get("/workers"))["items"]]
    assert wushan == [w for k, w in world.workers.items() if k != "w5"]  # Yantai's own
    assert body["next_cursor"] is None
    first = body["items"][0]
    number = world.id_ending_in_x
    assert first["id_number"] == number[:6] + "********" + number[-4:]
    assert number not in str(body)
    assert (first["name"], first["township"], first["office"]) == ("冉光明", "骡坪镇", "500237")
    assert (first["stage"], first["confirmed_months"], first["open_disputes"]) == (
        "stably_employed",
        6,
        1,
    )
    assert first["current_placement_id"] is not None
    assert first["registered_on"] == "2026-01-02"


def test_search_by_name_prefix_finds_the_names_that_start_with_it(api: Api, world: World) -> None:
    assert _names(api, world, q="冉") == ["w1", "w2"]
    assert _names(api, world, q="冉光") == ["w1"]
    assert _names(api, world, q="光明") == []


def test_percent_and_underscore_in_a_name_prefix_are_taken_literally(
    api: Api, world: World
) -> None:
    assert _names(api, world, q="王_") == ["w4"]
    assert _names(api, world, q="王") == ["w4"]  # w5 is Yantai's: not Wushan's to see
    assert _names(api, world, Role.AUDITOR, q="王") == ["w4", "w5"]
    assert _names(api, world, q="%") == []
    assert _names(api, world, q="_") == []


def test_search_by_the_last_four_characters_of_the_id_number_accepts_a_lowercase_x(
    api: Api, world: World
) -> None:
    last4 = world.id_ending_in_x[-4:]
    assert last4.endswith("X")

    assert _names(api, world, q=last4) == ["w1"]
    assert _names(api, world, q=last4.lower()) == ["w1"]
    assert _names(api, world, q="0000") == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"township": "骡坪镇"}, ["w1", "w3"]),
        ({"poverty_status": "lifted_out_of_poverty"}, ["w1"]),
        ({"poverty_status": "general"}, ["w2", "w4", "w5"]),
        ({"stage": "stably_employed"}, ["w1"]),
        ({"stage": "transferred"}, ["w3"]),
        ({"stage": "placed"}, ["w2"]),
        ({"stage": "registered"}, ["w4", "w5"]),
        ({"office": "370600"}, ["w5"]),
        ({"office": "500237", "township": "大昌镇"}, ["w4"]),
        ({"q": "冉", "township": "巫峡镇"}, ["w2"]),
    ],
)
def test_each_filter_narrows_the_list(
    api: Api, world: World, params: dict[str, str], expected: list[str]
) -> None:
    assert _names(api, world, Role.AUDITOR, **params) == expected


def test_pages_follow_the_cursor_without_repeating_or_skipping_a_worker(
    api: Api, world: World
) -> None:
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = _ok(api.get("/workers", Role.MEDIATOR, **params))
        seen += [i["id"] for i in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert seen == list(world.workers.values())


def test_a_query_with_min_position_is_answered_once_the_read_models_have_it(
    api: Api, world: World
) -> None:
    written = api.register(name="谭小兵", hukou_township="双龙镇")
    api.project()

    found = _ok(api.get("/workers", q="谭", min_position=written.headers["x-position"]))

    assert [i["id"] for i in found["items"]] == [written.json()["id"]]


def test_listing_workers_needs_a_token_and_a_reading_role(api: Api) -> None:
    assert problem(api.get("/workers", role=None), 401)["title"] == "Not authenticated"
    assert problem(api.get("/workers", role=Role.ADMIN), 403)["title"] == "Forbidden"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"poverty_status": "rich"}, "poverty_status"),
        ({"stage": "retired"}, "stage"),
        ({"office": "5002"}, "office"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"cursor": "abc"}, "cursor"),
        ({"min_position": -1}, "min_position"),
    ],
)
def test_bad_list_parameters_are_refused_naming_the_parameter(
    api: Api, params: dict[str, Any], field: str
) -> None:
    api.project()
    body = problem(api.get("/workers", **params), 422)
    assert field in body["detail"]


# -- /disputes ---------------------------------------------------------------------------


def _register_ids(body: dict[str, Any], world: World) -> list[str]:
    by_id = {v: k for k, v in world.disputes.items()}
    return [by_id[i["id"]] for i in body["items"]]


def test_the_dispute_register_lists_every_dispute_with_totals_and_the_clock(
    api: Api, world: World
) -> None:
    body = _ok(api.get("/disputes"))

    assert _register_ids(body, world) == ["d1", "d2", "d3"]
    assert (body["total_count"], body["total_claimed"], body["total_recovered"]) == (
        3,
        "73600.00",
        "9300.00",
    )
    d1, d2, d3 = body["items"]
    assert (d1["status"], d1["overdue"], d1["mediation_due_on"]) == ("opened", True, "2026-01-20")
    assert (d2["status"], d2["amount_agreed"], d2["amount_recovered"]) == (
        "settled",
        "52000.00",
        "9300.00",
    )
    assert (d3["status"], d3["overdue"], d3["mediator"]) == ("in_mediation", False, "mediator.user")
    assert d1["worker_id"] == world.workers["w1"]
    assert "description" not in d1


@pytest.mark.parametrize(
    ("params", "expected", "claimed", "recovered"),
    [
        ({"status": "settled"}, ["d2"], "52000.00", "9300.00"),
        ({"kind": "wage_arrears"}, ["d1"], "18600.00", "0.00"),
        ({"overdue": "true"}, ["d1"], "18600.00", "0.00"),
        ({"overdue": "false"}, ["d2", "d3"], "55000.00", "9300.00"),
        ({"status": "in_mediation", "overdue": "false"}, ["d3"], "3000.00", "0.00"),
        ({"status": "closed"}, [], "0.00", "0.00"),
    ],
)
def test_the_register_filters_by_status_kind_and_overdue_with_totals_over_the_filter(
    api: Api,
    world: World,
    params: dict[str, str],
    expected: list[str],
    claimed: str,
    recovered: str,
) -> None:
    body = _ok(api.get("/disputes", Role.AUDITOR, **params))

    assert _register_ids(body, world) == expected
    assert (body["total_claimed"], body["total_recovered"]) == (claimed, recovered)
    assert all(
        i["overdue"] == (params.get("overdue") == "true")
        for i in body["items"]
        if "overdue" in params
    )


def test_the_register_pages_with_a_cursor_and_keeps_the_totals_of_the_whole_filter(
    api: Api, world: World
) -> None:
    first = _ok(api.get("/disputes", Role.MEDIATOR, limit=2))
    second = _ok(api.get("/disputes", Role.MEDIATOR, limit=2, cursor=first["next_cursor"]))

    assert _register_ids(first, world) + _register_ids(second, world) == ["d1", "d2", "d3"]
    assert second["next_cursor"] is None
    assert first["total_count"] == second["total_count"] == 3


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"status": "lost"}, 422),
        ({"kind": "theft"}, 422),
        ({"overdue": "perhaps"}, 422),
        ({"limit": 500}, 422),
        ({"cursor": "-1"}, 422),
    ],
)
def test_bad_register_parameters_are_refused(api: Api, params: dict[str, Any], status: int) -> None:
    api.project()
    problem(api.get("/disputes", **params), status)


def test_the_register_needs_a_token_and_a_reading_role(api: Api) -> None:
    problem(api.get("/disputes", role=None), 401)
    problem(api.get("/disputes", role=Role.ADMIN), 403)


# -- /reports/summary --------------------------------------------------------------------


def _subsidies_2026() -> dict[str, str | int]:
    """What the subsidy policy assessed, and nobody decided yet: a transport
    subsidy per arrival (2), and for w1, lifted out of poverty and stably
    employed in the partner province, six months of stable-job subsidy and the
    life-adaptation subsidy."""
    entitled = {"transport_living": 2, "stable_job": 6, "life_adaptation": 1}
    amounts = {"transport_living": "3000.00", "stable_job": "6000.00", "life_adaptation": "5000.00"}
    figures: dict[str, str | int] = {}
    for kind, count in entitled.items():
        figures[f"subsidy_{kind}_entitled_count"] = count
        figures[f"subsidy_{kind}_entitled_amount"] = amounts[kind]
        for figure in ("approved", "paid"):
            figures[f"subsidy_{kind}_{figure}_count"] = 0
            figures[f"subsidy_{kind}_{figure}_amount"] = "0.00"
        figures[f"subsidy_{kind}_overpaid_amount"] = "0.00"
    return figures


def _expected_2026(world: World) -> dict[str, str | int]:
    d3_in_2026 = world.d3_opened.year == 2026
    return {
        "registered_workers": 5,
        "training_person_times": 1,
        "trained_then_placed": 1,
        "organised_transfers": 2,
        "organised_transfers_lifted_out_of_poverty": 1,
        "placements_cross_province": 1,
        "placements_local_enterprise": 0,
        "placements_workshop": 1,
        "placements_public_welfare": 0,
        "stably_employed_in_partner_province": 1,
        "disputes_handled": 3 if d3_in_2026 else 2,
        "dispute_amount_claimed": "73600.00" if d3_in_2026 else "70600.00",
        "dispute_amount_recovered": "9300.00",
        **_subsidies_2026(),
    }


def test_the_summary_report_gives_the_programme_figures_of_the_year(api: Api, world: World) -> None:
    body = _ok(api.get("/reports/summary", Role.AUDITOR, year=2026))

    assert (body["year"], body["scope"], body["township"]) == (2026, "pair:500237-370600", None)
    figures = {f["key"]: f["value"] for f in body["figures"]}
    assert figures == _expected_2026(world)
    labels = {f["key"]: (f["label_zh"], f["label_en"]) for f in body["figures"]}
    assert labels["organised_transfers"] == ("有组织转移人次", "Organised transfers")


def test_the_summary_report_filters_through_the_worker(api: Api, world: World) -> None:
    township = _ok(api.get("/reports/summary", year=2026, township="骡坪镇"))
    office = _ok(api.get("/reports/summary", Role.MEDIATOR, year=2026, office="370600"))
    earlier = _ok(api.get("/reports/summary", year=2025))

    by_township = {f["key"]: f["value"] for f in township["figures"]}
    assert (by_township["registered_workers"], by_township["organised_transfers"]) == (2, 2)
    assert (by_township["placements_workshop"], by_township["disputes_handled"]) == (0, 2)
    assert by_township["dispute_amount_claimed"] == "70600.00"
    by_office = {f["key"]: f["value"] for f in office["figures"]}
    assert by_office["registered_workers"] == 1
    assert sum(int(float(v)) for k, v in by_office.items() if k != "registered_workers") == 0
    assert all(float(f["value"]) == 0 for f in earlier["figures"])


def test_the_summary_report_downloads_as_csv_with_a_header_row(api: Api, world: World) -> None:
    response = api.get("/reports/summary", Role.AUDITOR, year=2026, format="csv")

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert 'filename="laborbridge-summary-2026-pair-500237-370600.csv"' in disposition
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == ["metric", "label_zh", "label_en", "value"]
    assert {r[0]: r[3] for r in rows[1:]} == {k: str(v) for k, v in _expected_2026(world).items()}
    assert rows[5][:2] == ["organised_transfers_lifted_out_of_poverty", "其中脱贫人口"]


@pytest.mark.parametrize(
    ("role", "params", "status"),
    [
        (None, {}, 401),
        (Role.ADMIN, {}, 403),
        (Role.CASEWORKER, {"format": "xml"}, 422),
        (Role.CASEWORKER, {"year": 1999}, 422),
        (Role.CASEWORKER, {"office": "yantai"}, 422),
    ],
)
def test_the_summary_report_refuses_bad_callers_and_parameters(
    api: Api, role: Role | None, params: dict[str, Any], status: int
) -> None:
    api.project()
    problem(api.get("/reports/summary", role, **params), status)


def test_an_empty_programme_reports_zeros(api: Api) -> None:
    api.project()
    body = _ok(api.get("/reports/summary", year=2026))
    assert len(body["figures"]) == 13 + 3 * 7  # 7 subsidy figures for each of 3 kinds
    assert all(float(f["value"]) == 0 for f in body["figures"])
