"""Trainings through the Application, on POPO, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from application import commands as c
from application.exceptions import (
    DuplicateRecord,
    TrainingNotFound,
    VersionMismatch,
    WorkerInactive,
    WorkerNotFound,
)
from application.journey import Journey
from tests.support.factories import CASEWORKER, register_command


def enrol(journey: Journey, worker_id: UUID, course: str = "电焊工（初级）") -> UUID:
    return journey.enroll_in_training(
        c.EnrollInTraining(
            actor=CASEWORKER,
            worker_id=worker_id,
            course_name=course,
            training_type="pre_job",
            provider="巫山县就业和人才中心",
            planned_start=date(2026, 4, 1),
            planned_end=date(2026, 4, 10),
            occurred_on=date(2026, 3, 20),
        )
    ).aggregate_id


def test_a_training_goes_from_enrolment_to_certificate(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    training_id = enrol(journey, worker_id)
    stamp = {"actor": CASEWORKER, "training_id": training_id}

    journey.complete_training(
        c.CompleteTraining(
            **stamp, hours=Decimal("64"), result="passed", occurred_on=date(2026, 4, 10)
        )
    )
    last = journey.certify_training(
        c.CertifyTraining(
            **stamp,
            certificate_type="职业技能等级证书",
            certificate_number="S5002370001",
            occurred_on=date(2026, 5, 6),
        )
    )

    training = journey.training_details(training_id, CASEWORKER)
    assert last.version == 3
    assert training.state == "certified"
    assert training.worker_id == worker_id
    assert training.hours == Decimal("64")
    assert [e.type for e in journey.training_events(training_id, CASEWORKER)] == [
        "TrainingEnrollment.Enrolled",
        "TrainingEnrollment.Completed",
        "TrainingEnrollment.Certified",
    ]


def test_enrolling_twice_in_the_same_course_is_refused(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    first = enrol(journey, worker_id)
    with pytest.raises(DuplicateRecord) as refused:
        enrol(journey, worker_id)
    assert refused.value.existing_id == first
    assert enrol(journey, worker_id, course="叉车司机") != first


def test_a_training_needs_an_existing_active_worker(journey: Journey) -> None:
    with pytest.raises(WorkerNotFound):
        enrol(journey, uuid4())
    worker_id = journey.register_worker(register_command()).aggregate_id
    journey.deactivate_worker(
        c.DeactivateWorker(actor=CASEWORKER, worker_id=worker_id, reason="moved")
    )
    before = journey.recorder.max_notification_id()
    with pytest.raises(WorkerInactive):
        enrol(journey, worker_id)
    assert journey.recorder.max_notification_id() == before


def test_a_stale_version_is_refused_and_nothing_is_written(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    training_id = enrol(journey, worker_id)
    journey.withdraw_from_training(
        c.WithdrawFromTraining(
            actor=CASEWORKER,
            training_id=training_id,
            reason="ill",
            expected_version=1,
            occurred_on=date(2026, 4, 2),
        )
    )
    with pytest.raises(VersionMismatch):
        journey.withdraw_from_training(
            c.WithdrawFromTraining(
                actor=CASEWORKER, training_id=training_id, reason="again", expected_version=1
            )
        )
    assert journey.training_details(training_id, CASEWORKER).version == 2


def test_a_worker_id_is_not_a_training_id(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    with pytest.raises(TrainingNotFound):
        journey.training_details(worker_id, CASEWORKER)
    with pytest.raises(TrainingNotFound):
        journey.training_events(worker_id, CASEWORKER)
