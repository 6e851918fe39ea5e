"""The case files fold: stages, stable employment, dispute amounts — pure, no SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from eventsourcing.domain import Aggregate

from application.projections.case_files import (
    KEYS,
    CaseFileFold,
    JourneyStage,
    Row,
    records_to_read,
)
from domain.actor import Actor, Role
from domain.dispute import Dispute
from domain.placement import Placement
from domain.training import TrainingEnrollment
from domain.transfer import Transfer
from domain.worker import Worker
from tests.unit.placement_builders import EMPLOYER_CODE
from tests.unit.worker_builders import id_number, register

TODAY = date(2026, 11, 26)
WUSHAN = Actor("li.ming", Role.CASEWORKER, "500237")
YANTAI = Actor("zhang.hua", Role.CASEWORKER, "370600")
MEDIATOR = Actor("wang.fang", Role.MEDIATOR, "370600")
Positioned = list[tuple[int, Any]]


def at(on: date, actor: Actor = WUSHAN) -> dict[str, Any]:
    return {"actor": actor, "occurred_on": on, "today": TODAY}


class Log:
    """Events in the order they were saved, numbered from 1 as the log does."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def save(self, *aggregates: Aggregate) -> None:
        for aggregate in aggregates:
            self.events.extend(aggregate.collect_events())

    def positioned(self) -> Positioned:
        return list(enumerate(self.events, start=1))

    def fold(self) -> CaseFileFold:
        fold = CaseFileFold()
        fold.apply_all(self.positioned())
        return fold


def worker(log: Log, **overrides: Any) -> Worker:
    w = register(id_number=id_number(seq=f"{len(log.events) % 1000:03d}"), **overrides)
    log.save(w)
    return w


def trained(log: Log, w: Worker, *, certified: bool = False) -> TrainingEnrollment:
    t = TrainingEnrollment.enroll(
        worker=w.dates,
        course_name="家政服务员",
        training_type="pre_job",
        provider="巫山县职教中心",
        location=None,
        planned_start=date(2026, 3, 10),
        planned_end=date(2026, 3, 20),
        **at(date(2026, 3, 5)),
    )
    t.complete(hours=64, result="passed", **at(date(2026, 3, 20)))
    if certified:
        t.certify(
            certificate_type="职业技能等级证书",
            certificate_number="S1",
            level=None,
            **at(date(2026, 4, 1)),
        )
    log.save(t)
    return t


def moved(log: Log, w: Worker) -> Transfer:
    t = Transfer.arrange(
        worker=w.dates,
        destination="370600",
        channel="job_fair",
        planned_on=date(2026, 3, 25),
        **at(date(2026, 3, 21)),
    )
    log.save(t)
    t.record_departure(mode="train", **at(date(2026, 3, 25)))
    t.confirm_arrival(**at(date(2026, 3, 26), YANTAI))
    log.save(t)
    return t


def placed(log: Log, w: Worker, on: date = date(2026, 3, 30), **overrides: Any) -> Placement:
    fields: dict[str, Any] = {
        "worker": w.dates,
        "employer_name": "烟台鲁渝食品有限公司",
        "employer_code": EMPLOYER_CODE,
        "workplace_division": "370602",
        "position": "普工",
        "monthly_wage": "5200.50",
        "contract_type": "fixed_term",
        "kind": "cross_province",
        **at(on, YANTAI),
    }
    fields.update(overrides)
    p = Placement.start(**fields)
    log.save(p)
    return p


def confirm(log: Log, p: Placement, *months: str) -> None:
    for month in months:
        p.confirm_month(month=month, evidence="payroll", **at(TODAY, YANTAI))
    log.save(p)


def withdraw(log: Log, p: Placement, *months: str) -> None:
    for month in months:
        p.withdraw_month(month=month, reason="误录", **at(TODAY, YANTAI))
    log.save(p)


def disputed(log: Log, w: Worker, claimed: str = "18600.00") -> Dispute:
    d = Dispute.open(
        worker=w.dates,
        employer_name="烟台鲁源食品有限公司",
        employer_code=None,
        kind="wage_arrears",
        amount_claimed=claimed,
        description="拖欠工资",
        **at(date(2026, 6, 1), MEDIATOR),
    )
    log.save(d)
    return d


def row_of(fold: CaseFileFold, table: str, record: Aggregate) -> Row:
    row = fold.row(table, record.id)
    assert row is not None, f"no {table} row for {record.id}"
    return row


def worker_row(fold: CaseFileFold, w: Worker) -> Row:
    return row_of(fold, "workers", w)


def test_a_registered_worker_has_a_case_file_with_the_id_number_masked() -> None:
    log = Log()
    w = worker(log)

    row = worker_row(log.fold(), w)

    number = w.id_number
    assert row["id_last4"] == number[-4:]
    assert row["id_number_masked"] == number[:6] + "********" + number[-4:]
    assert number not in row.values()
    assert (row["name"], row["township"], row["office"]) == ("冉光明", "骡坪镇", "500237")
    assert (row["stage"], row["status"], row["poverty_status"]) == (
        "registered",
        "active",
        "lifted_out_of_poverty",
    )
    assert (row["registered_on"], row["registered_year"], row["registered_position"]) == (
        "2026-03-02",
        2026,
        1,
    )


def test_the_stage_moves_through_each_milestone_of_the_journey() -> None:
    log = Log()
    w = worker(log)
    stages = []
    trained(log, w, certified=True)
    stages.append(worker_row(log.fold(), w)["stage"])
    moved(log, w)
    stages.append(worker_row(log.fold(), w)["stage"])
    p = placed(log, w)
    stages.append(worker_row(log.fold(), w)["stage"])
    confirm(log, p, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")
    stages.append(worker_row(log.fold(), w)["stage"])

    assert stages == ["trained", "transferred", "placed", "stably_employed"]
    row = worker_row(log.fold(), w)
    assert (row["trainings_completed"], row["certificates"], row["transfers_arrived"]) == (1, 1, 1)
    assert (row["current_placement_id"], row["confirmed_months"]) == (str(p.id), 6)


def test_a_worker_placed_locally_without_training_goes_straight_to_placed() -> None:
    log = Log()
    w = worker(log)
    placed(log, w, kind="workshop", workplace_division="500237")

    assert worker_row(log.fold(), w)["stage"] == JourneyStage.PLACED


def test_the_stage_never_goes_back_when_the_job_ends() -> None:
    log = Log()
    w = worker(log)
    p = placed(log, w)
    confirm(log, p, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")
    p.end(reason="合同期满", **at(date(2026, 9, 30), YANTAI))
    log.save(p)

    row = worker_row(log.fold(), w)
    assert row["stage"] == "stably_employed"
    assert row["current_placement_id"] is None
    assert row_of(log.fold(), "placements", p)["state"] == "ended"


def test_a_course_finished_after_the_job_started_does_not_move_the_stage_back() -> None:
    log = Log()
    w = worker(log)
    placed(log, w, on=date(2026, 3, 2))
    trained(log, w, certified=True)

    row = worker_row(log.fold(), w)
    assert (row["stage"], row["trainings_completed"], row["certificates"]) == ("placed", 1, 1)


def test_five_consecutive_months_and_one_after_a_gap_are_not_stable_employment() -> None:
    log = Log()
    w = worker(log)
    p = placed(log, w)
    confirm(log, p, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-09")

    row = log.fold().row("placements", p.id)
    assert row is not None
    assert (row["longest_run"], row["stable"], row["stable_since"]) == (5, 0, None)
    assert worker_row(log.fold(), w)["stage"] == "placed"
    assert worker_row(log.fold(), w)["confirmed_months"] == 6

    confirm(log, p, "2026-08")

    row = log.fold().row("placements", p.id)
    assert row is not None
    assert row["months"] == "2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09"
    assert (row["longest_run"], row["stable"], row["stable_since"]) == (7, 1, "2026-08")
    assert worker_row(log.fold(), w)["stage"] == "stably_employed"


def test_a_withdrawn_month_takes_back_stable_employment_and_the_stage() -> None:
    log = Log()
    w = worker(log)
    p = placed(log, w)
    confirm(log, p, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")
    assert worker_row(log.fold(), w)["stage"] == "stably_employed"

    withdraw(log, p, "2026-05")

    fold = log.fold()
    row = row_of(fold, "placements", p)
    assert row["months"] == "2026-03,2026-04,2026-06,2026-07,2026-08"
    assert (row["longest_run"], row["stable"], row["stable_since"]) == (3, 0, None)
    assert (worker_row(fold, w)["stage"], worker_row(fold, w)["confirmed_months"]) == ("placed", 5)

    confirm(log, p, "2026-05")

    row = row_of(log.fold(), "placements", p)
    assert (row["longest_run"], row["stable"], row["stable_since"]) == (6, 1, "2026-08")
    assert worker_row(log.fold(), w)["stage"] == "stably_employed"
    assert worker_row(log.fold(), w)["confirmed_months"] == 6


def test_a_worker_stays_stably_employed_while_another_spell_is_stable() -> None:
    log = Log()
    w = worker(log, occurred_on=date(2025, 3, 3))  # registered before the first spell
    first = placed(log, w, on=date(2025, 3, 3))
    confirm(log, first, "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08")
    second = placed(log, w, on=date(2026, 3, 2))
    confirm(log, second, "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")

    withdraw(log, second, "2026-08")
    assert worker_row(log.fold(), w)["stage"] == "stably_employed"

    withdraw(log, first, "2025-03", "2025-04")
    fold = log.fold()
    assert worker_row(fold, w)["stage"] == "placed"
    assert worker_row(fold, w)["confirmed_months"] == 9
    assert row_of(fold, "placements", first)["months"] == "2025-05,2025-06,2025-07,2025-08"


def test_withdrawing_a_month_that_keeps_the_run_stable_moves_only_the_stable_month() -> None:
    log = Log()
    w = worker(log)
    p = placed(log, w)
    months = ("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09")
    confirm(log, p, *months)
    assert row_of(log.fold(), "placements", p)["stable_since"] == "2026-08"

    withdraw(log, p, "2026-03")

    row = row_of(log.fold(), "placements", p)
    assert (row["longest_run"], row["stable"], row["stable_since"]) == (6, 1, "2026-09")
    assert worker_row(log.fold(), w)["stage"] == "stably_employed"


def test_months_confirmed_out_of_order_give_the_same_run_and_stable_month() -> None:
    months = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    rows = []
    for order in (months, list(reversed(months))):
        log = Log()
        p = placed(log, worker(log), on=date(2026, 5, 4))
        confirm(log, p, *order)
        row = log.fold().row("placements", p.id)
        assert row is not None
        rows.append({k: row[k] for k in ("months", "longest_run", "stable", "stable_since")})

    assert (
        rows[0]
        == rows[1]
        == {
            "months": ",".join(months),
            "longest_run": 6,
            "stable": 1,
            "stable_since": "2026-10",
        }
    )


def test_the_current_placement_is_the_active_spell_started_last() -> None:
    log = Log()
    w = worker(log)
    first = placed(log, w, on=date(2026, 3, 30))
    second = placed(log, w, on=date(2026, 5, 4), kind="workshop", workplace_division="500237")
    assert worker_row(log.fold(), w)["current_placement_id"] == str(second.id)

    second.end(reason="车间停工", **at(date(2026, 6, 30), YANTAI))
    log.save(second)

    assert worker_row(log.fold(), w)["current_placement_id"] == str(first.id)


def test_the_wage_and_dispute_amounts_are_kept_in_fen() -> None:
    log = Log()
    w = worker(log)
    p = placed(log, w)
    d = disputed(log, w, claimed="18600.05")
    d.assign_mediator(mediator="wang.fang", **at(date(2026, 6, 2), MEDIATOR))
    d.settle(amount_agreed="15000.10", amount_recovered="9300", **at(date(2026, 6, 10), MEDIATOR))
    log.save(d)

    fold = log.fold()
    assert row_of(fold, "placements", p)["monthly_wage_fen"] == 520050
    row = fold.row("disputes", d.id)
    assert row is not None
    assert (row["amount_claimed_fen"], row["amount_agreed_fen"], row["amount_recovered_fen"]) == (
        1860005,
        1500010,
        930000,
    )
    assert (row["status"], row["mediator"], row["settled_on"]) == (
        "settled",
        "wang.fang",
        "2026-06-10",
    )
    assert (row["opened_on"], row["mediation_due_on"]) == ("2026-06-01", "2026-06-16")


def test_open_disputes_count_down_on_closure_and_up_again_on_reopening() -> None:
    log = Log()
    w = worker(log)
    first, second = disputed(log, w), disputed(log, w)
    assert worker_row(log.fold(), w)["open_disputes"] == 2

    first.assign_mediator(mediator="wang.fang", **at(date(2026, 6, 2), MEDIATOR))
    first.close(outcome="withdrawn", reason=None, **at(date(2026, 6, 5), MEDIATOR))
    log.save(first)
    assert worker_row(log.fold(), w)["open_disputes"] == 1
    assert row_of(log.fold(), "disputes", first)["closed_on"] == "2026-06-05"

    first.reopen(reason="企业未履行", **at(date(2026, 7, 1), MEDIATOR))
    log.save(first)
    fold = log.fold()
    assert worker_row(fold, w)["open_disputes"] == 2
    row = fold.row("disputes", first.id)
    assert row is not None
    assert (row["status"], row["closed_on"]) == ("in_mediation", None)
    assert row["last_position"] == len(log.events)
    assert row_of(fold, "disputes", second)["status"] == "opened"


def test_a_transfer_keeps_the_poverty_status_the_worker_had_when_it_was_arranged() -> None:
    log = Log()
    w = worker(log, poverty_status="monitored_at_risk")
    t = moved(log, w)
    w.change_poverty_status(
        status="lifted_out_of_poverty",
        effective_on=date(2026, 6, 30),
        source="名单",
        **at(date(2026, 6, 30)),
    )
    log.save(w)

    fold = log.fold()
    assert row_of(fold, "transfers", t)["poverty_status_at_arrangement"] == "monitored_at_risk"
    assert worker_row(fold, w)["poverty_status"] == "lifted_out_of_poverty"


def test_deactivation_and_reactivation_change_the_status_and_the_last_position() -> None:
    log = Log()
    w = worker(log)
    w.deactivate(reason="迁出", **at(date(2026, 5, 1)))
    log.save(w)
    assert worker_row(log.fold(), w)["status"] == "deactivated"

    w.reactivate(reason="迁回", **at(date(2026, 6, 1)))
    log.save(w)
    row = worker_row(log.fold(), w)
    assert (row["status"], row["last_position"]) == ("active", 3)


def _story() -> Positioned:
    log = Log()
    a, b = worker(log), worker(log, poverty_status="general")
    trained(log, a, certified=True)
    moved(log, a)
    p = placed(log, a)
    confirm(log, p, "2026-03", "2026-04", "2026-05")
    d = disputed(log, a)
    placed(log, b, kind="public_welfare", workplace_division="500237")
    confirm(log, p, "2026-06", "2026-07", "2026-08", "2026-09")
    d.assign_mediator(mediator="wang.fang", **at(date(2026, 6, 2), MEDIATOR))
    d.settle(amount_agreed="100", amount_recovered="50", **at(date(2026, 6, 9), MEDIATOR))
    d.close(outcome="settled", reason=None, **at(date(2026, 6, 20), MEDIATOR))
    d.reopen(reason="未履行", **at(date(2026, 7, 1), MEDIATOR))
    log.save(d)
    withdraw(log, p, "2026-05")
    confirm(log, p, "2026-05")
    p.end(reason="离职", **at(date(2026, 10, 31), YANTAI))
    log.save(p)
    withdraw(log, p, "2026-06")
    return log.positioned()


def _fold_in_pages(events: Positioned, size: int) -> dict[str, dict[str, Row]]:
    """As the projector does: read what each page needs from a store, fold, write back."""
    stored: dict[str, dict[str, Row]] = {table: {} for table in KEYS}
    for start in range(0, len(events), size):
        page = events[start : start + size]
        reads = records_to_read(e for _, e in page)
        rows = {
            t: {k: dict(stored[t][k]) for k in reads.records[t] if k in stored[t]}
            for t in KEYS
            if t != "workers"
        }
        wanted = reads.workers_of(r for found in rows.values() for r in found.values())
        rows["workers"] = {k: dict(stored["workers"][k]) for k in wanted if k in stored["workers"]}
        fold = CaseFileFold(rows)
        fold.apply_all(page)
        for table, key in KEYS.items():
            stored[table].update({r[key]: dict(r) for r in fold.changed_rows(table)})
    return stored


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_folding_in_pages_of_any_size_gives_the_same_rows_as_all_at_once(size: int) -> None:
    events = _story()

    assert _fold_in_pages(events, size) == _fold_in_pages(events, len(events))


def test_a_page_reads_only_the_records_it_did_not_create_and_their_workers() -> None:
    log = Log()
    known = worker(log)
    p = placed(log, known)
    log.events.clear()
    new = worker(log)
    confirm(log, p, "2026-03")
    t = trained(log, new)

    reads = records_to_read(log.events)

    assert reads.records["placements"] == {str(p.id)}
    assert reads.records["trainings"] == set()
    assert reads.created == {str(new.id), str(t.id)}
    child = {"worker_id": str(known.id)}
    assert reads.workers_of([child]) == {str(known.id)}


def test_an_event_of_a_record_never_seen_created_changes_nothing() -> None:
    log = Log()
    p = placed(log, register())  # its worker was never registered in this log
    confirm(log, p, "2026-03")
    stray = Log()
    confirm(stray, placed(Log(), register()), "2026-04")

    fold = log.fold()
    fold.apply_all((100 + i, e) for i, e in enumerate(stray.events))

    assert row_of(fold, "placements", p)["months"] == "2026-03"
    assert fold.changed_rows("workers") == []
    assert [r["placement_id"] for r in fold.changed_rows("placements")] == [str(p.id)]
