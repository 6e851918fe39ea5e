"""Business dates are reckoned in Asia/Shanghai, where the offices are."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

# China has kept UTC+8 without daylight saving since 1991: a fixed offset needs
# no tz database on the host.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def today_in_shanghai() -> date:
    return datetime.now(SHANGHAI).date()
