"""Timeline summaries: every event type reads as one line in Chinese and English,
with no personal data and no text a user typed."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Any
from uuid import uuid4

import pytest

from application.projections import labels
from application.projections.timeline import (
    RESTRICTED_SUMMARY,
    aggregate_type,
    event_type,
    is_restricted,
    origin_of,
    summarise,
)
from application.projections.timeline_summaries import SUMMARIES
from tests.unit.timeline_story import (
    COURSE,
    EMPLOYER,
    SECRETS,
    aggregate_classes,
    event_classes,
    story_events,
    worker_story,
)

ALL_EVENT_TYPES = {e.__qualname__ for a in aggregate_classes() for e in event_classes(a)}


def _context(events: list[Any]) -> dict[Any, str | None]:
    """Each record's detail, as the projection keeps it in its owners table."""
    origins = {e.originator_id: origin_of(e) for e in events if origin_of(e) is not None}
    return {k: o.context for k, o in origins.items() if o is not None}


def _summaries() -> dict[str, tuple[str, str]]:
    events = story_events()
    context = _context(events)
    out = {}
    for event in events:
        summary = summarise(event, context.get(event.originator_id))
        out[event_type(event)] = (summary.zh, summary.en)
    return out


def test_the_domain_defines_the_five_aggregates_and_their_events() -> None:
    names = {a.__name__ for a in aggregate_classes()}
    assert names >= {"Worker", "TrainingEnrollment", "Transfer", "Placement", "Dispute"}
    assert {"Transfer.Arrived", "Dispute.SessionRecorded", "Worker.Registered"} <= ALL_EVENT_TYPES
    assert "Worker.Created" not in ALL_EVENT_TYPES  # the library's base, never stored


def test_every_event_class_of_every_aggregate_has_a_summary_in_both_languages() -> None:
    assert ALL_EVENT_TYPES - SUMMARIES.keys() == set()


def test_the_story_tells_every_event_type_and_each_reads_in_both_languages() -> None:
    summaries = _summaries()

    assert set(summaries) == ALL_EVENT_TYPES
    for name, (zh, en) in summaries.items():
        assert zh and en, name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), name
        assert not en.startswith("Event recorded"), name


@pytest.mark.parametrize("secret", SECRETS)
def test_no_summary_repeats_personal_data_or_text_a_user_typed(secret: str) -> None:
    for name, (zh, en) in _summaries().items():
        assert secret not in zh, name
        assert secret not in en, name


def test_registration_reads_the_poverty_status_and_township() -> None:
    summaries = _summaries()
    assert summaries["Worker.Registered"] == (
        "登记劳动力（防止返贫监测对象，骡坪镇）",
        "Worker registered (monitored for risk of relapse, 骡坪镇)",
    )


def test_an_arrival_names_the_destination_of_its_transfer() -> None:
    assert _summaries()["Transfer.Arrived"] == (
        "转移到达 山东省烟台市莱山区",
        "Arrived in 山东省烟台市莱山区",
    )


def test_a_month_confirmation_names_the_month_and_its_evidence() -> None:
    assert _summaries()["Placement.MonthConfirmed"] == (
        "确认 2026-05 月就业（工资表）",
        "Month 2026-05 confirmed (payroll)",
    )


def test_a_withdrawn_month_names_the_month_but_not_the_reason() -> None:
    assert _summaries()["Placement.MonthWithdrawn"] == (
        "撤销 2026-05 月就业确认",
        "Month 2026-05 confirmation withdrawn",
    )


def test_amounts_show_two_decimals_and_the_currency() -> None:
    summaries = _summaries()
    assert "月薪 5200.50 元" in summaries["Placement.Started"][0]
    assert "monthly wage 5200.50 CNY" in summaries["Placement.Started"][1]
    assert summaries["Dispute.Settled"] == (
        "达成调解协议：协议金额 18600.00 元，已追回 9300.50 元",
        "Settled: 18600.00 CNY agreed, 9300.50 CNY recovered",
    )
    assert summaries["Worker.SupportServiceRecorded"] == (
        "帮扶服务：困难帮扶 500.00 元",
        "Support service: hardship aid, 500.00 CNY",
    )


def test_later_events_name_the_course_and_employer_of_their_record() -> None:
    summaries = _summaries()
    assert COURSE in summaries["TrainingEnrollment.Completed"][0]
    assert COURSE in summaries["TrainingEnrollment.Certified"][1]
    assert EMPLOYER in summaries["Placement.Ended"][0]
    assert summaries["Dispute.SessionRecorded"] == ("调解会谈", "Mediation session held")


def test_without_its_record_detail_an_event_still_reads_plainly() -> None:
    arrival = next(e for e in story_events() if event_type(e) == "Transfer.Arrived")
    summary = summarise(arrival)
    assert (summary.zh, summary.en) == ("转移到达", "Arrived")


def test_an_unknown_event_type_gets_a_safe_fallback_that_repeats_none_of_its_payload() -> None:
    @dataclass
    class Mystery:
        originator_id: Any
        secret: str

    summary = summarise(Mystery(uuid4(), "冉光明 13800138000"))

    assert summary.zh.startswith("记录事件 ")
    assert summary.en.startswith("Event recorded: ")
    assert "冉光明" not in summary.zh + summary.en
    assert "13800138000" not in summary.zh + summary.en


def test_only_the_case_notes_of_a_dispute_are_restricted() -> None:
    restricted = {name for name in ALL_EVENT_TYPES if is_restricted(name)}
    assert restricted == {"Dispute.SessionRecorded", "Dispute.EvidenceAdded"}
    assert RESTRICTED_SUMMARY.zh == "调解记录（仅调解员和审计可见）"


def test_each_event_names_the_aggregate_it_belongs_to() -> None:
    kinds = {aggregate_type(name) for name in ALL_EVENT_TYPES}
    assert kinds >= {"worker", "training", "transfer", "placement", "dispute", "subsidy"}
    assert aggregate_type("AuditExport.Exported") == "audit_export"
    assert aggregate_type("TrainingEnrollment.Completed") == "training"


def test_creation_events_say_whose_record_it_is_and_later_events_do_not() -> None:
    records = worker_story()
    worker = records[0]
    events = [event for record in records for event in record.collect_events()]

    origins = [(event_type(e), origin_of(e)) for e in events]

    created = {name: o for name, o in origins if o is not None}
    assert set(created) == {
        "Worker.Registered",
        "TrainingEnrollment.Enrolled",
        "Transfer.Arranged",
        "Placement.Started",
        "Dispute.Opened",
        "Subsidy.Assessed",
        "Disclosure.Recorded",
        "CaseOffices.Opened",
    }
    assert {o.worker_id for o in created.values()} == {worker.id}
    assert created["CaseOffices.Opened"].context == "500237"
    assert created["Transfer.Arranged"].context == "370613"
    assert created["Placement.Started"].context == EMPLOYER


def test_who_serves_the_worker_reads_by_office_and_a_handover_hides_its_reason() -> None:
    summaries = _summaries()
    assert summaries["CaseOffices.Received"] == (
        "山东省烟台市莱山区（370613） 确认到岗，自此接续服务",
        "Arrival confirmed: 山东省烟台市莱山区 (370613) serves from now",
    )
    assert summaries["CaseOffices.HandoverOffered"][1] == (
        "Handover offered: from 山东省烟台市莱山区 (370613) to 山东省烟台市福山区 (370611)"
    )
    assert summaries["OfficeRegister.OfficeAdded"][0].endswith("（370611）（接收地区县）")


def test_an_arrival_confirmed_at_home_changes_nobodys_service() -> None:
    received = next(e for e in story_events() if event_type(e) == "CaseOffices.Received")
    at_home = summarise(received, received.office)
    assert at_home.en == "Arrival confirmed: home office serves"


def test_office_events_belong_to_the_serving_record_or_the_register() -> None:
    assert aggregate_type("CaseOffices.HandoverAccepted") == "case_offices"
    assert aggregate_type("OfficeRegister.PartnersLinked") == "office_register"


def _subsidy_summaries() -> list[tuple[str, str, str]]:
    events = story_events()
    context = _context(events)
    return [
        (event_type(e), *astuple(summarise(e, context.get(e.originator_id))))
        for e in events
        if event_type(e).startswith("Subsidy.")
    ]


def test_a_subsidy_reads_its_kind_month_amount_and_status_in_both_languages() -> None:
    assert _subsidy_summaries()[:5] == [
        (
            "Subsidy.Assessed",
            "稳岗补贴（2026-05）已核定 1000.00 元（2026-05-31 产生，政策 2021-鲁渝-1）",
            "Stable-job subsidy (2026-05) assessed: 1000.00 CNY (arose 2026-05-31,"
            " policy 2021-鲁渝-1)",
        ),
        ("Subsidy.Approved", "稳岗补贴（2026-05）已审批", "Stable-job subsidy (2026-05) approved"),
        (
            "Subsidy.Paid",
            "稳岗补贴（2026-05）已发放 1000.00 元（2026-11-26）",
            "Stable-job subsidy (2026-05) paid: 1000.00 CNY on 2026-11-26",
        ),
        (
            "Subsidy.FoundOverpaid",
            "稳岗补贴（2026-05）多发待追回 1000.00 元（现核定 0.00 元）",
            "Stable-job subsidy (2026-05) overpaid, to recover: 1000.00 CNY"
            " (now supported: 0.00 CNY)",
        ),
        ("Subsidy.Revoked", "稳岗补贴（2026-05）已撤销", "Stable-job subsidy (2026-05) revoked"),
    ]


def test_subsidies_without_a_month_read_their_kind_alone() -> None:
    assert _subsidy_summaries()[6:] == [
        ("Subsidy.Rejected", "交通生活补贴不予发放", "Transport and living subsidy rejected"),
        (
            "Subsidy.Assessed",
            "生活适应期补贴已核定 5000.00 元（2026-05-31 产生，政策 2021-鲁渝-1）",
            "Life-adaptation subsidy assessed: 5000.00 CNY (arose 2026-05-31, policy 2021-鲁渝-1)",
        ),
        (
            "Subsidy.Withdrawn",
            "生活适应期补贴已撤回（记录已不再支持）",
            "Life-adaptation subsidy withdrawn (the records no longer support it)",
        ),
        (
            "Subsidy.Reassessed",
            "生活适应期补贴重新核定为 5000.00 元（政策 2021-鲁渝-1）",
            "Life-adaptation subsidy reassessed: 5000.00 CNY (policy 2021-鲁渝-1)",
        ),
    ]


def test_a_subsidy_event_whose_assessment_was_never_seen_still_reads_plainly() -> None:
    paid = next(e for e in story_events() if event_type(e) == "Subsidy.Paid")
    summary = summarise(paid)
    assert (summary.zh, summary.en) == (
        "补贴已发放 1000.00 元（2026-11-26）",
        "Subsidy paid: 1000.00 CNY on 2026-11-26",
    )


def test_a_subsidy_assessment_says_whose_it_is_and_which_kind_and_month() -> None:
    records = worker_story()
    assessed = [
        origin_of(e)
        for record in records
        for e in record.collect_events()
        if event_type(e) == "Subsidy.Assessed"
    ]
    assert [(o.worker_id, o.aggregate_type, o.context) for o in assessed if o] == [
        (records[0].id, "subsidy", "stable_job 2026-05"),
        (records[0].id, "subsidy", "transport_living"),
        (records[0].id, "subsidy", "life_adaptation"),
    ]


@pytest.mark.parametrize("codes", list(labels.ALL), ids=lambda c: c.__name__)
def test_every_code_has_a_label_in_both_languages(codes: Any) -> None:
    table = labels.ALL[codes]
    assert set(table) == set(codes)
    assert all(label.zh and label.en for label in table.values())


def test_an_unknown_code_is_shown_as_itself_and_free_text_is_not() -> None:
    assert labels.label(labels.EVIDENCE, "tax_record").en == "tax_record"
    assert labels.label(labels.EVIDENCE, "冉光明的工资条").zh == "?"
