"""The timeline's lines for the register of offices and for who serves a
worker (domain.offices, domain.case_offices): codes, division names and
kinds only — a handover's reason and a note are typed text, never shown.

`context` of a worker's CaseOffices events is the worker's home office (the
record's detail, from its `Opened`), so an arrival at home reads as such.
"""

from __future__ import annotations

from typing import Any

from application.projections import labels as lb
from application.projections.summary_text import Summarise, Summary, fixed, place


def _office(code: str) -> str:
    """`重庆市巫山县（500237）`: the division an office code names, and the code."""
    name = place(code)
    return code if name == code else f"{name}（{code}）"


def _office_en(code: str) -> str:
    name = place(code)
    return code if name == code else f"{name} ({code})"


def _opened(e: Any, _: str | None) -> Summary:
    return Summary(
        f"建立服务归属记录（户籍地办公室 {_office(e.home_office)}）",
        f"Record of serving offices opened (home office {_office_en(e.home_office)})",
    )


def _arrival_expected(e: Any, _: str | None) -> Summary:
    zh = "、".join(_office(o) for o in e.offices)
    en = ", ".join(_office_en(o) for o in e.offices)
    return Summary(f"已出发，待 {zh} 确认到岗", f"Departed: arrival to be confirmed by {en}")


def _received(e: Any, home: str | None) -> Summary:
    if e.office == home:
        return Summary("到岗确认，仍由户籍地办公室服务", "Arrival confirmed: home office serves")
    return Summary(
        f"{_office(e.office)} 确认到岗，自此接续服务",
        f"Arrival confirmed: {_office_en(e.office)} serves from now",
    )


def _released(e: Any, _: str | None) -> Summary:
    return Summary(
        f"返乡，{_office(e.office)} 不再服务",
        f"Returned home: {_office_en(e.office)} no longer serves",
    )


def _offered(e: Any, _: str | None) -> Summary:
    return Summary(
        f"提出移交：{_office(e.from_office)} → {_office(e.to_office)}",
        f"Handover offered: from {_office_en(e.from_office)} to {_office_en(e.to_office)}",
    )


def _office_added(e: Any, _: str | None) -> Summary:
    kind = lb.label(lb.OFFICE_KIND, e.kind)
    return Summary(
        f"机构名录新增 {_office(e.code)}（{kind.zh}）",
        f"Office added to the register: {_office_en(e.code)}, {kind.en}",
    )


def _partners_linked(e: Any, _: str | None) -> Summary:
    return Summary(
        f"{_office(e.first)} 与 {_office(e.second)} 结为协作伙伴",
        f"Partners linked: {_office_en(e.first)} and {_office_en(e.second)}",
    )


OFFICE_SUMMARIES: dict[str, Summarise] = {
    "CaseOffices.Opened": _opened,
    "CaseOffices.ArrivalExpected": _arrival_expected,
    "CaseOffices.Received": _received,
    "CaseOffices.Released": _released,
    "CaseOffices.HandoverOffered": _offered,
    "CaseOffices.HandoverAccepted": fixed("接收移交，自此服务该劳动者", "Handover accepted"),
    "CaseOffices.HandoverDeclined": fixed("拒绝移交", "Handover declined"),
    "CaseOffices.HandoverWithdrawn": fixed("撤回移交", "Handover withdrawn"),
    "OfficeRegister.Opened": fixed("建立机构名录", "Register of offices opened"),
    "OfficeRegister.OfficeAdded": _office_added,
    "OfficeRegister.PartnersLinked": _partners_linked,
}
