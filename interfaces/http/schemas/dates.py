"""Dates and moments as the API accepts them: ISO 8601 strings, nothing else.

Pydantic alone would take a number as a Unix timestamp (`0`, `1767225600`,
`0.5`) or a string of digits as one; a typing slip would then become a date
in 1970. Each field or parameter of these types refuses every shape but the
ISO 8601 one, with a message naming the field. Full-width digits and
hyphens from Chinese input methods are folded first (NFKC), as elsewhere.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from domain.text import normalise

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
DATE_SHAPE = "must be a date written YYYY-MM-DD, e.g. 2026-03-02"
MOMENT_SHAPE = "must be an ISO 8601 date or date-time, e.g. 2026-03-02 or 2026-03-02T18:00:00+08:00"


def _text(raw: object, shape: str) -> str:
    if isinstance(raw, (date, datetime)):  # already parsed (defaults, tests)
        return raw.isoformat()
    if not isinstance(raw, str):
        raise PydanticCustomError("iso_8601", shape)
    return normalise(raw).upper()


def iso_date(raw: object) -> date:
    """A calendar date written YYYY-MM-DD (a JSON string), and only that."""
    if isinstance(raw, datetime):  # a datetime is a date too: not a date-only value
        raise PydanticCustomError("iso_8601", DATE_SHAPE)
    text = _text(raw, DATE_SHAPE)
    if not _DATE.fullmatch(text):
        raise PydanticCustomError("iso_8601", DATE_SHAPE)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("iso_8601", "is not a calendar date") from None


def iso_moment(raw: object) -> datetime:
    """A date (its midnight) or a date-time, ISO 8601, offset optional."""
    text = _text(raw, MOMENT_SHAPE)
    if not _MOMENT.fullmatch(text):
        raise PydanticCustomError("iso_8601", MOMENT_SHAPE)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("iso_8601", "is not a valid calendar date and time") from None


IsoDate = Annotated[date, BeforeValidator(iso_date)]
IsoMoment = Annotated[datetime, BeforeValidator(iso_moment)]
