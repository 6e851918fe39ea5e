"""The office's decisions on a subsidy (caseworkers); evaluation has its own route."""

from __future__ import annotations

from application import commands as c
from application.journey import Journey
from interfaces.http.access import RECORD_JOURNEY
from interfaces.http.commands.declaration import Declared
from interfaces.http.commands.records import SUBSIDIES
from interfaces.http.schemas.subsidy import ApprovalIn, PaymentIn, RejectionIn, RevocationIn

SUBSIDY_COMMANDS = (
    Declared(
        SUBSIDIES,
        "/approval",
        ApprovalIn,
        c.ApproveSubsidy,
        Journey.approve_subsidy,
        RECORD_JOURNEY,
        "Approve (审批) an assessed subsidy. Approving twice answers 409.",
    ),
    Declared(
        SUBSIDIES,
        "/rejection",
        RejectionIn,
        c.RejectSubsidy,
        Journey.reject_subsidy,
        RECORD_JOURNEY,
        "Refuse an assessed subsidy, with the reason.",
    ),
    Declared(
        SUBSIDIES,
        "/payment",
        PaymentIn,
        c.PaySubsidy,
        Journey.pay_subsidy,
        RECORD_JOURNEY,
        (
            "Record the payment (发放) of an approved subsidy with its reference. "
            "Paying an unapproved subsidy, or paying twice, answers 409."
        ),
    ),
    Declared(
        SUBSIDIES,
        "/revocation",
        RevocationIn,
        c.RevokeSubsidy,
        Journey.revoke_subsidy,
        RECORD_JOURNEY,
        "Revoke (撤销) a subsidy — assessed, approved or paid — with the reason.",
    ),
)
