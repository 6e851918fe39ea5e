"""How queries reach the read models, and read-your-writes waiting."""

from __future__ import annotations

import time
from collections.abc import Sequence

from infrastructure.readmodels.tracking import read_tracking
from infrastructure.sql import SqlDatabase

LIVE_PREFIX = "rm_"


class ReadModelBehind(Exception):
    """The read model has not reached the position the caller asked for."""

    def __init__(self, wanted: int, reached: int, retry_after: int) -> None:
        super().__init__(
            f"the read model has reached log position {reached}, not yet {wanted}; retry shortly"
        )
        self.wanted = wanted
        self.reached = reached
        self.retry_after = retry_after


class ReadModels:
    def __init__(
        self, db: SqlDatabase, *, prefix: str = LIVE_PREFIX, wait_seconds: float = 3.0
    ) -> None:
        self._db = db
        self.prefix = prefix
        self.wait_seconds = wait_seconds
        self._awaited: int | None = None

    @property
    def db(self) -> SqlDatabase:
        """The database, once the position `reaching` names has been reached."""
        if self._awaited is not None:
            position, self._awaited = self._awaited, None
            self.wait_for(position)
        return self._db

    def reaching(self, position: int) -> ReadModels:
        """These read models for one request that reads them only from `position`
        on: the wait (and ReadModelBehind) comes with the first query, so that
        whatever is checked before it (the request's parameters) is answered at once."""
        pending = ReadModels(self._db, prefix=self.prefix, wait_seconds=self.wait_seconds)
        pending._awaited = position
        return pending

    def table(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def positions(self) -> dict[str, int]:
        with self._db.transaction(write=False) as cursor:
            return {name: t.position for name, t in read_tracking(cursor, self.prefix).items()}

    def wait_for(self, position: int, projections: Sequence[str] | None = None) -> None:
        """Return once the named read models (default: all) have reached
        `position`; raise ReadModelBehind after a bounded wait."""
        deadline = time.monotonic() + self.wait_seconds
        delay = 0.02
        while True:
            positions = self.positions()
            names = projections or list(positions)
            reached = min((positions.get(n, 0) for n in names), default=0)
            if reached >= position:
                return
            if time.monotonic() >= deadline:
                raise ReadModelBehind(position, reached, retry_after=1)
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
