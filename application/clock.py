"""Business dates are reckoned in Asia/Shanghai, where the offices are."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

# China has kept UTC+8 without daylight saving since 1991: a fixed offset needs
# no tz database on the host.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def today_in_shanghai() -> date:
    return datetime.now(SHANGHAI).date()


def moment(value: date | datetime) -> datetime:
    """A moment as users give it: a date means its midnight, and a time without
    an offset is read in Asia/Shanghai, where the offices are."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return value if value.utcoffset() is not None else value.replace(tzinfo=SHANGHAI)
