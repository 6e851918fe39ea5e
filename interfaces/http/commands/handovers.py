"""Handing a worker over between offices (移交): offer, accept, decline, withdraw."""

from __future__ import annotations

from application import commands as c
from application.handover_commands import ServedBy
from application.journey import Journey
from interfaces.http import dependencies as d
from interfaces.http.access import RECORD_JOURNEY
from interfaces.http.commands.declaration import Declared, RecordKind
from interfaces.http.schemas.handovers import (
    DeclineHandoverIn,
    HandoverDecisionIn,
    OfferHandoverIn,
)

# The answer to a handover command: who serves the worker now, and the offers.
SERVED_BY = RecordKind(
    "/workers",
    "worker_id",
    d.worker_id_from_path,
    ServedBy,
    lambda journey, worker_id, actor: journey.served_by(worker_id, actor),
)

HANDOVER_COMMANDS = (
    Declared(
        SERVED_BY,
        "/handovers",
        OfferHandoverIn,
        c.OfferHandover,
        Journey.offer_handover,
        RECORD_JOURNEY,
        (
            "Offer the worker to another office (移交): a partner office of the registering "
            "office, or the registering office itself when the worker returns home. Only an "
            "office serving the worker offers; the offer waits in both offices' worklists "
            "(GET /handovers). If-Match: the `version` of GET /workers/{id}/served-by."
        ),
    ),
    Declared(
        SERVED_BY,
        "/handovers/accept",
        HandoverDecisionIn,
        c.AcceptHandover,
        Journey.accept_handover,
        RECORD_JOURNEY,
        (
            "Accept an offer made to your office: from now your office serves the worker, the "
            "offering receiving office no longer does, and every other pending offer lapses. "
            "Two acceptances at once: one wins, the other answers 409."
        ),
    ),
    Declared(
        SERVED_BY,
        "/handovers/decline",
        DeclineHandoverIn,
        c.DeclineHandover,
        Journey.decline_handover,
        RECORD_JOURNEY,
        "Decline an offer made to your office, with the reason.",
    ),
    Declared(
        SERVED_BY,
        "/handovers/withdraw",
        HandoverDecisionIn,
        c.WithdrawHandover,
        Journey.withdraw_handover,
        RECORD_JOURNEY,
        "Withdraw a pending offer your office made.",
    ),
)
