"""Trainings: enrolment, completion, certification, withdrawal."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from application.base import RecordStore
from application.commands import (
    CertifyTraining,
    CompleteTraining,
    EnrollInTraining,
    TrainingCommand,
    WithdrawFromTraining,
)
from application.exceptions import TrainingNotFound
from application.views import Recorded, RecordedEvent, TrainingDetails
from domain.actor import Actor
from domain.training import TrainingEnrollment


class TrainingService:
    def __init__(self, store: RecordStore) -> None:
        self.store = store

    def enroll_in_training(self, command: EnrollInTraining) -> Recorded:
        """Enrol an active worker in a course; one enrolment per worker per
        course (name and start date) — a second one answers 409."""
        worker = self.store.active_worker(command.worker_id, "enrol in a training", command)
        training = TrainingEnrollment.enroll(
            worker=worker.dates,
            course_name=command.course_name,
            training_type=command.training_type,
            provider=command.provider,
            location=command.location,
            planned_start=command.planned_start,
            planned_end=command.planned_end,
            note=command.note,
            **self.store.stamp(command),
        )
        return self.store.create(training, "training enrolment")

    def complete_training(self, command: CompleteTraining) -> Recorded:
        """Record the course finished, with hours and result; not before enrolment."""
        return self._change_training(
            command,
            lambda t: t.complete(
                hours=command.hours,
                result=command.result,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def certify_training(self, command: CertifyTraining) -> Recorded:
        """Record the certificate of a passed course; not before completion."""
        return self._change_training(
            command,
            lambda t: t.certify(
                certificate_type=command.certificate_type,
                certificate_number=command.certificate_number,
                level=command.level,
                note=command.note,
                **self.store.stamp(command),
            ),
        )

    def withdraw_from_training(self, command: WithdrawFromTraining) -> Recorded:
        """Record that the worker left an unfinished course."""
        return self._change_training(
            command,
            lambda t: t.drop(reason=command.reason, note=command.note, **self.store.stamp(command)),
        )

    def training_details(
        self, training_id: UUID, reader: Actor, *, version: int | None = None
    ) -> TrainingDetails:
        t = self.store.load_as(
            TrainingEnrollment, training_id, TrainingNotFound, at_version=version, reader=reader
        )
        return TrainingDetails(
            id=t.id,
            version=t.version,
            worker_id=t.worker_id,
            state=t.state.value,
            course_name=t.course_name,
            training_type=t.training_type.value,
            provider=t.provider,
            location=t.location,
            planned_start=t.planned_start,
            planned_end=t.planned_end,
            enrolled_on=t.enrolled_on,
            hours=t.hours,
            result=t.result.value if t.result else None,
            completed_on=t.completed_on,
            certificate=t.certificate,
            certified_on=t.certified_on,
            dropped_on=t.dropped_on,
            drop_reason=t.drop_reason,
            created_at=t.created_on,
            modified_at=t.modified_on,
        )

    def training_events(self, training_id: UUID, reader: Actor) -> list[RecordedEvent]:
        return self.store.record_events(TrainingEnrollment, training_id, TrainingNotFound, reader)

    def _change_training(
        self, command: TrainingCommand, change: Callable[[TrainingEnrollment], None]
    ) -> Recorded:
        return self.store.change(
            TrainingEnrollment, command.training_id, command, TrainingNotFound, change
        )
