"""Every message the code raises has its Chinese: found in the source itself,
so a new message without a translation fails here, not in front of a reader."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest

from domain.dispute_terms import DisputeStatus
from domain.placement import PlacementState
from domain.subsidy import SubsidyStatus
from domain.training import TrainingState
from domain.transfer import TransferState
from domain.worker_profile import WorkerStatus
from interfaces.i18n import errors as i18n
from interfaces.i18n.error_messages import MESSAGES, TITLES, WORDS

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("domain", "application", "infrastructure", "interfaces")
# Calls whose argument at this position is a message a reader sees.
MESSAGE_ARGUMENT = {"InvalidValue": 1, "AccountError": 1, "invalid": 1}
CJK = re.compile(r"[\u4e00-\u9fff]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def _name(call: ast.Call) -> str:
    target = call.func
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _as_text(node: ast.expr) -> str | None:
    """The message a literal or f-string makes, each variable part as `7`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("7")
        return "".join(parts)
    return None


def _raised_messages() -> list[tuple[str, str]]:
    found = []
    for where, call in _calls():
        position = MESSAGE_ARGUMENT.get(_name(call))
        if position is None or len(call.args) <= position:
            continue
        text = _as_text(call.args[position])
        if text:
            found.append((where, text))
    return found


def _transition_parts(position: int) -> list[tuple[str, str]]:
    """The commands (0) or reasons (2) InvalidTransition is raised with."""
    found = []
    for where, call in _calls():
        if _name(call) == "InvalidTransition" and len(call.args) > position:
            text = _as_text(call.args[position])
            if text:
                found.append((where, text))
    return found


RAISED = _raised_messages()


def test_the_scan_finds_the_messages() -> None:
    # A guard on the scan itself: if it found nothing, every test below would pass.
    assert len(RAISED) > 60
    assert any(text == "must be a six-digit administrative division code" for _, text in RAISED)


@pytest.mark.parametrize(("where", "message"), RAISED, ids=[w for w, _ in RAISED])
def test_each_raised_message_has_its_chinese(where: str, message: str) -> None:
    chinese = i18n.domain_message(message, "zh")
    assert CJK.search(chinese), f"{where}: no Chinese for {message!r}"


COMMANDS, REASONS = _transition_parts(0), _transition_parts(2)


@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[w for w, _ in COMMANDS])
def test_each_refused_command_is_named_in_chinese(where: str, command: str) -> None:
    refused = i18n.domain_message(f"cannot {command} when the record is active", "zh")
    assert command not in refused, f"{where}: no Chinese for the command {command!r}"


@pytest.mark.parametrize(("where", "reason"), REASONS, ids=[w for w, _ in REASONS])
def test_each_reason_for_a_refusal_is_in_chinese(where: str, reason: str) -> None:
    refused = i18n.domain_message(
        f"cannot end the placement when the record is ended: {reason}", "zh"
    )
    assert reason not in refused, f"{where}: no Chinese for the reason {reason!r}"


STATES: list[type[StrEnum]] = [
    WorkerStatus,
    TrainingState,
    TransferState,
    PlacementState,
    DisputeStatus,
    SubsidyStatus,
]


@pytest.mark.parametrize("state", [s for kind in STATES for s in kind], ids=str)
def test_each_state_a_refusal_names_is_in_chinese(state: StrEnum) -> None:
    assert CJK.search(WORDS.get(state.value, "")), f"no Chinese for the state {state.value!r}"


def test_each_problem_title_is_in_chinese() -> None:
    titles = set()
    for _, call in _calls():
        if _name(call) == "problem" and len(call.args) > 1:
            text = _as_text(call.args[1])
            if text:
                titles.add(text)
    assert len(titles) > 10
    assert titles <= TITLES.keys(), sorted(titles - TITLES.keys())


def test_a_translation_holds_only_the_variable_parts_of_its_english() -> None:
    # (It may leave one out: "这不是有效的劳动者编号" needs no {kind}.)
    for english, chinese in MESSAGES.items():
        assert set(_PLACEHOLDER.findall(chinese)) <= set(_PLACEHOLDER.findall(english)), english


def test_variable_parts_are_kept_and_words_translated() -> None:
    said = i18n.domain_message("cannot record the arrival when the record is cancelled", "zh")
    assert said == "记录状态为“已取消”，不能登记到达"
    said = i18n.domain_message("must not be before the departure date (2026-03-01)", "zh")
    assert said == "不能早于出发日期（2026-03-01）"


def test_english_is_left_as_raised_and_unknown_text_is_never_lost() -> None:
    assert i18n.domain_message("must be 18 characters", "en") == "must be 18 characters"
    assert i18n.domain_message("a message nobody wrote", "zh") == "a message nobody wrote"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("zh-Hans", "zh"),
        ("en-US,en;q=0.9,zh;q=0.8", "en"),
        ("fr-FR, zh;q=0.5", "zh"),
        ("fr-FR", "en"),
        ("*", "en"),
        ("en;q=0, *", "zh"),
        ("zh;q=0.2, en;q=0.1", "zh"),
        ("zh;q=bogus", "en"),
        ("x" * 10_000, "en"),
    ],
)
def test_accept_language_is_read_as_browsers_send_it(header: str | None, expected: str) -> None:
    assert i18n.language_of(header) == expected


def test_pages_default_to_chinese() -> None:
    assert i18n.language_of(None, default="zh") == "zh"
    assert i18n.language_of("en-GB", default="zh") == "en"
