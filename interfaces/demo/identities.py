"""Invented people with well-formed identity data (valid check characters)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.cn import ric

from interfaces.demo.data import GIVEN, SURNAMES


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    mobile: str


class IdentityMaker:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def person(self, rng: random.Random, registered_on: date) -> Person:
        return Person(
            name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            id_number=self._id_number(rng, registered_on),
            mobile=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
        )

    def _id_number(self, rng: random.Random, registered_on: date) -> str:
        # Working age: 17 to 56 on the registration day. Wushan's code 500237
        # is used for people born before 1997 too, as on their re-issued cards.
        while True:
            born = registered_on - timedelta(days=rng.randrange(17 * 366, 56 * 365))
            body = f"500237{born:%Y%m%d}{rng.randrange(1000):03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.used:
                self.used.add(number)
                return number
