"""The ledger's columns and finding its header in the words real ledgers use."""

from __future__ import annotations

from collections import defaultdict

import pytest

from application.ledger_columns import (
    COLUMNS,
    SPECS,
    Column,
    column_named,
    header_key,
    recognise_header,
)


def test_every_column_has_one_spec_in_template_order() -> None:
    assert [spec.column for spec in COLUMNS] == list(Column)
    assert set(SPECS) == set(Column)


def test_no_header_names_two_columns() -> None:
    owners: dict[str, set[Column]] = defaultdict(set)
    for spec in COLUMNS:
        for header in (spec.column.value, spec.zh, spec.en, *spec.aliases):
            owners[header_key(header)].add(spec.column)
    assert {key: cols for key, cols in owners.items() if len(cols) > 1} == {}


def test_only_names_id_numbers_and_mobiles_are_personal() -> None:
    personal = {spec.column for spec in COLUMNS if spec.personal}
    assert personal == {Column.NAME, Column.ID_NUMBER, Column.MOBILE}


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("公民身份号码", Column.ID_NUMBER),
        ("身份证号", Column.ID_NUMBER),
        ("身份证号码", Column.ID_NUMBER),
        ("证件号码", Column.ID_NUMBER),
        ("ID No.", Column.ID_NUMBER),
        ("id_number", Column.ID_NUMBER),
        ("ID-Number", Column.ID_NUMBER),
        ("姓　名", Column.NAME),  # an ideographic space to align the header
        ("姓名*", Column.NAME),
        ("姓名【必填】", Column.NAME),
        (" NAME ", Column.NAME),
        ("联系电话", Column.MOBILE),
        ("手机", Column.MOBILE),
        ("Phone", Column.MOBILE),
        ("乡镇（街道）", Column.TOWNSHIP),
        ("所属乡镇", Column.TOWNSHIP),
        ("人员类别", Column.POVERTY_STATUS),
        ("是否脱贫", Column.POVERTY_STATUS),
        ("学历", Column.EDUCATION),
        ("务工地", Column.DESTINATION),
        ("输入地", Column.DESTINATION),
        ("企业名称", Column.EMPLOYER_NAME),
        ("社会信用代码", Column.EMPLOYER_CODE),
        ("工种", Column.POSITION),
        ("月工资(元)", Column.MONTHLY_WAGE),
        ("月工资（元）", Column.MONTHLY_WAGE),
        ("月薪", Column.MONTHLY_WAGE),
        ("Monthly wage (CNY)", Column.MONTHLY_WAGE),
        ("ｍｏｎｔｈｌｙ＿ｗａｇｅ", Column.MONTHLY_WAGE),  # full-width
        ("到岗日期", Column.STARTED_ON),
        ("入职时间", Column.STARTED_ON),
        ("在岗月份", Column.MONTHS_CONFIRMED),
        ("Months Confirmed", Column.MONTHS_CONFIRMED),
        ("姓名\nName", Column.NAME),  # both languages in one cell
        ("备\u200b注", Column.NOTE),  # a zero-width space pasted in
    ],
)
def test_headers_as_ledgers_write_them_name_their_column(header: str, column: Column) -> None:
    assert column_named(header) is column


@pytest.mark.parametrize("header", ["序号", "家庭住址", "在岗月数", "", "(元)", "Remarks 2"])
def test_other_headers_name_no_column(header: str) -> None:
    assert column_named(header) is None


def test_the_template_headers_are_recognised_in_both_languages() -> None:
    for row in ([spec.zh for spec in COLUMNS], [spec.en for spec in COLUMNS]):
        match = recognise_header(row)
        assert match is not None
        assert list(match.columns.values()) == list(Column)
        assert match.ignored == []


def test_a_header_gives_positions_and_the_cells_it_ignores() -> None:
    match = recognise_header(["序号", None, "身份证号", "姓名", "  ", "家庭住址", 2024])
    assert match is not None
    assert match.columns == {2: Column.ID_NUMBER, 3: Column.NAME}
    assert match.ignored == ["序号", "家庭住址", "2024"]


def test_a_column_named_twice_is_read_from_its_first_position() -> None:
    match = recognise_header(["姓名", "身份证号", "手机", "联系电话"])
    assert match is not None
    assert match.columns == {0: Column.NAME, 1: Column.ID_NUMBER, 2: Column.MOBILE}
    assert match.ignored == ["联系电话"]


@pytest.mark.parametrize(
    "row",
    [
        ["巫山县2024年劳务输出台账"],  # a title row
        ["姓名", "手机号码", "乡镇"],  # no ID number
        ["身份证号", "手机号码"],  # no name
        ["张三", "500237199001011234", "13800138000"],  # a row of data
        [],
        [None, None],
    ],
)
def test_a_row_without_the_name_and_the_id_number_is_no_header(row: list[object]) -> None:
    assert recognise_header(row) is None
