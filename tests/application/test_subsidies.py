"""Subsidies through the Application, on POPO, SQLite and PostgreSQL: evaluation
from the log, the office's decisions, corrections, and racing evaluations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from application import commands as c
from application.exceptions import EvaluationRace, SubsidyNotFound
from application.journey import Journey
from domain.exceptions import InvalidTransition, InvalidValue
from domain.subsidy import Subsidy, SubsidyStatus
from tests.support.factories import CASEWORKER
from tests.support.subsidies import (
    YANTAI,
    Story,
    arrived_in_2024,
    facts_from_log,
    transferred_worker,
    transport_of,
)


def evaluate(journey: Journey, story: Story) -> list[Subsidy]:
    facts = facts_from_log(journey, story.worker_id)
    journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=CASEWORKER, worker_id=story.worker_id), facts
    )
    return subsidies_of(journey, story)


def subsidies_of(journey: Journey, story: Story) -> list[Subsidy]:
    facts = facts_from_log(journey, story.worker_id)
    return sorted((journey.subsidy(s) for s in facts.subsidies), key=lambda s: (s.kind, s.basis))


def test_six_confirmed_months_entitle_all_three_subsidies_with_their_evidence(
    journey: Journey,
) -> None:
    story = transferred_worker(journey, months=6)

    found = evaluate(journey, story)

    assert [(s.kind.value, s.basis, s.amount) for s in found] == [
        ("life_adaptation", "once", Decimal("5000.00")),
        *[("stable_job", f"month:2026-0{m}", Decimal("1000.00")) for m in range(3, 9)],
        ("transport_living", f"transfer:{story.transfer_id}", Decimal("1500.00")),
    ]
    assert {s.status for s in found} == {SubsidyStatus.ASSESSED}
    assert {s.policy_version for s in found} == {"2021-鲁渝-1"}
    transport = found[-1]
    arrived = journey.transfer_events(story.transfer_id, CASEWORKER)[2]
    # The evidence names the arrival by record, version and its position in the log.
    positions = {(e["aggregate_id"], e["version"]): e["position"] for e in transport.evidence}
    assert positions[(story.transfer_id, 3)] == _position_of(journey, story.transfer_id, 3)
    assert arrived.type == "Transfer.Arrived"
    assert "1500" in transport.explanation_zh and "1500" in transport.explanation_en
    assert found[0].arose_on == date(2026, 8, 31)  # the sixth month completed


def test_evaluating_the_same_history_again_records_nothing(journey: Journey) -> None:
    story = transferred_worker(journey, months=6)
    evaluate(journey, story)
    head = journey.recorder.max_notification_id()

    again = journey.evaluate_subsidies(
        c.EvaluateSubsidies(actor=CASEWORKER, worker_id=story.worker_id),
        facts_from_log(journey, story.worker_id),
    )

    assert (again.changed, again.position) == ([], None)
    assert journey.recorder.max_notification_id() == head


def test_five_months_are_not_stable_employment(journey: Journey) -> None:
    story = transferred_worker(journey, months=5)

    assert [s.kind.value for s in evaluate(journey, story)] == ["transport_living"]


def test_a_general_worker_gets_only_the_transport_subsidy(journey: Journey) -> None:
    story = transferred_worker(journey, months=8, poverty_status="general")

    assert [s.kind.value for s in evaluate(journey, story)] == ["transport_living"]


def test_approve_reject_pay_and_revoke_follow_the_lifecycle(journey: Journey) -> None:
    story = transferred_worker(journey, months=6)
    life, *stable, transport = evaluate(journey, story)

    with pytest.raises(InvalidTransition):  # paying an unapproved subsidy
        journey.pay_subsidy(
            c.PaySubsidy(actor=CASEWORKER, subsidy_id=transport.id, payment_reference="P-1")
        )
    journey.approve_subsidy(c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=transport.id))
    with pytest.raises(InvalidTransition):  # approving twice
        journey.approve_subsidy(c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=transport.id))
    paid = journey.pay_subsidy(
        c.PaySubsidy(
            actor=CASEWORKER,
            subsidy_id=transport.id,
            payment_reference="YT-2026-0001",
        )
    )
    with pytest.raises(InvalidTransition):  # paying twice
        journey.pay_subsidy(
            c.PaySubsidy(actor=CASEWORKER, subsidy_id=transport.id, payment_reference="P-2")
        )
    journey.reject_subsidy(
        c.RejectSubsidy(actor=CASEWORKER, subsidy_id=life.id, reason="材料不全，待补充")
    )
    journey.revoke_subsidy(
        c.RevokeSubsidy(actor=CASEWORKER, subsidy_id=stable[0].id, reason="重复申报")
    )

    after = journey.subsidy(transport.id)
    assert (after.status, after.paid_amount, after.paid_on) == (
        SubsidyStatus.PAID,
        Decimal("1500.00"),
        journey.today(),
    )
    assert (after.payment_reference, paid.version) == ("YT-2026-0001", 3)
    assert journey.subsidy(life.id).status is SubsidyStatus.REJECTED
    assert journey.subsidy(stable[0].id).status is SubsidyStatus.REVOKED
    with pytest.raises(SubsidyNotFound):
        journey.subsidy(story.worker_id)  # a worker is not a subsidy


def test_a_payment_made_in_2024_is_recorded_as_made_in_2024(journey: Journey) -> None:
    past = arrived_in_2024(journey)
    transport = journey.subsidy(transport_of(journey, past))  # found today, from 2024

    journey.approve_subsidy(
        c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=transport.id, occurred_on=date(2024, 4, 1))
    )
    journey.pay_subsidy(
        c.PaySubsidy(
            actor=CASEWORKER,
            subsidy_id=transport.id,
            payment_reference="WS-2024-BT-0007",
            paid_on=date(2024, 5, 6),
        )
    )

    paid = journey.subsidy(transport.id)
    assert (paid.status, paid.decided_on, paid.paid_on) == (
        SubsidyStatus.PAID,
        date(2024, 4, 1),
        date(2024, 5, 6),
    )
    events = journey.subsidy_events(transport.id, CASEWORKER)
    assert [(e.type, e.occurred_on) for e in events] == [
        ("Subsidy.Assessed", date(2024, 3, 12)),  # the day it arose: the arrival
        ("Subsidy.Approved", date(2024, 4, 1)),
        ("Subsidy.Paid", date(2024, 5, 6)),  # dated the day the money went out
    ]


def test_a_decision_before_the_day_the_subsidy_arose_is_refused(journey: Journey) -> None:
    transport = journey.subsidy(transport_of(journey, arrived_in_2024(journey)))

    with pytest.raises(InvalidValue) as refused:
        journey.approve_subsidy(
            c.ApproveSubsidy(
                actor=CASEWORKER, subsidy_id=transport.id, occurred_on=date(2024, 3, 11)
            )
        )

    assert str(refused.value) == (
        "occurred_on: must not be before the date the subsidy arose (2024-03-12)"
    )
    assert journey.subsidy(transport.id).version == 1  # nothing recorded


def test_a_withdrawn_month_withdraws_unpaid_subsidies_and_flags_paid_ones(
    journey: Journey,
) -> None:
    story = transferred_worker(journey, months=6)
    life, march, *_, transport = evaluate(journey, story)
    for subsidy in (march, life):
        journey.approve_subsidy(c.ApproveSubsidy(actor=CASEWORKER, subsidy_id=subsidy.id))
    journey.pay_subsidy(
        c.PaySubsidy(actor=CASEWORKER, subsidy_id=march.id, payment_reference="YT-0002")
    )

    journey.withdraw_month(
        c.WithdrawMonth(
            actor=YANTAI, placement_id=story.placement_id, month="2026-05", reason="工资表有误"
        )
    )
    after = {s.basis: s for s in evaluate(journey, story)}

    assert after["month:2026-03"].status is SubsidyStatus.OVERPAID
    assert after["month:2026-03"].overpaid_amount == Decimal("1000.00")
    assert after["once"].status is SubsidyStatus.WITHDRAWN
    assert {after[f"month:2026-0{m}"].status for m in (4, 5, 6, 7, 8)} == {SubsidyStatus.WITHDRAWN}
    assert after[transport.basis].status is SubsidyStatus.ASSESSED  # the move still happened
    events = journey.events.get(march.id)
    assert [type(e).__qualname__ for e in events][-1] == "Subsidy.FoundOverpaid"


def test_confirming_the_month_again_restores_what_was_withdrawn(journey: Journey) -> None:
    story = transferred_worker(journey, months=6)
    evaluate(journey, story)
    journey.withdraw_month(
        c.WithdrawMonth(
            actor=YANTAI, placement_id=story.placement_id, month="2026-05", reason="待核实"
        )
    )
    evaluate(journey, story)
    journey.confirm_month(
        c.ConfirmMonth(
            actor=YANTAI,
            placement_id=story.placement_id,
            month="2026-05",
            evidence="bank_statement",
        )
    )

    after = evaluate(journey, story)

    assert {s.status for s in after} == {SubsidyStatus.ASSESSED}
    assert len(after) == 8


def test_a_back_dated_status_change_withdraws_what_it_no_longer_supports(
    journey: Journey,
) -> None:
    story = transferred_worker(journey, months=6)
    evaluate(journey, story)

    journey.change_poverty_status(
        c.ChangePovertyStatus(
            actor=CASEWORKER,
            worker_id=story.worker_id,
            status="general",
            effective_on=date(2026, 3, 1),
            source="2026年动态调整名单",
        )
    )
    after = {s.kind.value: s.status for s in evaluate(journey, story)}

    assert after == {
        "life_adaptation": SubsidyStatus.WITHDRAWN,
        "stable_job": SubsidyStatus.WITHDRAWN,
        "transport_living": SubsidyStatus.ASSESSED,
    }


def test_two_racing_evaluations_record_each_entitlement_once(journey: Journey) -> None:
    story = transferred_worker(journey, months=6)
    facts = facts_from_log(journey, story.worker_id)
    first = journey.subsidy_changes(facts)
    second = journey.subsidy_changes(facts)  # computed before the first is saved

    journey.record_subsidy_changes(first)
    with pytest.raises(EvaluationRace):
        journey.record_subsidy_changes(second)

    assert len(subsidies_of(journey, story)) == 8
    assert all(journey.subsidy(s.id).version == 1 for s in first)


def _position_of(journey: Journey, record_id: object, version: int) -> int:
    for n in journey.recorder.select_notifications(start=1, limit=1_000_000):
        if str(n.originator_id) == str(record_id) and n.originator_version == version:
            return int(n.id)
    raise AssertionError("event not in the log")
