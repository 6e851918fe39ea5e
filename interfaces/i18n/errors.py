"""Error messages in the reader's language: plain functions, for the API's
problem+json and for the web pages alike.

The domain and the application raise their messages in English; these
functions put one in Chinese from the catalogue (`error_messages.py`), keeping
its variable parts. What they do not know they return unchanged: a message is
never lost, and a missing translation shows as English, not as an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal

from interfaces.i18n.error_messages import MESSAGES, TITLES, VALIDATION, WORDS

Language = Literal["zh", "en"]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_RANGE = re.compile(
    r"\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*"
)
_MAX_RANGES = 32  # a header longer than any browser sends is read no further
_VALUE_ERROR = "Value error, "
_OUR_TYPES = frozenset({"value_error", "pattern", "iso_8601", "decimal_text"})


def language_of(accept_language: str | None, *, default: Language = "en") -> Language:
    """The language an Accept-Language header asks for: zh, zh-CN, zh-Hans… →
    "zh", en… → "en". The higher q-value wins (q=0: not that one), then the one
    listed first; `*` stands for every language not named. No header, or
    nothing we speak → `default`."""
    named: dict[str, tuple[float, int]] = {}  # language or "*" → (q, position)
    for position, part in enumerate((accept_language or "").split(",")[:_MAX_RANGES]):
        parsed = _language_range(part)
        if parsed is not None and parsed[1] > named.get(parsed[0], (-1.0, 0))[0]:
            named[parsed[0]] = (parsed[1], position)
    ranked = []
    for lang in (default, _other(default)):
        q, position = named.get(lang) or named.get("*") or (0.0, 0)
        if q > 0:
            ranked.append((-q, position, lang != default, lang))
    if ranked:
        return min(ranked)[3]
    refused = [lang for lang in (default, _other(default)) if lang in named]  # q=0
    return _other(default) if refused == [default] else default


def _language_range(part: str) -> tuple[str, float] | None:
    """("zh", "en" or "*", q) of one language range; None if it is none of those."""
    matched = _RANGE.fullmatch(part)
    if matched is None:
        return None
    tag, q_text = matched.group(1).lower(), matched.group(2)
    try:
        q = float(q_text) if q_text is not None else 1.0
    except ValueError:
        return None
    primary = tag.split("-")[0]
    if not 0 <= q <= 1 or primary not in ("zh", "en", "*"):
        return None
    return primary, q


def _other(lang: Language) -> Language:
    return "en" if lang == "zh" else "zh"


def domain_message(message: str, lang: Language) -> str:
    """A message as raised (InvalidValue, InvalidTransition, WorkerInactive,
    DuplicateRecord…, in English) in `lang`."""
    if lang == "en":
        return message
    return _messages().translate(message, _words()) or message


def validation_message(error: Mapping[str, Any], lang: Language) -> str:
    """One pydantic error (its `type`, `msg`, `ctx`) in `lang`. The value sent
    (`input`) is never used: it may be an ID number."""
    english = str(error.get("msg", ""))
    kind = str(error.get("type", ""))
    if lang == "en":
        return english
    if kind in _OUR_TYPES:
        return domain_message(english.removeprefix(_VALUE_ERROR), lang)
    template = VALIDATION.get(kind)
    if template is None:
        return english
    context = {key: _listed(str(value)) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template.format_map(context)
    except (KeyError, ValueError):
        return english


def title(text: str, lang: Language) -> str:
    """A problem title ("Invalid input", "Not found"…) in `lang`."""
    return TITLES.get(text, text) if lang == "zh" else text


def _listed(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" as a Chinese list: 'a'、'b'、'c'."""
    return re.sub(r"'(?:, | or )'", "'、'", expected)


class _Catalogue:
    """English templates → Chinese, matched whole; a `{name}` matches any text."""

    def __init__(self, entries: Mapping[str, str]) -> None:
        self.exact = {k: v for k, v in entries.items() if not _PLACEHOLDER.search(k)}
        templated = [(k, v) for k, v in entries.items() if _PLACEHOLDER.search(k)]
        # The most specific first: "no {kind} with id (not a {named} id)" before
        # "no {kind} with id {record_id}".
        templated.sort(key=lambda entry: -len(_PLACEHOLDER.sub("", entry[0])))
        self.templates = [(_pattern(k), v) for k, v in templated]

    def translate(self, text: str, words: _Catalogue | None = None) -> str | None:
        if text in self.exact:
            return self.exact[text]
        for pattern, chinese in self.templates:
            matched = pattern.fullmatch(text)
            if matched is not None:
                parts = matched.groupdict()
                if words is not None:
                    parts = {k: words.translate(v) or v for k, v in parts.items()}
                return chinese.format_map(parts)
        return None


def _pattern(template: str) -> re.Pattern[str]:
    pieces = _PLACEHOLDER.split(template)  # literal, name, literal, name, …
    regex = "".join(
        f"(?P<{piece}>.+?)" if odd else re.escape(piece)
        for odd, piece in ((i % 2 == 1, p) for i, p in enumerate(pieces))
    )
    return re.compile(regex, re.DOTALL)


@cache
def _messages() -> _Catalogue:
    return _Catalogue(MESSAGES)


@cache
def _words() -> _Catalogue:
    return _Catalogue(WORDS)
