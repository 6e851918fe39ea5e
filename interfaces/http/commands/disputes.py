"""Commands on labour disputes (劳动争议): opened by caseworkers or mediators,
handled by mediators."""

from __future__ import annotations

from application import commands as c
from application.journey import Journey
from interfaces.http.access import HANDLE_DISPUTES, OPEN_DISPUTE
from interfaces.http.commands.declaration import Declared
from interfaces.http.commands.records import DISPUTES
from interfaces.http.schemas.disputes import (
    ClosureIn,
    EscalationIn,
    EvidenceIn,
    MediatorIn,
    OpenDisputeIn,
    ReopeningIn,
    SessionIn,
    SettlementIn,
)

DISPUTE_COMMANDS = (
    Declared(
        DISPUTES,
        None,
        OpenDisputeIn,
        c.OpenDispute,
        Journey.open_dispute,
        OPEN_DISPUTE,
        (
            "Accept (受理) an active worker's dispute with an employer. `occurred_on` "
            "(the acceptance date, not before the worker's registration) starts the 15-day "
            "mediation clock (劳动争议调解仲裁法 art. 14)."
        ),
    ),
    Declared(
        DISPUTES,
        "/mediator",
        MediatorIn,
        c.AssignMediator,
        Journey.assign_mediator,
        HANDLE_DISPUTES,
        (
            "Assign the mediator (调解员) — you, unless `mediator` names another. The "
            "mediator already assigned records nothing (200 with the dispute as it is)."
        ),
    ),
    Declared(
        DISPUTES,
        "/sessions",
        SessionIn,
        c.RecordSession,
        Journey.record_dispute_session,
        HANDLE_DISPUTES,
        "Record a mediation session held on `occurred_on`; only while in mediation.",
    ),
    Declared(
        DISPUTES,
        "/evidence",
        EvidenceIn,
        c.AddEvidence,
        Journey.add_dispute_evidence,
        HANDLE_DISPUTES,
        (
            "Add a document and its SHA-256 as evidence (证据). A document already added "
            "with the same digest records nothing (200 with the dispute as it is)."
        ),
    ),
    Declared(
        DISPUTES,
        "/escalation",
        EscalationIn,
        c.EscalateDispute,
        Journey.escalate_dispute,
        HANDLE_DISPUTES,
        "Refer the dispute to labour arbitration, work-injury determination or a court.",
    ),
    Declared(
        DISPUTES,
        "/settlement",
        SettlementIn,
        c.SettleDispute,
        Journey.settle_dispute,
        HANDLE_DISPUTES,
        "Record the agreement (调解协议): amount agreed and amount recovered so far.",
    ),
    Declared(
        DISPUTES,
        "/closure",
        ClosureIn,
        c.CloseDispute,
        Journey.close_dispute,
        HANDLE_DISPUTES,
        "Close the dispute (结案) with its outcome.",
    ),
    Declared(
        DISPUTES,
        "/reopening",
        ReopeningIn,
        c.ReopenDispute,
        Journey.reopen_dispute,
        HANDLE_DISPUTES,
        (
            "Reopen a closed dispute, not before its closure: back in mediation if it "
            "has a mediator. The reopening date starts a new 15-day mediation period "
            "(`mediation_due_on`); earlier periods stay in `mediation_periods`."
        ),
    ),
)
