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
        (
            "Approve (审批) an assessed subsidy. `occurred_on` (default today) may be back-dated"
            " to the date the subsidy arose (`arose_on`), not earlier, and not after today"
            " (422). Approving twice answers 409."
        ),
    ),
    Declared(
        SUBSIDIES,
        "/rejection",
        RejectionIn,
        c.RejectSubsidy,
        Journey.reject_subsidy,
        RECORD_JOURNEY,
        (
            "Refuse an assessed subsidy, with the reason. `occurred_on` as for an approval:"
            " on or after the date the subsidy arose, not after today."
        ),
    ),
    Declared(
        SUBSIDIES,
        "/payment",
        PaymentIn,
        c.PaySubsidy,
        Journey.pay_subsidy,
        RECORD_JOURNEY,
        (
            "Record the payment (发放) of an approved subsidy with its reference. `paid_on`,"
            " the day the money went out (default `occurred_on`), may be back-dated to the"
            " approval, not earlier, and not after today (422). Paying an unapproved subsidy,"
            " or paying twice, answers 409."
        ),
    ),
    Declared(
        SUBSIDIES,
        "/revocation",
        RevocationIn,
        c.RevokeSubsidy,
        Journey.revoke_subsidy,
        RECORD_JOURNEY,
        (
            "Revoke (撤销) a subsidy — assessed, approved or paid — with the reason; not dated"
            " before its last step (the date it arose, the approval, the payment date)."
        ),
    ),
)
