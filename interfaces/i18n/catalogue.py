"""The pages' words: one catalogue per language, keys in English.

A language's words are `zh.toml` (or `en.toml`) and its parts `zh.<area>.toml`
— one per workbench, so each area keeps its words beside the others; a key
defined in two files of one language is an error, not a silent override.

Templates and page code name a key (`t("search.title")`) and never hold a
literal of either language. A key missing from one catalogue falls back to the
English text, then to the key itself, so a page never fails for a word.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any, Literal

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


@cache
def catalogue(lang: Language) -> dict[str, str]:
    """Every key of the language's file, flattened: [search] title → search.title."""
    folder = files("interfaces.i18n")
    parts = sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name == f"{lang}.toml"
        or (entry.name.startswith(f"{lang}.") and entry.name.endswith(".toml"))
    )
    flat: dict[str, str] = {}
    for part in parts:
        words: dict[str, str] = {}
        _flatten(tomllib.loads(folder.joinpath(part).read_text(encoding="utf-8")), "", words)
        twice = sorted(words.keys() & flat.keys())
        if twice:
            raise ValueError(f"{part} defines keys defined before: {twice[:5]}")
        flat |= words
    return flat


def _flatten(table: dict[str, Any], prefix: str, into: dict[str, str]) -> None:
    for key, value in table.items():
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", into)
        else:
            into[prefix + key] = str(value)


def translate(lang: Language, key: str, **params: object) -> str:
    text = catalogue(lang).get(key) or catalogue("en").get(key) or key
    return text.format(**params) if params else text


def has(lang: Language, key: str) -> bool:
    return key in catalogue(lang)
