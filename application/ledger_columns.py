"""The columns of an office's labour-export ledger (劳务输出台账), and finding its header.

Offices name their columns in many ways: the template's 公民身份号码 is 身份证号
in one county and 证件号码 in the next, 月工资(元) is 月收入 or just 工资, and a
ledger exported by a partner may be headed in English. A header cell is compared
after folding what does not change its meaning: full-width forms, letter case,
spaces, underscores, hyphens and dots, and a unit or remark in brackets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Column(StrEnum):
    """A ledger column; the value is its English key."""

    NAME = "name"
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    HUKOU_DIVISION = "hukou_division"
    TOWNSHIP = "township"
    POVERTY_STATUS = "poverty_status"
    EDUCATION = "education"
    REGISTERED_ON = "registered_on"
    DESTINATION = "destination"
    CHANNEL = "channel"
    DEPARTED_ON = "departed_on"
    TRAVEL_MODE = "travel_mode"
    ARRIVED_ON = "arrived_on"
    EMPLOYER_NAME = "employer_name"
    EMPLOYER_CODE = "employer_code"
    POSITION = "position"
    MONTHLY_WAGE = "monthly_wage"
    CONTRACT_TYPE = "contract_type"
    STARTED_ON = "started_on"
    ENDED_ON = "ended_on"
    END_REASON = "end_reason"
    MONTHS_CONFIRMED = "months_confirmed"
    NOTE = "note"


@dataclass(frozen=True)
class ColumnSpec:
    """A column as the template heads it (zh, en), the other headers real
    ledgers give it, and whether its values are personal data (masked in reports)."""

    column: Column
    zh: str
    en: str
    aliases: tuple[str, ...]
    personal: bool = False


def _spec(column: Column, zh: str, en: str, *aliases: str, personal: bool = False) -> ColumnSpec:
    return ColumnSpec(column, zh, en, aliases, personal)


C = Column
# In template order.
COLUMNS: tuple[ColumnSpec, ...] = (
    _spec(C.NAME, "姓名", "Name", "劳动者姓名", "人员姓名", "务工人员姓名", "名字",
          "full name", "worker name", personal=True),
    _spec(C.ID_NUMBER, "公民身份号码", "ID number", "身份证号", "身份证号码", "证件号码",
          "身份证", "身份证件号码", "公民身份证号码", "身份号码", "id no", "id card number",
          "id card no", "identity number", "resident id number", personal=True),
    _spec(C.MOBILE, "手机号码", "Mobile", "联系电话", "手机", "电话", "手机号", "联系方式",
          "电话号码", "本人电话", "phone", "mobile number", "phone number", "telephone",
          personal=True),
    _spec(C.HUKOU_DIVISION, "户籍地区划代码", "Hukou division code", "户籍地", "户籍所在地",
          "户籍地代码", "户籍区划代码", "户籍所在地区划代码", "户籍行政区划代码",
          "hukou division", "hukou"),
    _spec(C.TOWNSHIP, "乡镇(街道)", "Township", "乡镇", "所属乡镇", "乡镇街道", "所在乡镇",
          "户籍乡镇", "town"),
    _spec(C.POVERTY_STATUS, "脱贫状态", "Poverty status", "人员类别", "脱贫户类型",
          "是否脱贫", "是否脱贫人口", "人员类型", "脱贫属性"),
    _spec(C.EDUCATION, "文化程度", "Education", "学历", "受教育程度", "education level"),
    _spec(C.REGISTERED_ON, "登记日期", "Registered on", "登记时间", "建档日期",
          "registration date"),
    _spec(C.DESTINATION, "转移去向", "Destination", "输入地", "就业地", "务工地", "转移地",
          "务工地点", "就业地区", "转移地区", "去向", "目的地", "destination division"),
    _spec(C.CHANNEL, "转移渠道", "Channel", "就业渠道", "渠道", "转移途径", "transfer channel"),
    _spec(C.DEPARTED_ON, "出发日期", "Departed on", "出发时间", "外出日期", "外出时间",
          "离乡日期", "departure date"),
    _spec(C.TRAVEL_MODE, "出行方式", "Travel mode", "交通方式", "transport"),
    _spec(C.ARRIVED_ON, "到达日期", "Arrived on", "到达时间", "抵达日期", "arrival date"),
    _spec(C.EMPLOYER_NAME, "用工单位", "Employer", "单位名称", "就业单位", "企业名称",
          "用工单位名称", "工作单位", "务工单位", "employer name", "company"),
    _spec(C.EMPLOYER_CODE, "统一社会信用代码", "Unified social credit code", "信用代码",
          "社会信用代码", "单位信用代码", "企业信用代码", "用工单位统一社会信用代码",
          "employer code", "uscc", "credit code"),
    _spec(C.POSITION, "岗位", "Position", "工种", "职位", "就业岗位", "岗位名称", "job",
          "job title"),
    _spec(C.MONTHLY_WAGE, "月工资(元)", "Monthly wage (CNY)", "月收入", "工资", "月薪",
          "工资收入", "月均收入", "月均工资", "wage", "salary", "monthly income"),
    _spec(C.CONTRACT_TYPE, "合同类型", "Contract type", "劳动合同类型", "合同形式",
          "contract"),
    _spec(C.STARTED_ON, "入职日期", "Started on", "到岗日期", "上岗日期", "入职时间",
          "到岗时间", "上岗时间", "就业日期", "start date", "hire date"),
    _spec(C.ENDED_ON, "离职日期", "Ended on", "离职时间", "离岗日期", "end date"),
    _spec(C.END_REASON, "离职原因", "End reason", "离岗原因", "reason for leaving"),
    _spec(C.MONTHS_CONFIRMED, "已确认在岗月份", "Months confirmed", "在岗月份", "确认月份",
          "稳岗月份", "confirmed months", "months employed"),
    _spec(C.NOTE, "备注", "Note", "说明", "备注说明", "notes", "remarks", "remark"),
)  # fmt: skip
SPECS: dict[Column, ColumnSpec] = {spec.column: spec for spec in COLUMNS}

# A unit or remark in brackets: 月工资(元), 月工资（元）, 姓名【必填】, Monthly wage (CNY).
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】")
# Spaces (also the ideographic space used to align 姓　名), separators, required-marks.
_IGNORED = re.compile(r"[\s_\-.·:*※]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def header_key(text: str) -> str:
    """What a header cell says once spelling differences are folded away."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _IGNORED.sub("", _BRACKETED.sub("", folded))


def _keys(spec: ColumnSpec) -> set[str]:
    return {header_key(h) for h in (spec.column.value, spec.zh, spec.en, *spec.aliases)}


_BY_KEY: dict[str, Column] = {key: spec.column for spec in COLUMNS for key in _keys(spec)}


def column_named(header: str) -> Column | None:
    """The column a header cell names. A cell may hold the Chinese and the
    English on two lines (姓名⏎Name): each line is tried when the whole is not."""
    found = _BY_KEY.get(header_key(header))
    if found is not None:
        return found
    for line in header.splitlines():
        if (found := _BY_KEY.get(header_key(line))) is not None:
            return found
    return None


@dataclass(frozen=True)
class HeaderMatch:
    """Which column each position holds (0-based), and the header cells that
    name no column of ours (kept as written, for the import's report)."""

    columns: dict[int, Column]
    ignored: list[str]


def recognise_header(cells: Sequence[object]) -> HeaderMatch | None:
    """The header this row is, if it names at least the name and the ID
    number; None otherwise (a title row, a blank row, a row of data).

    A column named twice (手机 and 联系电话) is read from its first position;
    the second is listed with the ignored cells rather than guessed between.
    """
    columns: dict[int, Column] = {}
    ignored: list[str] = []
    for position, cell in enumerate(cells):
        if cell is None or (text := str(cell).strip()) == "":
            continue
        column = column_named(text) if isinstance(cell, str) else None
        if column is None or column in columns.values():
            ignored.append(text)
        else:
            columns[position] = column
    if Column.NAME in columns.values() and Column.ID_NUMBER in columns.values():
        return HeaderMatch(columns, ignored)
    return None


def joined_with_row_above(header: HeaderMatch, above: Sequence[object]) -> HeaderMatch:
    """A two-row header whose lower row holds the name and the ID number: the
    columns the upper row names where the lower row is blank (a heading merged
    down over both rows, as 备注 often is). Its other cells (group headings such
    as 基本信息 over 姓名 and 身份证号) name no column and are left aside."""
    columns = dict(header.columns)
    for position, cell in enumerate(above):
        column = column_named(cell) if isinstance(cell, str) else None
        if column is not None and position not in columns and column not in columns.values():
            columns[position] = column
    return HeaderMatch(columns, header.ignored) if columns != header.columns else header


def joined_with_row_below(header: HeaderMatch, below: Sequence[object]) -> HeaderMatch | None:
    """A two-row header whose upper row holds the name and the ID number, and
    whose lower row names the columns under a group heading (转移就业 over
    目的地, 出发日期…): the header of both, or None where the row below is not
    part of it (a row of data: some cell of it names no column)."""
    named: dict[int, Column] = {}
    for position, cell in enumerate(below):
        if cell is None or (isinstance(cell, str) and cell.strip() == ""):
            continue
        column = column_named(cell) if isinstance(cell, str) else None
        if column is None:
            return None
        named[position] = column
    # Under each position the lower row's column wins: a group heading above
    # it (or the same column named in both rows) is not a column of its own.
    columns = {p: c for p, c in header.columns.items() if p not in named}
    if not named or any(c in columns.values() for c in named.values()):
        return None
    return HeaderMatch({**columns, **named}, header.ignored)
