"""The projector's loop after errors: it tries again within about a second,
and pauses between tries (an outage costs one attempt a second, no more)."""

from __future__ import annotations

import threading

import psycopg_pool

from infrastructure.projector import RETRY_MAX_SECONDS, Waiter, run_until_stopped


class Clockless(threading.Event):
    """A stop event whose waits return at once, remembering how long they were."""

    def __init__(self) -> None:
        super().__init__()
        self.pauses: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.pauses.append(float(timeout or 0))
        return self.is_set()


def test_after_a_long_outage_the_projector_still_tries_again_within_a_second() -> None:
    stop = Clockless()
    tries = 0

    def step() -> int:
        nonlocal tries
        tries += 1
        if tries <= 30:  # the database is away for thirty tries
            raise psycopg_pool.PoolTimeout("couldn't get a connection")
        stop.set()
        return 1

    run_until_stopped([step], stop, Waiter(stop), poll_seconds=1.0)

    assert tries == 31
    assert len(stop.pauses) == 30
    assert all(0 < pause <= RETRY_MAX_SECONDS for pause in stop.pauses)
    assert stop.pauses[-1] == RETRY_MAX_SECONDS <= 1.0
