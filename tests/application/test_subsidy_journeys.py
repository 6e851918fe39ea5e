"""Random journeys through the real aggregates, evaluated as they unfold (with
corrections): caps always hold, and what stays recorded is exactly what the rules
say of the final history — re-evaluation is deterministic and idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application import commands as c
from application.journey import Journey
from application.subsidy_facts import history_from
from domain.actor import Actor
from domain.subsidy import Subsidy, SubsidyStatus
from domain.subsidy_rules import evaluate
from tests.support.factories import CASEWORKER, register_command
from tests.support.offices import register_offices
from tests.support.subsidies import EMPLOYER_CODE, YANTAI, facts_from_log, month_list

MONTHS = month_list("2026-02", 9)  # 2026-02 … 2026-10
STATUSES = ["lifted_out_of_poverty", "monitored_at_risk", "general"]
LIVE = {SubsidyStatus.ASSESSED, SubsidyStatus.APPROVED, SubsidyStatus.PAID}

# Half the placements are tidy (a cross-province job in Yantai with six or more
# consecutive months), so stable employment and the caps are reached often.
tidy = st.integers(6, 9).flatmap(
    lambda n: st.integers(0, 9 - n).map(
        lambda start: ("cross_province", "370602", set(MONTHS[start : start + n]))
    )
)
anything = st.tuples(
    st.sampled_from(["cross_province", "local_enterprise"]),
    st.sampled_from(["370602", "320500"]),  # Yantai (partner province) or Suzhou
    st.sets(st.sampled_from(MONTHS), max_size=9),
)
placements = st.lists(st.one_of(tidy, anything), min_size=1, max_size=2)
journeys = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["lifted_out_of_poverty", *STATUSES]),
        "arrives": st.sampled_from([True, True, True, False]),
        "placements": placements,
        "withdrawn": st.sets(st.sampled_from(MONTHS), max_size=3),
        "status_change": st.none() | st.tuples(st.sampled_from(STATUSES), st.sampled_from(MONTHS)),
        "evaluate_every": st.integers(min_value=1, max_value=6),
        "pay": st.booleans(),  # approve and pay whatever is assessed, as it is found
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys)
def test_caps_hold_throughout_and_the_end_state_is_what_the_rules_say(plan: dict[str, Any]) -> None:
    journey = Journey(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}, identity_key=b"k" * 32)
    register_offices(journey)
    # Placements and their months are recorded where the worker is: Yantai from
    # the arrival, the registering office for a worker who never arrived.
    workplace = YANTAI if plan["arrives"] else CASEWORKER
    steps = 0

    def step() -> None:
        nonlocal steps
        steps += 1
        if steps % plan["evaluate_every"] == 0:
            _evaluate_and_check(journey, worker_id, pay=plan["pay"])

    worker_id = journey.register_worker(
        register_command(poverty_status=plan["status"], occurred_on=date(2026, 1, 5))
    ).aggregate_id
    transfer_id = _transfer(journey, worker_id, arrives=plan["arrives"])
    for kind, division, confirmed in plan["placements"]:
        placement_id = _placement(journey, workplace, worker_id, transfer_id, kind, division)
        for month in sorted(confirmed):
            _confirm(journey, workplace, placement_id, month)
            step()
        for month in sorted(plan["withdrawn"] & confirmed):
            journey.withdraw_month(
                c.WithdrawMonth(
                    actor=workplace, placement_id=placement_id, month=month, reason="核对有误"
                )
            )
            step()
    if plan["status_change"] is not None:
        status, month = plan["status_change"]
        journey.change_poverty_status(
            c.ChangePovertyStatus(
                actor=CASEWORKER,
                worker_id=worker_id,
                status=status,
                effective_on=date(int(month[:4]), int(month[5:7]), 1),
                source="动态调整",
            )
        )

    recorded = _evaluate_and_check(journey, worker_id)
    head = journey.recorder.max_notification_id()
    _evaluate_and_check(journey, worker_id)
    assert journey.recorder.max_notification_id() == head  # nothing new the second time

    facts = facts_from_log(journey, worker_id)
    history = history_from(worker_id, _history_events(journey, facts))
    expected = {(e.kind.value, e.basis, e.amount) for e in evaluate(history, journey.policies)}
    live = {(s.kind.value, s.basis, s.amount) for s in recorded if s.status in LIVE}
    assert live == expected
    journey.close()


def _evaluate_and_check(journey: Journey, worker_id: Any, *, pay: bool = False) -> list[Subsidy]:
    facts = facts_from_log(journey, worker_id)
    journey.evaluate_subsidies(c.EvaluateSubsidies(actor=CASEWORKER, worker_id=worker_id), facts)
    facts = facts_from_log(journey, worker_id)
    for subsidy_id in sorted(facts.subsidies) if pay else ():
        if journey.subsidy(subsidy_id).status is SubsidyStatus.ASSESSED:
            journey.approve_subsidy(c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=subsidy_id))
            journey.pay_subsidy(
                c.PaySubsidy(actor=CASEWORKER, subsidy_id=subsidy_id, payment_reference="P")
            )
    subsidies = [journey.subsidy(i) for i in facts.subsidies]
    paid = [s for s in subsidies if s.paid_amount is not None]
    paid_stable = sum(
        (s.paid_amount or 0 for s in paid if s.kind.value == "stable_job"), Decimal(0)
    )
    overpaid = sum(
        (s.overpaid_amount or 0 for s in paid if s.kind.value == "stable_job"), Decimal(0)
    )
    assert paid_stable - overpaid <= Decimal("6000.00")  # what is still owed never passes the cap
    live = [s for s in subsidies if s.status in LIVE]
    stable = sum((s.amount for s in live if s.kind.value == "stable_job"), Decimal(0))
    assert stable <= Decimal("6000.00")
    kinds = Counter(s.kind.value for s in live)
    assert kinds["life_adaptation"] <= 1
    assert kinds["transport_living"] <= 1  # one transfer in these journeys
    return subsidies


def _history_events(journey: Journey, facts: Any) -> list[Any]:
    events = []
    for record_id, versions in facts.records.items():
        events += [e for e in journey.events.get(record_id) if e.originator_version in versions]
    return events


def _transfer(journey: Journey, worker_id: Any, *, arrives: bool) -> Any:
    transfer_id = journey.arrange_transfer(
        c.ArrangeTransfer(
            actor=CASEWORKER,
            occurred_on=date(2026, 1, 10),
            worker_id=worker_id,
            destination="370600",
            channel="labour_office",
            planned_on=date(2026, 2, 1),
        )
    ).aggregate_id
    if arrives:
        ids = {"transfer_id": transfer_id}
        journey.record_departure(
            c.RecordDeparture(actor=CASEWORKER, occurred_on=date(2026, 2, 1), mode="train", **ids)
        )
        journey.record_arrival(c.RecordArrival(actor=YANTAI, occurred_on=date(2026, 2, 3), **ids))
    return transfer_id


def _placement(
    journey: Journey, actor: Actor, worker_id: Any, transfer_id: Any, kind: str, division: str
) -> Any:
    return journey.start_placement(
        c.StartPlacement(
            actor=actor,
            worker_id=worker_id,
            transfer_id=transfer_id if kind == "cross_province" else None,
            employer_name="烟台鲁渝食品有限公司",
            employer_code=EMPLOYER_CODE,
            workplace_division=division,
            position="普工",
            monthly_wage=Decimal("5000.00"),
            contract_type="fixed_term",
            kind=kind,
            start_date=date(2026, 2, 4),
        )
    ).aggregate_id


def _confirm(journey: Journey, actor: Actor, placement_id: Any, month: str) -> None:
    journey.confirm_month(
        c.ConfirmMonth(
            actor=actor,
            occurred_on=date(int(month[:4]), int(month[5:7]), 28),
            placement_id=placement_id,
            month=month,
            evidence="payroll",
        )
    )
