"""Commands on trainings, organised transfers and placements (caseworkers)."""

from __future__ import annotations

from application import commands as c
from application.journey import Journey
from interfaces.http.access import RECORD_JOURNEY
from interfaces.http.commands.declaration import Declared
from interfaces.http.commands.records import PLACEMENTS, TRAININGS, TRANSFERS
from interfaces.http.schemas.placements import EndIn, MonthIn, MonthWithdrawalIn, StartIn
from interfaces.http.schemas.trainings import CertificationIn, CompletionIn, EnrollIn, WithdrawalIn
from interfaces.http.schemas.transfers import (
    ArrangeIn,
    ArrivalIn,
    CancellationIn,
    DepartureIn,
    ReturnIn,
)

JOURNEY_STEP_COMMANDS = (
    Declared(
        TRAININGS,
        None,
        EnrollIn,
        c.EnrollInTraining,
        Journey.enroll_in_training,
        RECORD_JOURNEY,
        (
            "Enrol an active worker in a course (报名培训). One enrolment per worker per "
            "course and start date: a second one answers 409 naming the existing id."
        ),
    ),
    Declared(
        TRAININGS,
        "/completion",
        CompletionIn,
        c.CompleteTraining,
        Journey.complete_training,
        RECORD_JOURNEY,
        "Record the course finished (结业) with hours and result.",
    ),
    Declared(
        TRAININGS,
        "/certification",
        CertificationIn,
        c.CertifyTraining,
        Journey.certify_training,
        RECORD_JOURNEY,
        "Record the certificate a passed course earned (取证).",
    ),
    Declared(
        TRAININGS,
        "/withdrawal",
        WithdrawalIn,
        c.WithdrawFromTraining,
        Journey.withdraw_from_training,
        RECORD_JOURNEY,
        "Record that the worker left the course before finishing it.",
    ),
    Declared(
        TRANSFERS,
        None,
        ArrangeIn,
        c.ArrangeTransfer,
        Journey.arrange_transfer,
        RECORD_JOURNEY,
        (
            "Arrange the organised transfer of an active worker (安排有组织转移) to a "
            "destination division. The origin office defaults to yours; the planned date "
            "is not before the arrangement date. A deactivated worker answers 409."
        ),
    ),
    Declared(
        TRANSFERS,
        "/departure",
        DepartureIn,
        c.RecordDeparture,
        Journey.record_departure,
        RECORD_JOURNEY,
        "Record the departure (出发) of an arranged transfer and its travel mode.",
    ),
    Declared(
        TRANSFERS,
        "/arrival",
        ArrivalIn,
        c.RecordArrival,
        Journey.record_arrival,
        RECORD_JOURNEY,
        "Record the arrival (到达) of a departed transfer, confirmed by your office.",
    ),
    Declared(
        TRANSFERS,
        "/cancellation",
        CancellationIn,
        c.CancelTransfer,
        Journey.cancel_transfer,
        RECORD_JOURNEY,
        "Call off a transfer that has not departed (取消转移).",
    ),
    Declared(
        TRANSFERS,
        "/return",
        ReturnIn,
        c.RecordReturn,
        Journey.record_return,
        RECORD_JOURNEY,
        "Record that the worker came back (返乡) after arriving.",
    ),
    Declared(
        PLACEMENTS,
        None,
        StartIn,
        c.StartPlacement,
        Journey.start_placement,
        RECORD_JOURNEY,
        (
            "Start a job spell of an active worker (就业安置). The employer's unified "
            "social credit code is checked; a `transfer_id` must name a transfer of the "
            "same worker. `start_date` and `occurred_on`, if both given, must agree."
        ),
    ),
    Declared(
        PLACEMENTS,
        "/months",
        MonthIn,
        c.ConfirmMonth,
        Journey.confirm_month,
        RECORD_JOURNEY,
        (
            "Confirm one month of employment (YYYY-MM) with its evidence: once per month, "
            "inside the spell, not in the future. A month already confirmed answers 409."
        ),
    ),
    Declared(
        PLACEMENTS,
        "/month-withdrawal",
        MonthWithdrawalIn,
        c.WithdrawMonth,
        Journey.withdraw_month,
        RECORD_JOURNEY,
        (
            "Withdraw the confirmation of a month (YYYY-MM) confirmed in error, with the "
            "reason; the month may be confirmed again. A month not confirmed answers 409."
        ),
    ),
    Declared(
        PLACEMENTS,
        "/end",
        EndIn,
        c.EndPlacement,
        Journey.end_placement,
        RECORD_JOURNEY,
        "End an active job spell (离职) on `end_date`, with the reason.",
    ),
)
