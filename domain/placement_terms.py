"""The terms of a job spell: contract types, kinds of job, evidence, employer codes, months."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from domain.exceptions import InvalidValue
from domain.text import compact, normalise

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")  # ASCII digits only


class ContractType(StrEnum):
    FIXED_TERM = "fixed_term"  # 固定期限
    OPEN_ENDED = "open_ended"  # 无固定期限
    TASK_BASED = "task_based"  # 以完成一定工作任务为期限
    LABOUR_DISPATCH = "labour_dispatch"  # 劳务派遣
    PART_TIME = "part_time"  # 非全日制
    NONE = "none"  # 未签订


class PlacementKind(StrEnum):
    CROSS_PROVINCE = "cross_province"  # 转移就业
    LOCAL_ENTERPRISE = "local_enterprise"  # 就近就业
    WORKSHOP = "workshop"  # 扶贫车间
    PUBLIC_WELFARE = "public_welfare"  # 公益性岗位


class Evidence(StrEnum):
    PAYROLL = "payroll"  # 工资表
    BANK_STATEMENT = "bank_statement"  # 银行流水
    EMPLOYER_CERTIFICATE = "employer_certificate"  # 用工证明


def parse_employer_code(raw: str, field: str = "employer_code") -> str:
    """A unified social credit code (统一社会信用代码, GB 32100) with a valid check character."""
    try:
        return str(uscc.validate(compact(raw)))
    except ValidationError:
        raise InvalidValue(field, "must be a valid unified social credit code") from None


def parse_month(raw: str, field: str = "month") -> str:
    """A calendar month written YYYY-MM (full-width input folded first)."""
    month = normalise(raw)
    if not _MONTH.fullmatch(month):
        raise InvalidValue(field, "must be a month written YYYY-MM, e.g. 2026-05")
    return month


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def longest_run(months: Iterable[str]) -> int:
    """The length of the longest run of consecutive calendar months."""
    best = run = 0
    previous: int | None = None
    for index in sorted({int(m[:4]) * 12 + int(m[5:7]) for m in months}):
        run = run + 1 if previous is not None and index == previous + 1 else 1
        best = max(best, run)
        previous = index
    return best
