"""Errors of the application layer; the HTTP layer maps each to a status."""

from __future__ import annotations

from uuid import UUID


class ApplicationError(Exception):
    pass


class WorkerNotFound(ApplicationError):
    def __init__(self, worker_id: UUID | str) -> None:
        super().__init__(f"no worker with id {worker_id}")
        self.worker_id = worker_id


class DuplicateRegistration(ApplicationError):
    """The person is already registered; names the existing worker id only."""

    def __init__(self, existing_id: UUID) -> None:
        super().__init__(f"this person is already registered as worker {existing_id}")
        self.existing_id = existing_id


class VersionMismatch(ApplicationError):
    """The client's If-Match names a version that is no longer current."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(f"the record is at version {current}, not {expected}")
        self.expected = expected
        self.current = current


class ConcurrentUpdate(ApplicationError):
    """Another command changed the record between our read and our write."""

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(
            f"record {aggregate_id} was changed by another request at the same time; "
            "reload it and try again"
        )
        self.aggregate_id = aggregate_id
