"""Commands on a worker's file (caseworkers)."""

from __future__ import annotations

from typing import Any

from application import commands as c
from application.journey import Journey
from interfaces.http.access import RECORD_JOURNEY
from interfaces.http.commands.declaration import Declared, body_fields
from interfaces.http.commands.records import WORKERS
from interfaces.http.schemas.workers import (
    ContactIn,
    JobIntentionCommandIn,
    PovertyStatusIn,
    ReasonIn,
    RegisterWorkerIn,
    SkillsIn,
    SupportServiceIn,
)


def _registration_fields(body: RegisterWorkerIn) -> dict[str, Any]:
    """The job intention is one object in the body, two fields in the command."""
    fields = body_fields(body)
    intention = fields.pop("job_intention")
    fields["intended_destination"] = intention.destination if intention else None
    fields["intended_sector"] = intention.sector if intention else None
    return fields


WORKER_COMMANDS = (
    Declared(
        WORKERS,
        None,
        RegisterWorkerIn,
        c.RegisterWorker,
        Journey.register_worker,
        RECORD_JOURNEY,
        (
            "Register a worker (劳动力登记). The ID number is checked (GB 11643 check "
            "character, birth date, region code); a person can be registered only once — "
            "a second registration answers 409 naming the existing worker id."
        ),
        to_fields=_registration_fields,
    ),
    Declared(
        WORKERS,
        "/contact",
        ContactIn,
        c.ChangeContact,
        Journey.change_contact,
        RECORD_JOURNEY,
        "Record the worker's new mobile number; the number on file records nothing (200).",
    ),
    Declared(
        WORKERS,
        "/poverty-status",
        PovertyStatusIn,
        c.ChangePovertyStatus,
        Journey.change_poverty_status,
        RECORD_JOURNEY,
        (
            "Record a poverty status from an official list, effective from `effective_on`. "
            "The same status, date and source as on file records nothing (200)."
        ),
    ),
    Declared(
        WORKERS,
        "/job-intention",
        JobIntentionCommandIn,
        c.RecordJobIntention,
        Journey.record_job_intention,
        RECORD_JOURNEY,
        (
            "Record where and in which sector the worker would like to work; the "
            "intention on file records nothing (200)."
        ),
    ),
    Declared(
        WORKERS,
        "/skills",
        SkillsIn,
        c.RecordSkills,
        Journey.record_skills,
        RECORD_JOURNEY,
        "Replace the worker's list of skills; the list on file records nothing (200).",
    ),
    Declared(
        WORKERS,
        "/support-services",
        SupportServiceIn,
        c.RecordSupportService,
        Journey.record_support_service,
        RECORD_JOURNEY,
        "Log a holiday visit, hardship aid, onboarding help or job matching.",
    ),
    Declared(
        WORKERS,
        "/deactivation",
        ReasonIn,
        c.DeactivateWorker,
        Journey.deactivate_worker,
        RECORD_JOURNEY,
        "Close the worker's file (with a reason); it can be reactivated later.",
    ),
    Declared(
        WORKERS,
        "/reactivation",
        ReasonIn,
        c.ReactivateWorker,
        Journey.reactivate_worker,
        RECORD_JOURNEY,
        "Reopen a deactivated worker's file (with a reason).",
    ),
)
