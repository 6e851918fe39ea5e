"""Reading a ledger's pick-list cells and places in the words offices use.

Ledgers say 脱贫户 or 已脱贫 where the record says lifted_out_of_poverty, 技校 for
vocational schooling, 点对点 for a chartered bus, 烟台市莱山区 or just 莱山区 for
division 370613. Each pick-list column accepts the record's codes, the labels
this system shows (in Chinese and English), and the other words real ledgers
use; a place may be a six-digit division code or the name of a current division.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

from stdnum import numdb

from application.ledger_cells import CellRefused, cell_text
from application.ledger_columns import Column
from application.projections import labels
from domain.divisions import division_name, is_known_division
from domain.placement_terms import ContractType
from domain.transfer import TransferChannel, TravelMode
from domain.worker_profile import Education, PovertyStatus

Choice = PovertyStatus | Education | TransferChannel | TravelMode | ContractType

# Words beyond the codes and the labels of application/projections/labels.py.
SYNONYMS: dict[Column, dict[Choice, tuple[str, ...]]] = {
    Column.POVERTY_STATUS: {
        PovertyStatus.LIFTED_OUT_OF_POVERTY: ("脱贫", "脱贫户", "已脱贫", "脱贫劳动力", "是"),
        PovertyStatus.MONITORED_AT_RISK: (
            "监测对象", "边缘易致贫", "边缘易致贫户", "边缘户", "监测户",
            "脱贫不稳定户", "突发严重困难户", "monitored",
        ),
        PovertyStatus.GENERAL: ("一般", "普通", "否", "一般农户", "非贫困户", "普通劳动力"),
    },
    Column.EDUCATION: {
        Education.NONE: ("文盲", "半文盲", "无", "学龄前", "none"),
        Education.PRIMARY: ("小学及以下", "primary"),
        Education.JUNIOR_SECONDARY: ("初级中学",),
        Education.SENIOR_SECONDARY: ("高级中学", "普通高中"),
        Education.VOCATIONAL: (
            "中专", "职高", "技校", "中职", "职业高中", "技工学校", "中等专业学校", "中专/职高",
        ),
        Education.JUNIOR_COLLEGE: ("专科", "大学专科", "高职", "大专/高职"),
        Education.BACHELOR_OR_ABOVE: (
            "本科", "大学本科", "大学", "研究生", "硕士", "博士", "研究生及以上",
        ),
    },
    Column.CHANNEL: {
        TransferChannel.JOB_FAIR: ("现场招聘会", "专场招聘会"),
        TransferChannel.ONLINE_RECOMMENDATION: ("网络招聘", "线上招聘", "网上招聘", "直播带岗"),
        TransferChannel.LABOUR_OFFICE: ("劳务输出", "劳务工作站", "驻外工作站", "劳务协作站"),
    },
    Column.TRAVEL_MODE: {
        TravelMode.CHARTERED_BUS: ("专车", "点对点", "包车", "专列", "大巴", "点对点包车"),
        TravelMode.TRAIN: ("高铁", "动车", "火车专列"),
        TravelMode.PLANE: ("航班", "乘飞机"),
        TravelMode.SELF_ARRANGED: ("自驾", "自行", "自主前往", "self arranged"),
    },
    Column.CONTRACT_TYPE: {
        ContractType.FIXED_TERM: ("固定期限", "有固定期限"),
        ContractType.OPEN_ENDED: ("无固定期限",),
        ContractType.TASK_BASED: ("以完成一定工作任务为期限的合同", "项目合同"),
        ContractType.LABOUR_DISPATCH: ("派遣", "劳务派遣合同"),
        ContractType.PART_TIME: ("非全日制用工", "小时工"),
        ContractType.NONE: ("未签订", "未签", "无", "无合同", "没有"),
    },
}  # fmt: skip
# Keyed by the enum of each column (Any: a Mapping's key type does not vary with it).
LABELS: dict[Column, Mapping[Any, labels.Label]] = {
    Column.POVERTY_STATUS: labels.POVERTY_STATUS,
    Column.EDUCATION: labels.EDUCATION,
    Column.CHANNEL: labels.CHANNEL,
    Column.TRAVEL_MODE: labels.TRAVEL_MODE,
    Column.CONTRACT_TYPE: labels.CONTRACT_TYPE,
}
_FOLDED_AWAY = re.compile(r"[\s_\-]")


def _word_key(word: str) -> str:
    return _FOLDED_AWAY.sub("", unicodedata.normalize("NFKC", word).casefold())


@cache
def _vocabulary(column: Column) -> dict[str, str]:
    words: dict[str, str] = {}
    for code, label in LABELS[column].items():
        for word in (code.value, label.zh, label.en, *SYNONYMS[column].get(code, ())):
            words[_word_key(word)] = code.value
    return words


def accepted_words(column: Column) -> tuple[str, ...]:
    """The Chinese word for each choice of a pick-list column, as the template lists them."""
    return tuple(label.zh for label in LABELS[column].values())


def cell_choice(column: Column, value: object) -> str | None:
    """The code (as the record stores it) a pick-list cell names."""
    text = cell_text(column, value)
    if text is None:
        return None
    code = _vocabulary(column).get(_word_key(text))
    if code is None:
        allowed = ", ".join(accepted_words(column))
        raise CellRefused(
            column,
            f"must be one of: {allowed}",
            f"必须是以下之一：{'、'.join(accepted_words(column))}",
        )
    return code


def cell_division(column: Column, value: object) -> str | None:
    """A division code from a six-digit code (or a 12-digit statistical code,
    whose first six digits are its county) or the name of a current division:
    山东省烟台市莱山区, 烟台市莱山区 or 莱山区. A name several divisions share
    (朝阳区) is refused with their codes, rather than guessed."""
    text = cell_text(column, value)
    if text is None:
        return None
    compact = "".join(ch for ch in text if ch not in " -")
    if compact.isascii() and compact.isdigit() and len(compact) in (6, 12):
        if is_known_division(compact[:6]):
            return compact[:6]
        raise CellRefused(
            column, "is not a known administrative division code", "不是已知的行政区划代码"
        )
    codes = _division_names().get(compact, ())
    if len(codes) == 1:
        return codes[0]
    if codes:
        raise CellRefused(
            column,
            f"names more than one division ({', '.join(codes)}); write its six-digit code",
            f"对应多个行政区划（{'、'.join(codes)}）；请填写六位行政区划代码",
        )
    raise CellRefused(
        column,
        "names no division this system knows; write its six-digit code",
        "不是已知的行政区划名称；请填写六位行政区划代码",
    )


# Names the code table gives the levels between a province and its counties.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政单位", "自治区直辖县级行政单位"})
_ENDED = re.compile(r"\[[0-9]*-[0-9]+\]")  # "[1983-2019]桥东区": a name no longer in use


@lru_cache(maxsize=1)
def _division_names() -> dict[str, tuple[str, ...]]:
    """Each current division under its full name (山东省烟台市莱山区), without the
    province (烟台市莱山区) and by its own name (莱山区). Built on first use."""
    found: dict[str, set[str]] = {}
    for code in _current_codes():
        full = division_name(code)
        if full is None:
            continue
        names = {full}
        for upper in (code[:2] + "0000", code[:4] + "00"):
            above = division_name(upper) if upper != code else None
            if above and full.startswith(above):
                names.add(full[len(above) :])
        for name in names - _PLACEHOLDERS - {""}:
            found.setdefault(name, set()).add(code)
    return {name: tuple(sorted(codes)) for name, codes in found.items()}


def _current_codes() -> list[str]:
    codes = []
    for _length, province, _high, _props, counties in numdb.get("cn/loc").prefixes:
        for _l, county, _h, props, _children in counties:
            names = props.get("county", "")
            if names and not _ENDED.match(names.split(",")[-1]):
                codes.append(province + county)
    return codes
