"""The pages' words: both languages hold the same keys, and every field and step
a page can show has its words in both (a missing one would show as a key)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from interfaces.i18n.catalogue import LANGUAGES, catalogue
from interfaces.web import next_steps
from interfaces.web.commanding import DECLARED
from interfaces.web.forms import form_of

TEMPLATES = Path(__file__).resolve().parents[2] / "interfaces" / "web" / "templates"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_both_languages_hold_the_same_keys() -> None:
    zh, en = catalogue("zh"), catalogue("en")
    assert sorted(zh.keys() - en.keys()) == []
    assert sorted(en.keys() - zh.keys()) == []


def test_chinese_is_chinese_and_english_is_not() -> None:
    for key, text in catalogue("en").items():
        assert not CJK.search(text) or key.startswith("app."), key


def test_placeholders_agree_between_languages() -> None:
    zh, en = catalogue("zh"), catalogue("en")
    for key, text in en.items():
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", zh[key])), key


OFFERED = sorted(
    {*next_steps.WORKER_STEPS, "deactivate_worker", "reactivate_worker", "register_worker"}
    | {"complete_training", "withdraw_from_training", "certify_training"}
    | {"record_departure", "cancel_transfer", "record_arrival", "record_return"}
    | {"confirm_month", "withdraw_month", "end_placement"}
    | {"approve_subsidy", "reject_subsidy", "pay_subsidy", "revoke_subsidy"}
)


@pytest.mark.parametrize("command", OFFERED)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_offered_step_and_its_fields_have_words(command: str, lang: str) -> None:
    words = catalogue(lang)  # type: ignore[arg-type]
    if command != "register_worker":
        assert f"step.{command}" in words
        assert f"step.submit.{command}" in words
    body = DECLARED[command].body  # the page fixes the worker a step is for
    for field in form_of(body, lang, fixed={"worker_id": "-"}).fields:  # type: ignore[arg-type]
        assert f"field.{field.name}" in words, f"{command}: field.{field.name}"


def test_every_key_a_template_names_exists() -> None:
    words = catalogue("zh")
    for template in TEMPLATES.rglob("*.html"):
        for key in re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", template.read_text("utf-8")):
            if not key.endswith("."):  # t("step." ~ name): a family of keys, tested above
                assert key in words, f"{template.name}: {key}"
