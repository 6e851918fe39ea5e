"""Registration and worker commands through the Application, on POPO, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from application import commands as c
from application.exceptions import DuplicateRegistration, VersionMismatch, WorkerNotFound
from application.identity import worker_id_for
from application.journey import Journey
from domain.exceptions import InvalidTransition, InvalidValue
from domain.identity import ResidentIdNumber
from tests.support.factories import (
    CASEWORKER,
    id_number,
    register_command,
    with_wrong_check_character,
)

TODAY = date(2026, 11, 26)


def test_registered_worker_can_be_read_back_with_the_id_number_masked(journey: Journey) -> None:
    number = id_number(born=date(1985, 3, 1))
    recorded = journey.register_worker(register_command(id_number=number))

    worker = journey.worker_details(recorded.aggregate_id, CASEWORKER)

    assert recorded.version == 1
    assert recorded.position >= 1
    assert worker.name == "冉光明"
    assert worker.id_number == number[:6] + "********" + number[-4:]
    assert worker.birth_date == date(1985, 3, 1)
    assert worker.registered_by == CASEWORKER
    assert worker.status == "active"


def test_worker_id_is_a_keyed_hash_of_the_normalised_id_number(journey: Journey) -> None:
    number = id_number()
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in number)  # １２３… as IMEs type it

    recorded = journey.register_worker(register_command(id_number=f" {full_width} "))

    expected = worker_id_for(ResidentIdNumber.parse(number, today=TODAY), journey.identity_key)
    assert recorded.aggregate_id == expected
    assert number not in str(recorded.aggregate_id).replace("-", "")


def test_second_registration_of_the_same_person_is_refused_naming_the_first(
    journey: Journey,
) -> None:
    number = id_number()
    first = journey.register_worker(register_command(id_number=number))
    position = journey.recorder.max_notification_id()

    with pytest.raises(DuplicateRegistration) as refused:
        journey.register_worker(register_command(id_number=number.lower(), name="另一个名字"))

    assert refused.value.existing_id == first.aggregate_id
    assert number not in str(refused.value)
    assert journey.recorder.max_notification_id() == position


def test_a_deactivated_person_still_cannot_be_registered_again(journey: Journey) -> None:
    number = id_number()
    first = journey.register_worker(register_command(id_number=number))
    journey.deactivate_worker(
        c.DeactivateWorker(actor=CASEWORKER, worker_id=first.aggregate_id, reason="moved away")
    )

    with pytest.raises(DuplicateRegistration):
        journey.register_worker(register_command(id_number=number))


def test_invalid_registration_records_nothing(journey: Journey) -> None:
    before = journey.recorder.max_notification_id()
    bad = with_wrong_check_character(id_number())

    with pytest.raises(InvalidValue) as refused:
        journey.register_worker(register_command(id_number=bad))

    assert refused.value.field == "id_number"
    assert journey.recorder.max_notification_id() == before


def test_every_worker_command_records_one_event_in_order(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    stamp = {"actor": CASEWORKER, "worker_id": worker_id}

    journey.change_contact(c.ChangeContact(**stamp, mobile="139 0000 1111"))
    journey.change_poverty_status(
        c.ChangePovertyStatus(
            **stamp,
            status="monitored_at_risk",
            effective_on=date(2026, 1, 1),
            source="县乡村振兴局监测名单",
        )
    )
    journey.record_job_intention(
        c.RecordJobIntention(**stamp, destination="370600", sector="manufacturing")
    )
    journey.record_skills(c.RecordSkills(**stamp, skills=["电焊", "叉车"]))
    journey.record_support_service(
        c.RecordSupportService(**stamp, kind="hardship_aid", amount=Decimal("800.00"))
    )
    journey.deactivate_worker(c.DeactivateWorker(**stamp, reason="moved"))
    last = journey.reactivate_worker(c.ReactivateWorker(**stamp, reason="came back"))

    events = journey.worker_events(worker_id, CASEWORKER)
    assert [e.type for e in events] == [
        "Worker.Registered",
        "Worker.ContactChanged",
        "Worker.PovertyStatusChanged",
        "Worker.JobIntentionRecorded",
        "Worker.SkillsRecorded",
        "Worker.SupportServiceRecorded",
        "Worker.Deactivated",
        "Worker.Reactivated",
    ]
    assert [e.version for e in events] == list(range(1, 9))
    assert last.version == 8
    assert all(e.actor == CASEWORKER for e in events)
    worker = journey.worker_details(worker_id, CASEWORKER)
    assert worker.mobile == "13900001111"
    assert worker.poverty_status == "monitored_at_risk"
    assert worker.poverty_status_since == date(2026, 1, 1)
    assert worker.skills == ["电焊", "叉车"]
    assert worker.support_services[0]["amount"] == Decimal("800.00")
    assert worker.status == "active"


def test_event_payloads_mask_names_id_numbers_and_phones(journey: Journey) -> None:
    number = id_number()
    worker_id = journey.register_worker(
        register_command(id_number=number, mobile="13800138000")
    ).aggregate_id

    registered = journey.worker_events(worker_id, CASEWORKER)[0]

    assert registered.payload["id_number"] == number[:6] + "********" + number[-4:]
    assert registered.payload["mobile"] == "138****8000"
    assert registered.payload["name"] == "冉**"
    assert number not in repr(registered)


def test_stale_expected_version_is_refused_and_records_nothing(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    journey.change_contact(
        c.ChangeContact(
            actor=CASEWORKER, worker_id=worker_id, mobile="13900001111", expected_version=1
        )
    )

    with pytest.raises(VersionMismatch) as refused:
        journey.change_contact(
            c.ChangeContact(
                actor=CASEWORKER, worker_id=worker_id, mobile="13700001111", expected_version=1
            )
        )

    assert refused.value.current == 2
    assert journey.worker_details(worker_id, CASEWORKER).mobile == "13900001111"


def test_commands_on_an_unknown_worker_are_refused(journey: Journey) -> None:
    unknown = worker_id_for(ResidentIdNumber.parse(id_number(), today=TODAY), b"x" * 32)
    with pytest.raises(WorkerNotFound):
        journey.change_contact(
            c.ChangeContact(actor=CASEWORKER, worker_id=unknown, mobile="13900001111")
        )
    with pytest.raises(WorkerNotFound):
        journey.worker_events(unknown, CASEWORKER)


def test_a_deactivated_worker_accepts_only_reactivation(journey: Journey) -> None:
    worker_id = journey.register_worker(register_command()).aggregate_id
    journey.deactivate_worker(
        c.DeactivateWorker(actor=CASEWORKER, worker_id=worker_id, reason="deceased")
    )

    with pytest.raises(InvalidTransition) as refused:
        journey.record_skills(
            c.RecordSkills(actor=CASEWORKER, worker_id=worker_id, skills=["茶艺"])
        )

    assert refused.value.state == "deactivated"


def test_a_roster_is_registered_in_one_transaction_or_not_at_all(journey: Journey) -> None:
    taken = id_number()
    journey.register_worker(register_command(id_number=taken))
    before = journey.recorder.max_notification_id()

    with pytest.raises(DuplicateRegistration):
        journey.register_workers([register_command(), register_command(id_number=taken)])
    assert journey.recorder.max_notification_id() == before

    recorded = journey.register_workers([register_command() for _ in range(5)])
    assert len({r.aggregate_id for r in recorded}) == 5
    assert journey.recorder.max_notification_id() == recorded[-1].position
