"""Reading pick-list cells and places in the words ledgers use."""

from __future__ import annotations

from enum import StrEnum

import pytest

from application.ledger_cells import CellRefused
from application.ledger_choices import LABELS, accepted_words, cell_choice, cell_division
from application.ledger_columns import Column
from application.projections import labels
from domain.placement_terms import ContractType
from domain.transfer import TransferChannel, TravelMode
from domain.worker_profile import Education, PovertyStatus


@pytest.mark.parametrize(
    ("column", "word", "code"),
    [
        (Column.POVERTY_STATUS, "脱贫人口", PovertyStatus.LIFTED_OUT_OF_POVERTY),
        (Column.POVERTY_STATUS, "脱贫户", PovertyStatus.LIFTED_OUT_OF_POVERTY),
        (Column.POVERTY_STATUS, " 已脱贫 ", PovertyStatus.LIFTED_OUT_OF_POVERTY),
        (Column.POVERTY_STATUS, "脱贫劳动力", PovertyStatus.LIFTED_OUT_OF_POVERTY),
        (Column.POVERTY_STATUS, "监测对象", PovertyStatus.MONITORED_AT_RISK),
        (Column.POVERTY_STATUS, "边缘易致贫", PovertyStatus.MONITORED_AT_RISK),
        (Column.POVERTY_STATUS, "防止返贫监测对象", PovertyStatus.MONITORED_AT_RISK),
        (Column.POVERTY_STATUS, "边缘户", PovertyStatus.MONITORED_AT_RISK),
        (Column.POVERTY_STATUS, "一般劳动力", PovertyStatus.GENERAL),
        (Column.POVERTY_STATUS, "普通", PovertyStatus.GENERAL),
        (Column.POVERTY_STATUS, "否", PovertyStatus.GENERAL),
        (Column.POVERTY_STATUS, "Lifted out of poverty", PovertyStatus.LIFTED_OUT_OF_POVERTY),
        (Column.POVERTY_STATUS, "monitored_at_risk", PovertyStatus.MONITORED_AT_RISK),
        (Column.EDUCATION, "小学", Education.PRIMARY),
        (Column.EDUCATION, "初中", Education.JUNIOR_SECONDARY),
        (Column.EDUCATION, "高中", Education.SENIOR_SECONDARY),
        (Column.EDUCATION, "中专", Education.VOCATIONAL),
        (Column.EDUCATION, "职高", Education.VOCATIONAL),
        (Column.EDUCATION, "技校", Education.VOCATIONAL),
        (Column.EDUCATION, "大专", Education.JUNIOR_COLLEGE),
        (Column.EDUCATION, "本科", Education.BACHELOR_OR_ABOVE),
        (Column.EDUCATION, "研究生", Education.BACHELOR_OR_ABOVE),
        (Column.EDUCATION, "本科及以上", Education.BACHELOR_OR_ABOVE),
        (Column.EDUCATION, "文盲", Education.NONE),
        (Column.EDUCATION, "无", Education.NONE),
        (Column.EDUCATION, "Junior College", Education.JUNIOR_COLLEGE),
        (Column.CHANNEL, "招聘会", TransferChannel.JOB_FAIR),
        (Column.CHANNEL, "线上荐岗", TransferChannel.ONLINE_RECOMMENDATION),
        (Column.CHANNEL, "网络招聘", TransferChannel.ONLINE_RECOMMENDATION),
        (Column.CHANNEL, "劳务办事处", TransferChannel.LABOUR_OFFICE),
        (Column.CHANNEL, "劳务输出", TransferChannel.LABOUR_OFFICE),
        (Column.CHANNEL, "劳务工作站", TransferChannel.LABOUR_OFFICE),
        (Column.TRAVEL_MODE, "专车", TravelMode.CHARTERED_BUS),
        (Column.TRAVEL_MODE, "包车", TravelMode.CHARTERED_BUS),
        (Column.TRAVEL_MODE, "点对点", TravelMode.CHARTERED_BUS),
        (Column.TRAVEL_MODE, "火车", TravelMode.TRAIN),
        (Column.TRAVEL_MODE, "高铁", TravelMode.TRAIN),
        (Column.TRAVEL_MODE, "飞机", TravelMode.PLANE),
        (Column.TRAVEL_MODE, "自行前往", TravelMode.SELF_ARRANGED),
        (Column.TRAVEL_MODE, "自驾", TravelMode.SELF_ARRANGED),
        (Column.TRAVEL_MODE, "Self-arranged", TravelMode.SELF_ARRANGED),
        (Column.CONTRACT_TYPE, "固定期限", ContractType.FIXED_TERM),
        (Column.CONTRACT_TYPE, "固定期限合同", ContractType.FIXED_TERM),
        (Column.CONTRACT_TYPE, "无固定期限", ContractType.OPEN_ENDED),
        (Column.CONTRACT_TYPE, "以完成一定工作任务为期限", ContractType.TASK_BASED),
        (Column.CONTRACT_TYPE, "劳务派遣", ContractType.LABOUR_DISPATCH),
        (Column.CONTRACT_TYPE, "非全日制", ContractType.PART_TIME),
        (Column.CONTRACT_TYPE, "未签订", ContractType.NONE),
        (Column.CONTRACT_TYPE, "无", ContractType.NONE),
    ],
)
def test_the_words_ledgers_use_name_the_record_codes(column: Column, word: str, code: str) -> None:
    assert cell_choice(column, word) == code


def test_every_code_and_every_label_shown_reads_back() -> None:
    # What the system's own exports show can be imported again.
    for column, table in LABELS.items():
        for code, label in table.items():
            assert cell_choice(column, code.value) == code.value
            assert cell_choice(column, label.zh) == code.value
            assert cell_choice(column, label.en) == code.value


def test_each_pick_list_column_is_a_complete_label_table() -> None:
    assert LABELS[Column.POVERTY_STATUS] is labels.POVERTY_STATUS
    for column, table in LABELS.items():
        enum: type[StrEnum] = type(next(iter(table)))
        assert set(table) == set(enum)
        assert len(accepted_words(column)) == len(table)


def test_an_unknown_word_is_refused_with_the_accepted_words() -> None:
    with pytest.raises(CellRefused) as raised:
        cell_choice(Column.EDUCATION, "幼儿园")
    error = raised.value
    assert error.column is Column.EDUCATION
    assert error.message == "must be one of: 未上学, 小学, 初中, 高中, 中专/技校, 大专, 本科及以上"
    assert error.reason_zh.startswith("必须是以下之一：未上学、小学")


def test_a_blank_choice_is_none() -> None:
    assert cell_choice(Column.CHANNEL, "") is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("370613", "370613"),
        (370613, "370613"),
        (370613.0, "370613"),
        ("３７０６１３", "370613"),
        ("370613000000", "370613"),  # a 12-digit statistical code: its county
        ("烟台市", "370600"),
        ("山东省烟台市", "370600"),
        ("烟台市莱山区", "370613"),
        ("莱山区", "370613"),
        ("山东省烟台市莱山区", "370613"),
        (" 烟台市 莱山区 ", "370613"),
        ("龙口市", "370681"),
        ("巫山县", "500237"),
        ("重庆市巫山县", "500237"),
        ("山东省", "370000"),
    ],
)
def test_a_place_is_a_division_code_or_a_current_division_name(value: object, code: str) -> None:
    assert cell_division(Column.DESTINATION, value) == code


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("朝阳区", "names more than one division (110105, 220104)"),
        ("烟台", "names no division this system knows"),
        ("市辖区", "names no division this system knows"),
        ("370699", "is not a known administrative division code"),
        ("12345", "names no division this system knows"),
    ],
)
def test_a_place_that_is_not_one_division_is_refused(value: str, reason: str) -> None:
    with pytest.raises(CellRefused) as raised:
        cell_division(Column.HUKOU_DIVISION, value)
    assert raised.value.column is Column.HUKOU_DIVISION
    assert raised.value.reason_en.startswith(reason)
