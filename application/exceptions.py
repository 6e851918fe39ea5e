"""Errors of the application layer; the HTTP layer maps each to a status."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from domain.recording_sides import FACT_WORDS, SIDE_WORDS, Fact, Side


class ApplicationError(Exception):
    pass


class RecordNotFound(ApplicationError):
    """No record of this kind with this id (404)."""

    kind: ClassVar[str] = "record"

    def __init__(self, record_id: UUID | str) -> None:
        super().__init__(f"no {self.kind} with id {record_id}")
        self.record_id = record_id


class WorkerNotFound(RecordNotFound):
    kind = "worker"


class TrainingNotFound(RecordNotFound):
    kind = "training"


class TransferNotFound(RecordNotFound):
    kind = "transfer"


class PlacementNotFound(RecordNotFound):
    kind = "placement"


class DisputeNotFound(RecordNotFound):
    kind = "dispute"


class ImportNotFound(RecordNotFound):
    """No ledger import with this id, or not one of the reader's offices'."""

    kind = "import"


class SubsidyNotFound(RecordNotFound):
    kind = "subsidy"


class WorkerInactive(ApplicationError):
    """A new training, transfer, placement or dispute names a deactivated worker (409)."""

    def __init__(self, worker_id: UUID, command: str) -> None:
        super().__init__(f"cannot {command}: worker {worker_id} is deactivated")
        self.worker_id = worker_id
        self.command = command
        self.state = "deactivated"


class DuplicateRecord(ApplicationError):
    """The record already exists; names the existing id only (409)."""

    def __init__(self, existing_id: UUID, what: str = "record") -> None:
        super().__init__(f"this {what} already exists as {existing_id}")
        self.existing_id = existing_id
        self.what = what


class DuplicateRegistration(DuplicateRecord):
    """The person is already registered; names the existing worker id only."""

    def __init__(self, existing_id: UUID) -> None:
        super().__init__(existing_id, "worker")
        self.args = (f"this person is already registered as worker {existing_id}",)


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


class EvaluationRace(ApplicationError):
    """Another evaluation of the same subsidies was saved first (409): nothing
    of ours was saved; evaluating again on the new state is safe."""

    def __init__(self) -> None:
        super().__init__(
            "another evaluation of these subsidies was recorded at the same time; try again"
        )


class DamagedRecord(ApplicationError):
    """A stored event of this record does not read as the event it is stored
    as: its payload was copied from another record or version, altered, or is
    in a form this database does not accept there (500). Names the record, the
    version and the log position (None if it could not be found), never data."""

    def __init__(
        self, record_id: UUID | str, version: int, position: int | None, reason: str
    ) -> None:
        where = f" at log position {position}" if position is not None else ""
        super().__init__(f"record {record_id} version {version}{where} is damaged: {reason}")
        self.record_id = record_id
        self.version = version
        self.position = position
        self.reason = reason


class RecordedByOtherSide(ApplicationError):
    """The caller's office serves the worker, but this fact is recorded by the
    other side of the programme (403): names the fact and the side, never the worker."""

    def __init__(self, fact: Fact, side: Side) -> None:
        super().__init__(
            f"{FACT_WORDS[fact][1]} is recorded by {SIDE_WORDS[side][1]}, not by your office"
        )
        self.fact = fact
        self.side = side
