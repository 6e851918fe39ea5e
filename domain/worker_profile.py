"""What the worker's file records about a person: statuses, education, skills, intentions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from domain.text import clean_text

MAX_SKILLS = 30
MAX_SKILL_LENGTH = 50


class PovertyStatus(StrEnum):
    LIFTED_OUT_OF_POVERTY = "lifted_out_of_poverty"  # 脱贫人口
    MONITORED_AT_RISK = "monitored_at_risk"  # 边缘易致贫 / 防止返贫监测对象
    GENERAL = "general"  # 一般劳动力


class Education(StrEnum):
    NONE = "none"
    PRIMARY = "primary"
    JUNIOR_SECONDARY = "junior_secondary"
    SENIOR_SECONDARY = "senior_secondary"
    VOCATIONAL = "vocational"
    JUNIOR_COLLEGE = "junior_college"
    BACHELOR_OR_ABOVE = "bachelor_or_above"


class SupportServiceKind(StrEnum):
    HOLIDAY_VISIT = "holiday_visit"  # 节日慰问
    HARDSHIP_AID = "hardship_aid"  # 困难帮扶
    ONBOARDING_HELP = "onboarding_help"  # 入职援助
    JOB_MATCHING = "job_matching"  # 岗位匹配


class WorkerStatus(StrEnum):
    ACTIVE = "active"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class JobIntention:
    destination: str | None  # division code of the region the worker would go to
    sector: str | None


def parse_skills(raw: list[str]) -> list[str]:
    skills = [clean_text(s, "skills", max_length=MAX_SKILL_LENGTH) for s in raw]
    if len(skills) > MAX_SKILLS:
        raise InvalidValue("skills", f"must list at most {MAX_SKILLS} skills")
    return list(dict.fromkeys(skills))  # drop repeats, keep the order given


def parse_job_intention(destination: str | None, sector: str | None) -> JobIntention:
    return JobIntention(
        destination=parse_division(destination, "job_intention.destination")
        if destination
        else None,
        sector=clean_text(sector, "job_intention.sector", max_length=100) if sector else None,
    )
