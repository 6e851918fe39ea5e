"""Normalising what Chinese input methods produce before validating it."""

from __future__ import annotations

import unicodedata

from domain.exceptions import InvalidValue

# Characters that change the direction text is shown in (embeddings, overrides,
# isolates, marks): "report" preceded by U+202E is shown as "troper". In a note
# or a name they can make a record look as if it said something else.
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
NAME_REFUSAL = "must not contain invisible or direction-changing characters"


def normalise(raw: str) -> str:
    """Fold full-width digits, letters and spaces (NFKC) and trim the ends.

    Input methods switch to full-width forms (１２３, ＡＢ, the ideographic
    space U+3000) without the user noticing; NFKC maps them to ASCII.
    """
    return unicodedata.normalize("NFKC", raw).strip()


def compact(raw: str) -> str:
    """Normalise and drop the spaces and hyphens people type inside numbers."""
    return "".join(ch for ch in normalise(raw) if ch not in " -\t")


def clean_text(raw: str, field: str, *, max_length: int, required: bool = True) -> str:
    """Free text as stored: NFC, trimmed, bounded, without control characters
    nor characters that change the direction of the text."""
    text = unicodedata.normalize("NFC", raw).strip()
    if required and not text:
        raise InvalidValue(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidValue(field, f"must be at most {max_length} characters")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise InvalidValue(field, "must not contain control characters")
    if any(ch in DIRECTION_CONTROLS for ch in text):
        raise InvalidValue(field, "must not contain direction-changing characters")
    return text


def clean_name(raw: str, field: str, *, max_length: int) -> str:
    """A person's name (姓名): free text without any invisible format character
    (Unicode category Cf: zero-width spaces and joiners, the soft hyphen, the
    byte-order mark, direction controls). Two names that look alike must be the
    same name, for searching and for telling people apart. Characters outside
    the Basic Multilingual Plane (𠀀, rare surnames) are letters and welcome."""
    if any(unicodedata.category(ch) == "Cf" for ch in raw):
        raise InvalidValue(field, NAME_REFUSAL)
    return clean_text(raw, field, max_length=max_length)
