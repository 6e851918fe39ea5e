"""Forms drawn from the API's own bodies: pick-lists instead of codes, the
common fields last, input as people type it, errors per field in the page's language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from interfaces.web.commanding import DECLARED
from interfaces.web.forms import FormRefused, body_from, form_of


def _controls(command: str, lang: str = "zh") -> dict[str, str]:
    form = form_of(DECLARED[command].body, lang)  # type: ignore[arg-type]
    return {f.name: f.control for f in form.fields}


def test_codes_are_chosen_from_lists_labelled_in_the_page_s_language() -> None:
    form = form_of(DECLARED["register_worker"].body, "zh")
    by_name = {f.name: f for f in form.fields}
    assert by_name["poverty_status"].control == "select"
    assert ("lifted_out_of_poverty", "脱贫人口") in by_name["poverty_status"].options
    assert ("500237", "重庆市巫山县") in by_name["hukou_division"].options
    destinations = dict(by_name["job_intention.destination"].options)
    assert destinations["370613"] == "山东省烟台市莱山区"
    english = {f.name: f for f in form_of(DECLARED["register_worker"].body, "en").fields}
    assert dict(english["poverty_status"].options)["lifted_out_of_poverty"] != "脱贫人口"


def test_the_fields_every_command_has_come_after_its_own() -> None:
    for command in ("register_worker", "start_placement", "arrange_transfer", "confirm_month"):
        names = list(_controls(command))
        assert names[-2:] == ["occurred_on", "note"], command


def test_controls_follow_the_field_s_type() -> None:
    controls = _controls("start_placement")
    assert controls["monthly_wage"] == "money"
    assert controls["start_date"] == "date"
    assert controls["contract_type"] == "select"
    assert _controls("confirm_month")["month"] == "month"
    assert _controls("register_worker")["consent"] == "checkbox"


def test_what_the_page_fixes_is_not_asked() -> None:
    body = DECLARED["confirm_month"].body
    form = form_of(body, "zh", fixed={"evidence": "payroll"})
    assert "evidence" not in {f.name for f in form.fields}


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("４５００", "4500"),
        ("4,500.00", "4500.00"),
        ("4 500 元", "4500"),
        ("４５００．５０", "4500.50"),
    ],
)
def test_amounts_and_dates_are_read_as_people_type_them(typed: str, amount: str) -> None:
    made = body_from(
        DECLARED["start_placement"].body,
        {
            "worker_id": "7f1c0c1e-5a4b-4b7a-9c39-9a3c6d1e2f40",
            "employer_name": "烟台某食品有限公司",
            "employer_code": "91370613MA3C1B2X40",
            "workplace_division": "370613",
            "position": "包装工",
            "monthly_wage": typed,
            "contract_type": "fixed_term",
            "kind": "cross_province",
            "start_date": "２０２６-０３-１３",
        },
        "zh",
    )
    assert made.monthly_wage == Decimal(amount)  # type: ignore[attr-defined]
    assert made.start_date == date(2026, 3, 13)  # type: ignore[attr-defined]


def test_refused_input_is_named_by_field_in_the_page_s_language() -> None:
    body = DECLARED["start_placement"].body
    with pytest.raises(FormRefused) as refused:
        body_from(body, {"monthly_wage": "a lot", "worker_id": "x"}, "zh")
    messages = dict(refused.value.errors)
    assert "employer_name" in messages
    assert messages["employer_name"] == "必填"
    assert "monthly_wage" in messages
    with pytest.raises(FormRefused) as in_english:
        body_from(body, {"monthly_wage": "a lot", "worker_id": "x"}, "en")
    assert dict(in_english.value.errors)["employer_name"] == "Field required"


def test_an_unticked_checkbox_is_false_not_missing() -> None:
    with pytest.raises(FormRefused) as refused:
        body_from(DECLARED["register_worker"].body, {"name": "冉光明"}, "en")
    assert "consent" not in dict(refused.value.errors)  # the domain says why it is needed
