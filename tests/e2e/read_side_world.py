"""A small programme, built through the API, for the read-side queries to find:
five workers at different stages of the journey and three disputes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stdnum.cn import ric

from domain.actor import Role
from infrastructure.tokens import TokenStore
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import opening_body
from tests.e2e.transfer_placement_bodies import arrangement, month, placement_body
from tests.support.factories import registration_body

STABLE_MONTHS = ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")


@dataclass
class World:
    workers: dict[str, str]  # label -> worker id, in registration order
    id_ending_in_x: str  # w1's ID number
    disputes: dict[str, str]  # label -> dispute id, in the order opened
    d3_opened: date  # two days before today: inside the mediation period


def id_ending_in_x(born: date = date(1979, 5, 1)) -> str:
    for seq in range(1000):
        body = f"500237{born:%Y%m%d}{seq:03d}"
        if ric.calc_check_digit(body + "0") == "X":
            return body + "X"
    raise AssertionError("no sequence code gives X")


def created(api: Api, path: str, body: dict[str, Any], role: Role = Role.CASEWORKER) -> str:
    response = api.post(path, body, role)
    assert response.status_code in (200, 201), response.text
    return str(response.json()["id"])


def register(api: Api, name: str, township: str, status: str, **extra: Any) -> str:
    body = registration_body(
        name=name, hukou_township=township, poverty_status=status, occurred_on="2026-01-02"
    )
    return created(api, "/workers", body | extra)


def register_in_yantai(api: Api, name: str) -> str:
    """A worker of Yantai's own (hukou 芝罘区), registered by the Yantai labour office
    (370600): a Wushan caseworker does not see them; the pair's staff do."""
    store = TokenStore(api.client.app.state.db)  # type: ignore[attr-defined]
    token = store.issue(user="yantai.caseworker", role=Role.CASEWORKER, office="370600")[1]
    body = registration_body(
        name=name,
        hukou_division="370602",
        hukou_township=None,
        poverty_status="general",
        occurred_on="2026-01-02",
    )
    response = api.client.post(
        "/api/v1/workers", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def train(api: Api, worker_id: str) -> None:
    """A pre-job course from 9 to 20 March 2026, passed."""
    course = {
        "worker_id": worker_id,
        "course_name": "家政服务员",
        "training_type": "pre_job",
        "provider": "巫山县职业教育中心",
        "planned_start": "2026-03-09",
        "planned_end": "2026-03-20",
        "occurred_on": "2026-03-05",
    }
    training = created(api, "/trainings", course)
    completion = {"hours": "64", "result": "passed", "occurred_on": "2026-03-20"}
    created(api, f"/trainings/{training}/completion", completion)


def move(api: Api, worker_id: str) -> None:
    """An organised transfer to Yantai that arrived on 26 March 2026."""
    body = arrangement(worker_id, occurred_on="2026-03-21", planned_on="2026-03-25")
    transfer = created(api, "/transfers", body)
    created(api, f"/transfers/{transfer}/departure", {"mode": "train", "occurred_on": "2026-03-25"})
    created(api, f"/transfers/{transfer}/arrival", {"occurred_on": "2026-03-26"})


def place(api: Api, worker_id: str, *months: str, **overrides: Any) -> None:
    placement = created(api, "/placements", placement_body(worker_id, **overrides))
    for m in months:
        created(api, f"/placements/{placement}/months", month(m, occurred_on="2026-09-05"))


def dispute(api: Api, worker_id: str, *commands: tuple[str, dict[str, Any]], **body: Any) -> str:
    dispute_id = created(api, "/disputes", opening_body(worker_id, **body), Role.MEDIATOR)
    for command, command_body in commands:
        created(api, f"/disputes/{dispute_id}/{command}", command_body, Role.MEDIATOR)
    return dispute_id


def build(api: Api) -> World:
    number = id_ending_in_x()
    w = {
        "w1": register(api, "冉光明", "骡坪镇", "lifted_out_of_poverty", id_number=number),
        "w2": register(api, "冉小红", "巫峡镇", "general"),
        "w3": register(api, "向春燕", "骡坪镇", "monitored_at_risk"),
        "w4": register(api, "王_明", "大昌镇", "general"),
        "w5": register_in_yantai(api, "王小明"),
    }
    train(api, w["w1"])
    move(api, w["w1"])
    move(api, w["w3"])
    place(api, w["w1"], *STABLE_MONTHS, start_date="2026-03-30")
    place(api, w["w2"], kind="workshop", workplace_division="500237", start_date="2026-04-01")
    today = api.client.app.state.journey.today()  # type: ignore[attr-defined]
    d3_opened = (today - timedelta(days=2)).isoformat()
    settlement = {"amount_agreed": "52000.00", "amount_recovered": "9300.00"}
    d = {
        "d1": dispute(api, w["w1"], occurred_on="2026-01-05"),
        "d2": dispute(
            api,
            w["w3"],
            ("mediator", {"occurred_on": "2026-02-02"}),
            ("settlement", settlement | {"occurred_on": "2026-02-10"}),
            kind="work_injury",
            amount_claimed="52000.00",
            occurred_on="2026-02-01",
        ),
        "d3": dispute(
            api,
            w["w2"],
            ("mediator", {"occurred_on": d3_opened}),
            kind="contract",
            amount_claimed="3000.00",
            occurred_on=d3_opened,
        ),
    }
    assert api.project() > 0
    return World(w, number, d, date.fromisoformat(d3_opened))
