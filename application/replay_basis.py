"""Which of a record's events a replay keeps: by recorded time (what the office
knew at a moment) or by business date (the facts dated on or before a day, as
the office knows them now) — the two times every fact has (design §9).

A record is replayed from a prefix of its events: each event applies to the
state the ones before it left, so none can be skipped. By recorded time the
prefix is exact. By business date it is the prefix up to the **last** event
dated on or before the day. Staff's steps on one record are dated in order
(each is refused before the step it follows), so that is almost always exactly
the record's facts of the day. Where a record holds an event dated after the
day before one dated on or before it — a finding of the policy process, dated
the day it ran, followed by a payment entered back-dated — the later-dated
event is kept rather than the earlier-dated one dropped: a replay never hides
a fact that happened by the day, and every event it keeps is listed with its
own date, so the auditor sees the exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from application.clock import SHANGHAI
from domain.exceptions import InvalidValue


class Basis(StrEnum):
    RECORDED = "recorded"  # as the office knew it at the moment (time of recording)
    BUSINESS = "business"  # the facts dated on or before the day, as known now


def business_date(event: Any) -> date:
    """The day the fact happened in the world. A payment's is the day the
    money went out (`paid_on`; its `occurred_on` is the day it was booked). A
    subsidy's assessment is the day the subsidy arose: events stored before
    assessments were dated so carry the day the process ran, newer ones the
    same day capped at today. An event without a business date (a disclosure,
    a record of an export) happened when it was recorded."""
    name = type(event).__qualname__
    if name == "Subsidy.Paid":
        return date.fromisoformat(str(event.paid_on))
    occurred_on = getattr(event, "occurred_on", None)
    if name == "Subsidy.Assessed" and isinstance(occurred_on, date):
        arose_on: date = event.arose_on
        return min(arose_on, occurred_on)
    if isinstance(occurred_on, date):
        return occurred_on
    return recorded_day(event.timestamp)


def recorded_day(at: datetime) -> date:
    return at.astimezone(SHANGHAI).date()


def business_day(as_of: datetime | None, basis: Basis) -> date | None:
    """The day a business-date replay asks about: the date of `as_of` in
    Asia/Shanghai, the whole day included. None by recorded time."""
    if basis is Basis.RECORDED:
        return None
    if as_of is None:
        raise InvalidValue("as_of", "is needed with basis=business")
    return recorded_day(as_of)


def kept_events(
    events: Sequence[Any], *, as_of: datetime | None, version: int | None, basis: Basis
) -> list[Any]:
    """The prefix of a record's events (in order) that a replay applies."""
    day = business_day(as_of, basis)
    if day is not None:
        if version is not None:
            raise InvalidValue("version", "give either as_of or version, not both")
        dated = [i for i, e in enumerate(events) if business_date(e) <= day]
        return list(events[: dated[-1] + 1]) if dated else []
    moment = None if as_of is None else as_of.astimezone(UTC)
    return [
        e
        for e in events
        if (moment is None or e.timestamp <= moment)
        and (version is None or e.originator_version <= version)
    ]
