"""The pages' words: one catalogue per language (zh.toml, en.toml), keys in English.

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
    text = files("interfaces.i18n").joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    flat: dict[str, str] = {}
    _flatten(tomllib.loads(text), "", flat)
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
