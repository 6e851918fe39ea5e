"""Normalising what Chinese input methods produce before validating it."""

from __future__ import annotations

import unicodedata

from domain.exceptions import InvalidValue


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
    """Free text as stored: NFC, trimmed, bounded, without control characters."""
    text = unicodedata.normalize("NFC", raw).strip()
    if required and not text:
        raise InvalidValue(field, "must not be empty")
    if len(text) > max_length:
        raise InvalidValue(field, f"must be at most {max_length} characters")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise InvalidValue(field, "must not contain control characters")
    return text
