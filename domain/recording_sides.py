"""Which side records what (分工): the one table of the programme's division of
work between the office that registered a worker and the office where they work.

The README's access section shows this table; the application checks every
command against it (application/case_access.py).
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    # The office that registered the worker (派出地), for good.
    HOME = "home"
    # Where the worker is now: the receiving office from arrival (or a handover)
    # until they return; the registering office while they are at home.
    WORKPLACE = "workplace"
    # The receiving office, partner of the registering office, whose division
    # holds the transfer's destination; the registering office where no partner
    # office covers it (a worker who went elsewhere is still followed from home).
    ARRIVAL = "arrival"
    # Any office serving the worker.
    EITHER = "either"


class Fact(StrEnum):
    REGISTRATION = "registration"
    PERSONAL_FILE = "personal_file"
    CONTACT = "contact"
    SUPPORT_SERVICE = "support_service"
    TRAINING = "training"
    TRANSFER = "transfer"
    ARRIVAL = "arrival"
    RETURN = "return"
    PLACEMENT = "placement"
    MONTHLY_CONFIRMATION = "monthly_confirmation"
    DISPUTE = "dispute"
    DISPUTE_HANDLING = "dispute_handling"
    SUBSIDY = "subsidy"
    HANDOVER = "handover"
    ID_NUMBER = "id_number"


RECORDED_BY: dict[Fact, Side] = {
    Fact.REGISTRATION: Side.HOME,
    Fact.PERSONAL_FILE: Side.HOME,
    Fact.CONTACT: Side.EITHER,
    Fact.SUPPORT_SERVICE: Side.EITHER,
    Fact.TRAINING: Side.HOME,
    Fact.TRANSFER: Side.HOME,
    Fact.ARRIVAL: Side.ARRIVAL,
    Fact.RETURN: Side.EITHER,
    Fact.PLACEMENT: Side.WORKPLACE,
    Fact.MONTHLY_CONFIRMATION: Side.WORKPLACE,
    Fact.DISPUTE: Side.WORKPLACE,
    Fact.DISPUTE_HANDLING: Side.EITHER,
    Fact.SUBSIDY: Side.HOME,
    Fact.HANDOVER: Side.EITHER,
    Fact.ID_NUMBER: Side.HOME,
}

# What each fact covers, for the README and the pages (Chinese, English).
FACT_WORDS: dict[Fact, tuple[str, str]] = {
    Fact.REGISTRATION: ("登记劳动力", "registration"),
    Fact.PERSONAL_FILE: (
        "脱贫状态、求职意向、技能、停用与恢复",
        "poverty status, job intention, skills, deactivation",
    ),
    Fact.CONTACT: ("联系方式变更", "contact changes"),
    Fact.SUPPORT_SERVICE: ("帮扶服务", "support services"),
    Fact.TRAINING: ("技能培训", "training courses"),
    Fact.TRANSFER: ("组织转移、出发、取消", "arranging a transfer, departure, cancellation"),
    Fact.ARRIVAL: ("到岗确认", "arrival"),
    Fact.RETURN: ("返乡", "return"),
    Fact.PLACEMENT: ("就业安置（上岗、离岗）", "placement (start, end)"),
    Fact.MONTHLY_CONFIRMATION: ("按月在岗确认", "monthly confirmations"),
    Fact.DISPUTE: ("受理务工地劳动争议", "opening a dispute at the workplace"),
    Fact.DISPUTE_HANDLING: ("调解、证据、升级、结案", "mediating, evidence, escalation, closing"),
    Fact.SUBSIDY: ("补贴审核、发放、撤销", "subsidy approval, payment, revocation"),
    Fact.HANDOVER: ("移交服务", "handover"),
    Fact.ID_NUMBER: ("查看完整身份证号", "revealing the full ID number"),
}

SIDE_WORDS: dict[Side, tuple[str, str]] = {
    Side.HOME: ("登记地（派出地）", "the registering office"),
    Side.WORKPLACE: (
        "务工地接收办公室；在家乡时为登记地",
        "the receiving office where they work; the registering office while at home",
    ),
    Side.ARRIVAL: (
        "目的地的合作接收办公室（无合作办公室时为登记地）",
        "the partner receiving office of the destination (else the registering office)",
    ),
    Side.EITHER: ("任一服务该劳动者的办公室", "any office serving the worker"),
}


def recorded_by(fact: Fact) -> Side:
    return RECORDED_BY[fact]
