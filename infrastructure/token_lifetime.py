"""How long an access token is valid: `90d`, `12h`; 90 days unless told.

Every token expires: a token forgotten in a script or a shell history stops
working by itself. The longest lifetime is two years, so even a service
account's token is re-issued (and its holder re-confirmed) now and then.
"""

from __future__ import annotations

import re
from datetime import timedelta

DEFAULT_LIFETIME = "90d"
LONGEST = timedelta(days=730)
_LIFETIME = re.compile(r"([0-9]{1,6})([dh])")
_UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1)}


class LifetimeInvalid(ValueError):
    """The lifetime is not understood or out of bounds; the message says how."""


def parse_lifetime(text: str) -> timedelta:
    """`30d` (days) or `12h` (hours): a whole number above zero, at most 730 days."""
    match = _LIFETIME.fullmatch(text.strip().lower())
    if match is None:
        raise LifetimeInvalid(
            f"--expires-in must be a number of days or hours, like 90d or 12h (not {text!r})"
        )
    lifetime = int(match[1]) * _UNITS[match[2]]
    if not timedelta(0) < lifetime <= LONGEST:
        raise LifetimeInvalid("--expires-in must be more than 0 and at most 730d (two years)")
    return lifetime


def describe(lifetime: timedelta) -> str:
    """`90 days`, `12 hours`, `1 day 6 hours`: how long, in words."""
    days, hours = lifetime.days, lifetime.seconds // 3600
    parts = [f"{days} day{'s' * (days != 1)}"] if days else []
    if hours or not days:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    return " ".join(parts)
