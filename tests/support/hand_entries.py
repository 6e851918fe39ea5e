"""What caseworkers enter by hand before an office's ledger is imported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from application import commands as c
from application.journey import Journey
from domain.actor import Actor, Role
from tests.support.factories import CASEWORKER, register_command

LAISHAN_CASEWORKER = Actor(user="wang.li", role=Role.CASEWORKER, office="370613")


def entered_by_hand(journey: Journey, number: str, *, arrived: bool) -> tuple[Any, Any, Any]:
    """A worker, their transfer to 莱山区 and (once arrived) their job spell, as
    caseworkers enter them before the office's ledger is imported."""
    worker = journey.register_worker(
        register_command(actor=CASEWORKER, id_number=number, occurred_on=date(2024, 2, 20))
    ).aggregate_id
    transfer = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=CASEWORKER,
            occurred_on=date(2024, 2, 25),
            worker_id=worker,
            destination="370613",
            channel="labour_office",
            planned_on=date(2024, 3, 1),
        )
    ).aggregate_id
    if not arrived:
        return worker, transfer, None
    journey.record_departure(
        c.RecordDeparture(
            actor=CASEWORKER,
            occurred_on=date(2024, 3, 1),
            mode="chartered_bus",
            transfer_id=transfer,
        )
    )
    journey.record_arrival(
        c.RecordArrival(
            actor=LAISHAN_CASEWORKER, occurred_on=date(2024, 3, 2), transfer_id=transfer
        )
    )
    placement = journey.start_placement(
        c.StartPlacement(
            actor=LAISHAN_CASEWORKER,
            worker_id=worker,
            transfer_id=transfer,
            employer_name="烟台某某电子有限公司",
            employer_code="91370600MA3C7X8K01",
            workplace_division="370613",
            position="普工",
            monthly_wage=Decimal("5200.00"),
            contract_type="fixed_term",
            kind="cross_province",
            start_date=date(2024, 3, 5),
        )
    ).aggregate_id
    return worker, transfer, placement
