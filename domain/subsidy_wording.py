"""The computation behind an entitlement, in words (Chinese and English).

Only dates, months, division codes and their names, statuses, amounts and the
policy version appear — never a name, ID number or phone number.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.divisions import division_name
from domain.subsidy_months import StableRun
from domain.subsidy_policy import SubsidyPolicy
from domain.worker_profile import PovertyStatus

_STATUS_ZH = {
    PovertyStatus.LIFTED_OUT_OF_POVERTY: "脱贫人口",
    PovertyStatus.MONITORED_AT_RISK: "防止返贫监测对象",
    PovertyStatus.GENERAL: "一般劳动力",
}
_STATUS_EN = {
    PovertyStatus.LIFTED_OUT_OF_POVERTY: "lifted out of poverty",
    PovertyStatus.MONITORED_AT_RISK: "monitored at risk of returning to poverty",
    PovertyStatus.GENERAL: "general",
}


def _province_zh(policy: SubsidyPolicy) -> str:
    code = policy.partner_province
    return division_name(code + "0000") or f"区划代码 {code} 的省份"


def _place_zh(division: str) -> str:
    return division_name(division) or f"区划代码 {division}"


def transport_wording(arrived_on: date, destination: str, policy: SubsidyPolicy) -> tuple[str, str]:
    amount = policy.transport_amount
    zh = (
        f"有组织转移于 {arrived_on.isoformat()} 到达{_place_zh(destination)}"
        f"（区划代码 {destination}），按政策 {policy.version}，"
        f"每次到岗的有组织转移发放交通生活补贴 {amount} 元。"
    )
    en = (
        f"An organised transfer arrived on {arrived_on.isoformat()} "
        f"(destination division {destination}); under policy {policy.version} each "
        f"transfer that arrives earns a transport and living subsidy of {amount} CNY."
    )
    return zh, en


def _run_zh(run: StableRun, index: int, policy: SubsidyPolicy) -> str:
    first, month = run.months[0].month, run.months[index].month
    stable = run.months[run.stable_at].month
    return (
        f"自 {first} 起在{_province_zh(policy)}连续就业，{month} 为连续第 {index + 1} 个月"
        f"（连续 {run.required} 个月即为稳定就业，于 {stable} 达到）"
    )


def _run_en(run: StableRun, index: int, policy: SubsidyPolicy) -> str:
    first, month = run.months[0].month, run.months[index].month
    stable = run.months[run.stable_at].month
    return (
        f"{month} is month {index + 1} of consecutive confirmed employment since {first} "
        f"in the partner province (province code {policy.partner_province}), which became "
        f"stable employment ({run.required} consecutive months) in {stable}"
    )


def stable_job_wording(
    run: StableRun,
    index: int,
    status: PovertyStatus,
    policy: SubsidyPolicy,
    *,
    amount: Decimal,
    total: Decimal,
) -> tuple[str, str]:
    per_month, cap = policy.stable_job_amount_per_month, policy.stable_job_cap
    month = run.months[index].month
    partly_zh = f"，因达上限本月只发 {amount} 元" if amount < per_month else ""
    partly_en = (
        f"; only {amount} CNY this month, as the cap is reached" if amount < per_month else ""
    )
    zh = (
        f"{_run_zh(run, index, policy)}；{month} 月末身份为{_STATUS_ZH[status]}；"
        f"按政策 {policy.version} 稳岗补贴每月 {per_month} 元{partly_zh}，"
        f"累计 {total} 元（每人上限 {cap} 元）。"
    )
    en = (
        f"{_run_en(run, index, policy)}; status at the end of {month}: "
        f"{_STATUS_EN[status]}; under policy {policy.version} the stable-job subsidy is "
        f"{per_month} CNY per month{partly_en}; {total} CNY in all so far "
        f"(cap {cap} CNY per worker)."
    )
    return zh, en


def life_adaptation_wording(
    run: StableRun, index: int, status: PovertyStatus, policy: SubsidyPolicy
) -> tuple[str, str]:
    month, amount = run.months[index].month, policy.life_adaptation_amount
    zh = (
        f"{_run_zh(run, index, policy)}；{month} 月末身份为{_STATUS_ZH[status]}；"
        f"按政策 {policy.version} 一次性发放生活适应期补贴 {amount} 元（每人一次）。"
    )
    en = (
        f"{_run_en(run, index, policy)}; status at the end of {month}: "
        f"{_STATUS_EN[status]}; under policy {policy.version} the life-adaptation subsidy "
        f"is {amount} CNY, once per worker."
    )
    return zh, en
