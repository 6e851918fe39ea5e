"""`--expires-in`: days or hours, above zero, at most two years."""

from __future__ import annotations

from datetime import timedelta

import pytest

from infrastructure.token_lifetime import (
    DEFAULT_LIFETIME,
    LifetimeInvalid,
    describe,
    parse_lifetime,
)


@pytest.mark.parametrize(
    ("text", "lifetime"),
    [
        ("90d", timedelta(days=90)),
        ("30D", timedelta(days=30)),
        (" 12h ", timedelta(hours=12)),
        ("1h", timedelta(hours=1)),
        ("730d", timedelta(days=730)),
        ("17520h", timedelta(days=730)),
    ],
)
def test_days_and_hours_are_understood(text: str, lifetime: timedelta) -> None:
    assert parse_lifetime(text) == lifetime


def test_the_default_lifetime_is_ninety_days() -> None:
    assert parse_lifetime(DEFAULT_LIFETIME) == timedelta(days=90)


@pytest.mark.parametrize("text", ["0d", "0h", "731d", "17521h"])
def test_nothing_and_more_than_two_years_are_refused(text: str) -> None:
    with pytest.raises(LifetimeInvalid, match="more than 0 and at most 730d"):
        parse_lifetime(text)


@pytest.mark.parametrize("text", ["-5d", "abc", "90", "1.5d", "2w", "1y", "never", "", "9 d"])
def test_anything_else_is_refused_with_the_grammar(text: str) -> None:
    with pytest.raises(LifetimeInvalid, match="a number of days or hours, like 90d or 12h"):
        parse_lifetime(text)


@pytest.mark.parametrize(
    ("lifetime", "words"),
    [
        (timedelta(days=90), "90 days"),
        (timedelta(days=1), "1 day"),
        (timedelta(hours=12), "12 hours"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=30), "1 day 6 hours"),
    ],
)
def test_a_lifetime_is_told_in_words(lifetime: timedelta, words: str) -> None:
    assert describe(lifetime) == words
