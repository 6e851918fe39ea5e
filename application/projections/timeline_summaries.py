"""One summary per event type: what happened, in Chinese and English.

Each function reads only codes, statuses, dates, amounts, division codes,
course and employer names from the event — never a name, ID number, phone or
free text (note, description, summary, reason, source, attendees, position).
`context` is the record's detail from its creation event: the course of a
training, the destination (division code) of a transfer, the employer of a
placement or dispute, the kind (and month) of a subsidy.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from application.clock import SHANGHAI
from application.projections import labels as lb
from application.projections.office_summaries import OFFICE_SUMMARIES
from application.projections.summary_text import Summarise, Summary
from application.projections.summary_text import fixed as _fixed
from application.projections.summary_text import place as _place
from domain.subsidy import SubsidyStatus

__all__ = ["SUMMARIES", "Summarise", "Summary", "subsidy_context"]


def _yuan(amount: Decimal) -> tuple[str, str]:
    return f"{amount:.2f} 元", f"{amount:.2f} CNY"


def _in(context: str | None, zh: str = " {}", en: str = " ({})") -> tuple[str, str]:
    """A context detail as a suffix, or nothing."""
    return (zh.format(context), en.format(context)) if context else ("", "")


# -- Worker ------------------------------------------------------------------------


def _registered(e: Any, _: str | None) -> Summary:
    status = lb.label(lb.POVERTY_STATUS, e.poverty_status)
    place = e.hukou_township or _place(e.hukou_division)
    return Summary(
        f"登记劳动力（{status.zh}，{place}）", f"Worker registered ({status.en}, {place})"
    )


def _poverty_status_changed(e: Any, _: str | None) -> Summary:
    status = lb.label(lb.POVERTY_STATUS, e.status)
    since = e.effective_on.isoformat()
    return Summary(
        f"脱贫状态变更为 {status.zh}（{since} 起）",
        f"Poverty status changed to {status.en} (from {since})",
    )


def _job_intention_recorded(e: Any, _: str | None) -> Summary:
    zh, en = _in(_place(e.destination), "（意向地 {}）", " (destination {})")
    return Summary(f"记录就业意向{zh}", f"Job intention recorded{en}")


def _skills_recorded(e: Any, _: str | None) -> Summary:
    return Summary(f"记录技能（{len(e.skills)} 项）", f"Skills recorded ({len(e.skills)})")


def _support_service_recorded(e: Any, _: str | None) -> Summary:
    kind = lb.label(lb.SUPPORT_SERVICE, e.kind)
    zh, en = ("", "")
    if e.amount is not None:
        amount_zh, amount_en = _yuan(e.amount)
        zh, en = f" {amount_zh}", f", {amount_en}"
    return Summary(f"帮扶服务：{kind.zh}{zh}", f"Support service: {kind.en}{en}")


# -- TrainingEnrollment ----------------------------------------------------------------


def _enrolled(e: Any, _: str | None) -> Summary:
    kind = lb.label(lb.TRAINING_TYPE, e.training_type)
    start, end = e.planned_start.isoformat(), e.planned_end.isoformat()
    return Summary(
        f"报名培训 {e.course_name}（{kind.zh}，{start} 至 {end}）",
        f"Enrolled in {e.course_name} ({kind.en}, {start} to {end})",
    )


def _completed(e: Any, course: str | None) -> Summary:
    result = lb.label(lb.TRAINING_RESULT, e.result)
    hours = format(Decimal(e.hours).normalize(), "f")
    zh, en = _in(course, " {}", " {}")
    return Summary(
        f"培训结业{zh}（{hours} 学时，{result.zh}）",
        f"Training{en} completed ({hours} hours, {result.en})",
    )


def _certified(_e: Any, course: str | None) -> Summary:
    zh, en = _in(course, " {}", " for {}")
    return Summary(f"取得培训证书{zh}", f"Certificate obtained{en}")


def _dropped(_e: Any, course: str | None) -> Summary:
    zh, en = _in(course, " {}", " {}")
    return Summary(f"退出培训{zh}", f"Withdrew from training{en}")


# -- Transfer ----------------------------------------------------------------------


def _arranged(e: Any, _: str | None) -> Summary:
    channel = lb.label(lb.CHANNEL, e.channel)
    planned = e.planned_on.isoformat()
    employer_zh, employer_en = _in(e.employer_name, "，{}", ", {}")
    return Summary(
        f"安排转移至 {_place(e.destination)}（{channel.zh}，计划 {planned}{employer_zh}）",
        f"Transfer arranged to {_place(e.destination)} ({channel.en}, planned {planned}"
        f"{employer_en})",
    )


def _departed(e: Any, destination: str | None) -> Summary:
    mode = lb.label(lb.TRAVEL_MODE, e.mode)
    zh, en = _in(_place(destination), "前往 {}", " for {}")
    return Summary(f"出发{zh}（{mode.zh}）", f"Departed{en} ({mode.en})")


def _arrived(_e: Any, destination: str | None) -> Summary:
    zh, en = _in(_place(destination), " {}", " in {}")
    return Summary(f"转移到达{zh}", f"Arrived{en}")


def _cancelled(_e: Any, destination: str | None) -> Summary:
    zh, en = _in(_place(destination), "（{}）", " ({})")
    return Summary(f"取消转移{zh}", f"Transfer cancelled{en}")


def _returned(_e: Any, destination: str | None) -> Summary:
    zh, en = _in(_place(destination), "自 {} ", " from {}")
    return Summary(f"{zh}返乡", f"Returned home{en}")


# -- Placement ---------------------------------------------------------------------


def _started(e: Any, _: str | None) -> Summary:
    kind = lb.label(lb.PLACEMENT_KIND, e.kind)
    contract = lb.label(lb.CONTRACT_TYPE, e.contract_type)
    wage_zh, wage_en = _yuan(e.monthly_wage)
    place = _place(e.workplace_division)
    return Summary(
        f"上岗 {e.employer_name}（{place}，{kind.zh}，月薪 {wage_zh}，{contract.zh}）",
        f"Started work at {e.employer_name} ({place}, {kind.en}, monthly wage {wage_en},"
        f" {contract.en})",
    )


def _month_confirmed(e: Any, _: str | None) -> Summary:
    evidence = lb.label(lb.EVIDENCE, e.evidence)
    return Summary(
        f"确认 {e.month} 月就业（{evidence.zh}）", f"Month {e.month} confirmed ({evidence.en})"
    )


def _month_withdrawn(e: Any, _: str | None) -> Summary:
    # The reason is text a user typed: never shown here.
    return Summary(f"撤销 {e.month} 月就业确认", f"Month {e.month} confirmation withdrawn")


def _ended(_e: Any, employer: str | None) -> Summary:
    zh, en = _in(employer, "（{}）", " at {}")
    return Summary(f"离职{zh}", f"Job ended{en}")


# -- Dispute -----------------------------------------------------------------------


def _opened(e: Any, _: str | None) -> Summary:
    kind = lb.label(lb.DISPUTE_KIND, e.kind)
    claimed_zh, claimed_en = _yuan(e.amount_claimed)
    return Summary(
        f"受理劳动争议：{kind.zh}，请求 {claimed_zh}（{e.employer_name}）",
        f"Dispute opened: {kind.en}, {claimed_en} claimed (against {e.employer_name})",
    )


def _escalated(e: Any, _: str | None) -> Summary:
    target = lb.label(lb.ESCALATION_TARGET, e.to)
    return Summary(f"移送{target.zh}", f"Escalated to {target.en}")


def _settled(e: Any, _: str | None) -> Summary:
    agreed_zh, agreed_en = _yuan(e.amount_agreed)
    recovered_zh, recovered_en = _yuan(e.amount_recovered)
    return Summary(
        f"达成调解协议：协议金额 {agreed_zh}，已追回 {recovered_zh}",
        f"Settled: {agreed_en} agreed, {recovered_en} recovered",
    )


def _closed(e: Any, _: str | None) -> Summary:
    outcome = lb.label(lb.DISPUTE_OUTCOME, e.outcome)
    return Summary(f"结案（{outcome.zh}）", f"Closed ({outcome.en})")


# -- Subsidy -----------------------------------------------------------------------
# The context of a subsidy is its kind, and the month a stable-job subsidy is for:
# six approvals of the same kind would otherwise read alike. Reasons (rejection,
# revocation) and the payment reference are typed by staff: never shown here.


_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def subsidy_context(e: Any) -> str:
    """`stable_job 2026-05`, or just the kind when the basis is not a month."""
    month = e.basis.removeprefix("month:") if e.basis.startswith("month:") else ""
    return f"{e.kind} {month}".strip()


def _subsidy(context: str | None) -> lb.Label:
    if not context:
        return lb.Label("补贴", "Subsidy")
    kind, _, month = context.partition(" ")
    name = lb.label(lb.SUBSIDY_KIND, kind)
    zh, en = _in(month if _MONTH.fullmatch(month) else None, "（{}）")
    return lb.Label(f"{name.zh}{zh}", f"{name.en[:1].upper()}{name.en[1:]}{en}")


def _subsidy_now(status: SubsidyStatus, zh: str = "", en: str = "") -> Summarise:
    word = lb.SUBSIDY_STATUS[status]

    def summarise(_e: Any, context: str | None) -> Summary:
        subsidy = _subsidy(context)
        return Summary(f"{subsidy.zh}{word.zh}{zh}", f"{subsidy.en} {word.en}{en}")

    return summarise


def _assessed(e: Any, _: str | None) -> Summary:
    subsidy = _subsidy(subsidy_context(e))
    amount_zh, amount_en = _yuan(e.amount)
    arose = e.arose_on.isoformat()
    return Summary(
        f"{subsidy.zh}已核定 {amount_zh}（{arose} 产生，政策 {e.policy_version}）",
        f"{subsidy.en} assessed: {amount_en} (arose {arose}, policy {e.policy_version})",
    )


def _reassessed(e: Any, context: str | None) -> Summary:
    subsidy = _subsidy(context)
    amount_zh, amount_en = _yuan(e.amount)
    return Summary(
        f"{subsidy.zh}重新核定为 {amount_zh}（政策 {e.policy_version}）",
        f"{subsidy.en} reassessed: {amount_en} (policy {e.policy_version})",
    )


def _subsidy_paid(e: Any, context: str | None) -> Summary:
    amount_zh, amount_en = _yuan(e.amount)
    paid_on = e.paid_on.isoformat()
    return _subsidy_now(
        SubsidyStatus.PAID, f" {amount_zh}（{paid_on}）", f": {amount_en} on {paid_on}"
    )(e, context)


def _found_overpaid(e: Any, context: str | None) -> Summary:
    overpaid_zh, overpaid_en = _yuan(e.overpaid_amount)
    amount_zh, amount_en = _yuan(e.amount)
    return _subsidy_now(
        SubsidyStatus.OVERPAID,
        f" {overpaid_zh}（现核定 {amount_zh}）",
        f": {overpaid_en} (now supported: {amount_en})",
    )(e, context)


# -- AuditExport -------------------------------------------------------------------


def _local(moment: datetime) -> str:
    """A bound in Asia/Shanghai: the date alone when it is midnight."""
    local = moment.astimezone(SHANGHAI)
    if local.time() == time.min:
        return local.date().isoformat()
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def _exported(e: Any, _: str | None) -> Summary:
    start = lb.Label("日志起始", "the start of the log")
    if e.range_from is not None:
        start = lb.Label(_local(e.range_from), _local(e.range_from))
    end = _local(e.range_to)
    channel = lb.label(lb.EXPORT_CHANNEL, e.channel)
    return Summary(
        f"导出审计记录 {start.zh} 至 {end}（{e.format}，{e.event_count} 条，{channel.zh}）",
        f"Audit records exported, {start.en} to {end} ({e.format}, {e.event_count} events,"
        f" {channel.en})",
    )


def _disclosed(e: Any, _: str | None) -> Summary:
    """Who read it is the event's actor; the reason is typed text, so not shown."""
    if e.kind == "id_number":
        return Summary("查看完整身份证号码（已留痕）", "Full ID number revealed (recorded)")
    if e.kind == "evidence_file":
        return Summary("查看证据文件（已留痕）", "Evidence file viewed (recorded)")
    return Summary("查阅争议调解记录（已留痕）", "Dispute case notes read (recorded)")


SUMMARIES: dict[str, Summarise] = {
    "Worker.Registered": _registered,
    "Worker.ContactChanged": _fixed("更新联系方式", "Contact details changed"),
    "Worker.PovertyStatusChanged": _poverty_status_changed,
    "Worker.JobIntentionRecorded": _job_intention_recorded,
    "Worker.SkillsRecorded": _skills_recorded,
    "Worker.SupportServiceRecorded": _support_service_recorded,
    "Worker.Deactivated": _fixed("停用劳动力档案", "Worker file deactivated"),
    "Worker.Reactivated": _fixed("恢复劳动力档案", "Worker file reactivated"),
    "TrainingEnrollment.Enrolled": _enrolled,
    "TrainingEnrollment.Completed": _completed,
    "TrainingEnrollment.Certified": _certified,
    "TrainingEnrollment.Dropped": _dropped,
    "Transfer.Arranged": _arranged,
    "Transfer.Departed": _departed,
    "Transfer.Arrived": _arrived,
    "Transfer.Cancelled": _cancelled,
    "Transfer.Returned": _returned,
    "Placement.Started": _started,
    "Placement.MonthConfirmed": _month_confirmed,
    "Placement.MonthWithdrawn": _month_withdrawn,
    "Placement.Ended": _ended,
    "Dispute.Opened": _opened,
    "Dispute.MediatorAssigned": _fixed("指派调解员", "Mediator assigned"),
    "Dispute.SessionRecorded": _fixed("调解会谈", "Mediation session held"),
    "Dispute.EvidenceAdded": _fixed("添加证据", "Evidence added"),
    "Dispute.Escalated": _escalated,
    "Dispute.Settled": _settled,
    "Dispute.Closed": _closed,
    "Dispute.Reopened": _fixed("重新受理争议", "Dispute reopened"),
    "Subsidy.Assessed": _assessed,
    "Subsidy.Reassessed": _reassessed,
    "Subsidy.Approved": _subsidy_now(SubsidyStatus.APPROVED),
    "Subsidy.Rejected": _subsidy_now(SubsidyStatus.REJECTED),
    "Subsidy.Paid": _subsidy_paid,
    "Subsidy.Revoked": _subsidy_now(SubsidyStatus.REVOKED),
    "Subsidy.Withdrawn": _subsidy_now(
        SubsidyStatus.WITHDRAWN, "（记录已不再支持）", " (the records no longer support it)"
    ),
    "Subsidy.FoundOverpaid": _found_overpaid,
    "Disclosure.Recorded": _disclosed,
    "AuditExport.Exported": _exported,
    **OFFICE_SUMMARIES,
}
