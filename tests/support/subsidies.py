"""Journeys that earn subsidies, and the facts the policy process would index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from stdnum.cn import uscc

from application import commands as c
from application.journey import Journey
from application.subsidy_commands import WorkerFacts, facts_from_rows
from application.subsidy_facts import index_events
from domain.actor import Actor, Role
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import offices_registered

YANTAI = Actor(user="zhang.hua", role=Role.CASEWORKER, office="370600")
EMPLOYER_CODE = "91370602MA3CXY12K" + uscc.calc_check_digit("91370602MA3CXY12K")


@dataclass(frozen=True)
class Story:
    worker_id: UUID
    transfer_id: UUID
    placement_id: UUID


def facts_from_log(journey: Journey, worker_id: UUID) -> WorkerFacts:
    """The worker's facts as the policy process indexes them, from the whole log."""
    notifications = journey.recorder.select_notifications(start=1, limit=1_000_000)
    decoded = [(n.id, journey.mapper.to_domain_event(n)) for n in notifications]
    head = decoded[-1][0] if decoded else 0
    return facts_from_rows(worker_id, index_events(decoded, {}), as_of=head)


def month_list(first: str, how_many: int) -> list[str]:
    start = int(first[:4]) * 12 + int(first[5:7]) - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(start, start + how_many)]


def transferred_worker(
    journey: Journey, months: int, *, poverty_status: str = "lifted_out_of_poverty"
) -> Story:
    """Registered 2026-03-02, arrived in Yantai 2026-03-17, working there from
    2026-03-18, with `months` consecutive months confirmed from 2026-03.

    Yantai, the partner receiving office, records the arrival and from then the
    placement and its months (the offices are registered here if they are not)."""
    offices_registered(journey)
    worker_id = journey.register_worker(
        register_command(poverty_status=poverty_status)
    ).aggregate_id
    transfer_id = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=CASEWORKER,
            occurred_on=date(2026, 3, 5),
            worker_id=worker_id,
            destination="370600",
            channel="labour_office",
            planned_on=date(2026, 3, 16),
            employer_name="烟台鲁渝食品有限公司",
        )
    ).aggregate_id
    journey.record_departure(
        c.RecordDeparture(
            actor=CASEWORKER, occurred_on=date(2026, 3, 16), mode="train", transfer_id=transfer_id
        )
    )
    journey.record_arrival(
        c.RecordArrival(actor=YANTAI, occurred_on=date(2026, 3, 17), transfer_id=transfer_id)
    )
    placement_id = journey.start_placement(
        c.StartPlacement(
            actor=YANTAI,
            worker_id=worker_id,
            transfer_id=transfer_id,
            employer_name="烟台鲁渝食品有限公司",
            employer_code=EMPLOYER_CODE,
            workplace_division="370602",
            position="叉车司机",
            monthly_wage=Decimal("5200.00"),
            contract_type="fixed_term",
            kind="cross_province",
            start_date=date(2026, 3, 18),
        )
    ).aggregate_id
    story = Story(worker_id, transfer_id, placement_id)
    for month in month_list("2026-03", months):
        confirm(journey, story, month)
    return story


def confirm(journey: Journey, story: Story, month: str) -> None:
    journey.confirm_month(
        c.ConfirmMonth(
            actor=YANTAI,
            occurred_on=date(int(month[:4]), int(month[5:7]), 28),
            placement_id=story.placement_id,
            month=month,
            evidence="payroll",
        )
    )


@dataclass(frozen=True)
class PastJourney:
    worker_id: UUID
    transfer_id: UUID


def arrived_in_2024(journey: Journey) -> PastJourney:
    """A general worker, entered today as an office digitising its ledger would:
    registered 2024-01-10, sent to Yantai on 2024-03-10, arrived 2024-03-12 —
    so a transport subsidy arose on 2024-03-12 (the only one: not lifted out
    of poverty)."""
    offices_registered(journey)
    worker_id = journey.register_worker(
        register_command(poverty_status="general", occurred_on=date(2024, 1, 10))
    ).aggregate_id
    transfer_id = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=CASEWORKER,
            occurred_on=date(2024, 3, 1),
            worker_id=worker_id,
            destination="370600",
            channel="labour_office",
            planned_on=date(2024, 3, 10),
            employer_name="烟台鲁渝食品有限公司",
        )
    ).aggregate_id
    journey.record_departure(
        c.RecordDeparture(
            actor=CASEWORKER, occurred_on=date(2024, 3, 10), mode="train", transfer_id=transfer_id
        )
    )
    journey.record_arrival(
        c.RecordArrival(actor=YANTAI, occurred_on=date(2024, 3, 12), transfer_id=transfer_id)
    )
    return PastJourney(worker_id, transfer_id)


def transport_of(journey: Journey, past: PastJourney) -> UUID:
    """Evaluate the worker now; the id of the one subsidy it finds."""
    facts = facts_from_log(journey, past.worker_id)
    journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=CASEWORKER, worker_id=past.worker_id), facts
    )
    [subsidy_id] = facts_from_log(journey, past.worker_id).subsidies
    return subsidy_id
