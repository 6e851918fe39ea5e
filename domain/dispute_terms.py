"""The vocabulary of a labour dispute (劳动争议), its statutory clock, and who
may read its case notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

from domain.actor import Role
from domain.exceptions import InvalidValue
from domain.text import clean_name, compact

# 劳动争议调解仲裁法 art. 14: mediation that has not reached an agreement within
# 15 days of the dispute being accepted (受理) may go to arbitration. A reopened
# case is mediated again: a new period runs from the reopening.
MEDIATION_DAYS = 15
MAX_ATTENDEES = 30

_SHA256 = re.compile(r"[0-9a-f]{64}")


class DisputeKind(StrEnum):
    WAGE_ARREARS = "wage_arrears"  # 工资纠纷 (拖欠工资)
    WORK_INJURY = "work_injury"  # 工伤
    CONTRACT = "contract"  # 劳动合同纠纷
    SOCIAL_INSURANCE = "social_insurance"  # 社会保险
    OTHER = "other"


class DisputeStatus(StrEnum):
    OPENED = "opened"  # 已受理
    IN_MEDIATION = "in_mediation"  # 调解中
    ESCALATED = "escalated"  # 已移送仲裁/认定/诉讼
    SETTLED = "settled"  # 达成协议
    CLOSED = "closed"  # 结案


class EscalationTarget(StrEnum):
    LABOUR_ARBITRATION = "labour_arbitration"  # 劳动仲裁
    WORK_INJURY_DETERMINATION = "work_injury_determination"  # 工伤认定
    COURT = "court"  # 人民法院


class DisputeOutcome(StrEnum):
    SETTLED = "settled"  # 调解成功
    WITHDRAWN = "withdrawn"  # 撤回
    REFERRED = "referred"  # 移送其他机构
    UNRESOLVED = "unresolved"  # 调解不成


def mediation_due_on(accepted_on: date) -> date:
    """The last day of the statutory mediation period (调解期限) that started
    on `accepted_on` (the acceptance, or a reopening)."""
    return accepted_on + timedelta(days=MEDIATION_DAYS)


class PeriodStart(StrEnum):
    ACCEPTED = "accepted"  # 受理
    REOPENED = "reopened"  # 重新调解


class PeriodEnd(StrEnum):
    """What stops the mediation clock: the case leaves mediation."""

    ESCALATED = "escalated"
    SETTLED = "settled"
    CLOSED = "closed"


@dataclass(frozen=True)
class MediationPeriod:
    """One run of the statutory mediation clock: from the acceptance or a
    reopening until escalation, settlement or closure (open while it runs)."""

    started_on: date
    started_by: PeriodStart
    ended_on: date | None = None
    ended_by: PeriodEnd | None = None

    @property
    def due_on(self) -> date:
        return mediation_due_on(self.started_on)

    @property
    def running(self) -> bool:
        return self.ended_on is None

    def ended(self, on: date, by: PeriodEnd) -> MediationPeriod:
        return replace(self, ended_on=on, ended_by=by)


# Who may read case notes: what was said in mediation and the evidence behind it
# is confidential to the mediators and the inspectors who audit them.
CASE_NOTE_READERS = frozenset({Role.MEDIATOR, Role.AUDITOR})
# Events that are case notes as a whole…
CONFIDENTIAL_EVENTS = frozenset({"SessionRecorded", "EvidenceAdded"})
# …and the free-text fields of the other events.
CONFIDENTIAL_FIELDS = frozenset({"description", "summary", "attendees", "reason", "note"})


def may_read_case_notes(role: Role) -> bool:
    """Mediators and auditors read a dispute's description, sessions, evidence
    and reasons; caseworkers see only its kind, status, amounts and dates."""
    return role in CASE_NOTE_READERS


def is_confidential_event(event_name: str) -> bool:
    """`event_name` as stored (`Dispute.SessionRecorded`) or bare."""
    return event_name.rpartition(".")[2] in CONFIDENTIAL_EVENTS


def parse_employer_code(raw: str | None) -> str | None:
    """An optional unified social credit code (统一社会信用代码, GB 32100)."""
    if raw is None or not compact(raw):
        return None
    try:
        return str(uscc.validate(compact(raw)))
    except stdnum_errors.ValidationError:
        raise InvalidValue(
            "employer_code", "is not a valid unified social credit code (GB 32100)"
        ) from None


def parse_sha256(raw: str) -> str:
    """A SHA-256 digest as 64 hexadecimal characters, stored in lower case."""
    digest = compact(raw).lower()
    if not _SHA256.fullmatch(digest):
        raise InvalidValue("sha256", "must be 64 hexadecimal characters (a SHA-256 digest)")
    return digest


def parse_attendees(raw: Sequence[str]) -> list[str]:
    """Who attended a session: at least one name, each given once."""
    if isinstance(raw, str):
        raise InvalidValue("attendees", "must be a list of names")
    names = [clean_name(name, "attendees", max_length=100) for name in raw]
    if not names:
        raise InvalidValue("attendees", "must name at least one attendee")
    if len(names) > MAX_ATTENDEES:
        raise InvalidValue("attendees", f"must name at most {MAX_ATTENDEES} attendees")
    return list(dict.fromkeys(names))
