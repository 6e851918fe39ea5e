"""Free text and people's names: what is stored, and the characters refused
because they hide or reorder what the text shows."""

from __future__ import annotations

import pytest

from domain.actor import parse_user_name
from domain.exceptions import InvalidValue
from domain.text import NAME_REFUSAL, clean_name, clean_text

DIRECTION_CONTROLS = [
    "\u202a",  # left-to-right embedding
    "\u202b",  # right-to-left embedding
    "\u202c",  # pop directional formatting
    "\u202d",  # left-to-right override
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2067",  # right-to-left isolate
    "\u2068",  # first strong isolate
    "\u2069",  # pop directional isolate
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
]
INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\u180e",  # Mongolian vowel separator (a format character)
    "\U000e0041",  # tag latin capital A, outside the BMP
]


@pytest.mark.parametrize("control", DIRECTION_CONTROLS)
def test_free_text_with_a_direction_control_is_refused_naming_the_field(control: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        clean_text(f"工资已结清{control}未", "note", max_length=500)

    assert refused.value.field == "note"
    assert refused.value.message == "must not contain direction-changing characters"


def test_free_text_keeps_joiners_and_line_breaks() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, joined
    assert clean_text(f"家访 {family}\n第二行", "note", max_length=500) == f"家访 {family}\n第二行"


@pytest.mark.parametrize("character", INVISIBLE + DIRECTION_CONTROLS)
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_name_with_an_invisible_or_direction_character_is_refused(
    character: str, where: str
) -> None:
    at = {"start": 0, "middle": 1, "end": 3}[where]
    name = "冉光明"[:at] + character + "冉光明"[at:]

    with pytest.raises(InvalidValue) as refused:
        clean_name(name, "name", max_length=50)

    assert str(refused.value) == "name: must not contain invisible or direction-changing characters"
    assert refused.value.message == NAME_REFUSAL


@pytest.mark.parametrize(
    "name",
    [
        "\U00020000明",  # 𠀀, CJK Extension B, outside the BMP
        "\U0002a6a5",  # 𪚥, a rare character of four dragons
        "欧阳娜娜",
        "买买提·艾力",  # a Uyghur name in Chinese, with the middle dot
        "Ran Guangming",
    ],
)
def test_names_of_rare_characters_and_other_scripts_are_kept(name: str) -> None:
    assert clean_name(f" {name} ", "name", max_length=50) == name


def test_a_user_name_with_an_invisible_character_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_user_name("li.ming\u2060", "--user")

    assert str(refused.value) == f"--user: {NAME_REFUSAL}"
    assert parse_user_name(" li.ming ", "--user") == "li.ming"


@pytest.mark.parametrize("raw", ["", "li ming", "x" * 65])
def test_a_user_name_is_one_word_of_at_most_64_characters(raw: str) -> None:
    with pytest.raises(InvalidValue, match="must be 1 to 64 characters without spaces"):
        parse_user_name(raw, "--user")
