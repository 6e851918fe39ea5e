"""What a worker's records may not predate: the worker's birth, 16th birthday
and registration (登记). Each record of the journey (training, transfer,
placement, dispute) is created with these dates, so that its own rules can
refuse a date the worker's life makes impossible."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.rules import add_years, ensure_not_before

MINIMUM_WORKING_AGE = 16


@dataclass(frozen=True)
class WorkerDates:
    """The worker a new record belongs to, and the dates it may not predate."""

    worker_id: UUID
    born_on: date
    registered_on: date

    @property
    def of_working_age_on(self) -> date:
        """The 16th birthday: no work (transfer, job) before it."""
        return add_years(self.born_on, MINIMUM_WORKING_AGE)

    def ensure_born(self, day: date, field: str) -> date:
        return ensure_not_before(day, self.born_on, field, "the worker's birth")

    def ensure_of_working_age(self, day: date, field: str) -> date:
        return ensure_not_before(
            day, self.of_working_age_on, field, f"the worker's {MINIMUM_WORKING_AGE}th birthday"
        )

    def ensure_registered(self, day: date, field: str = "occurred_on") -> date:
        """The office knows the worker from the registration on: nothing it
        records about them (or does with them) happens earlier."""
        return ensure_not_before(day, self.registered_on, field, "the worker's registration")
