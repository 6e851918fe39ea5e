"""A labour-export ledger (劳务输出台账) as a county office keeps one, for the
import benchmark: any number of rows, the same rows for the same seed.

Every row is a whole journey: the person (distinct, valid ID numbers), an
organised transfer to Yantai that arrived, a job with one of a handful of
employers, and six months confirmed. The cells vary as a real ledger's do:
phones as numbers or text, wages as numbers or "5,200元", destinations by name
or code, the confirmed months written three ways. The workbook has a title row
above the Chinese header and the template's English row below it.

Written with xlsxwriter's constant-memory mode, one row at a time: a ledger of
a million rows costs no more memory to write than one of a thousand. (That
mode writes text cells inline; Excel itself writes a shared-string table.)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter
from stdnum.cn import ric, uscc

from application.ledger_columns import SPECS, Column

REGION = "500237"  # 巫山县
SHEET = "台账"
TITLE = "巫山县劳务输出台账（2023—2026年）"

# The ledger's columns, in the order the office's sheet has them.
LEDGER_COLUMNS: tuple[Column, ...] = (
    Column.NAME,
    Column.ID_NUMBER,
    Column.MOBILE,
    Column.TOWNSHIP,
    Column.POVERTY_STATUS,
    Column.EDUCATION,
    Column.DESTINATION,
    Column.DEPARTED_ON,
    Column.ARRIVED_ON,
    Column.EMPLOYER_NAME,
    Column.EMPLOYER_CODE,
    Column.POSITION,
    Column.MONTHLY_WAGE,
    Column.STARTED_ON,
    Column.MONTHS_CONFIRMED,
)
HEADER_ROWS = 3  # title, Chinese header, English header

SURNAMES = "冉向谭李王刘陈张杨黄周邓徐罗万唐彭蒋曾袁"
GIVEN = "光明秀英建国华芳军兰平德勇霞红强丽刚桂梅成林春玉海燕福云"
TOWNSHIPS = (
    "巫峡镇", "龙门街道", "高唐街道", "骡坪镇", "庙宇镇", "大昌镇", "福田镇", "官渡镇",
    "双龙镇", "抱龙镇", "铜鼓镇", "曲尺乡", "红椿土家族乡", "平河乡", "当阳乡", "竹贤乡",
    "三溪乡", "两坪乡", "金坪乡", "建平乡", "龙井乡", "培石乡", "笃坪乡", "大溪乡",
)  # fmt: skip
POVERTY = (("脱贫人口", 5), ("脱贫户", 2), ("监测对象", 1), ("一般农户", 2))
EDUCATION = (("小学", 2), ("初中", 5), ("高中", 2), ("中专", 1), ("技校", 1), ("大专", 1))
DESTINATIONS = (("烟台市", 3), ("370600", 1))
POSITIONS = ("普工", "操作工", "质检员", "包装工", "叉车司机", "电焊工", "仓管员", "缝纫工")


def _employer_code(first_seventeen: str) -> str:
    return first_seventeen + uscc.calc_check_digit(first_seventeen)


EMPLOYERS = (
    ("烟台某某电子有限公司", "91370600MA3C7X8K01"),
    ("烟台鲁东食品有限公司", _employer_code("91370602MA3D2F7L4")),
    ("烟台莱山精密机械有限公司", _employer_code("91370613MA3E9H2N6")),
    ("烟台福山果蔬加工有限公司", _employer_code("91370611MA3F4K8P2")),
    ("龙口港湾物流有限公司", _employer_code("91370681MA3G7M3Q9")),
    ("招远金岭机械制造有限公司", _employer_code("91370685MA3H1R5T3")),
    ("海阳纺织服装有限公司", _employer_code("91370687MA3J6W4X7")),
)

FIRST_DEPARTURE = date(2023, 2, 1)
LAST_DEPARTURE = date(2026, 5, 31)  # six confirmed months still end before today
EARLIEST_BIRTH = date(1966, 1, 1)
BIRTH_DAYS = (date(2006, 1, 1) - EARLIEST_BIRTH).days  # 17 or older when they leave


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _months(start: date) -> str:
    """Six months from the start month, written as offices write them."""
    first = start.year * 12 + start.month - 1
    last = first + 5
    y1, m1, y2, m2 = first // 12, first % 12 + 1, last // 12, last % 12 + 1
    form = first % 3
    if form == 0:
        return f"{y1}-{m1:02d}至{y2}-{m2:02d}"
    if form == 1:
        return f"{y1}.{m1:02d}-{y2}.{m2:02d}"
    if y1 == y2:
        return f"{y1}年{m1}月至{m2}月"
    return f"{y1}年{m1}月至{y2}年{m2}月"


class People:
    """Distinct valid ID numbers, born 1966–2005, in random order (seeded)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._taken: set[int] = set()

    def next(self) -> str:
        while True:
            day, sequence = self._rng.randrange(BIRTH_DAYS), self._rng.randrange(1000)
            if (key := day * 1000 + sequence) not in self._taken:
                self._taken.add(key)
                break
        born = EARLIEST_BIRTH + timedelta(days=day)
        body = f"{REGION}{born:%Y%m%d}{sequence:03d}"
        return body + ric.calc_check_digit(body + "0")


def sample_rows(count: int, seed: int = 2024) -> Iterator[list[object]]:
    """`count` ledger rows, cells in LEDGER_COLUMNS order, as a spreadsheet holds them."""
    rng = random.Random(seed)
    people = People(rng)
    departures = (LAST_DEPARTURE - FIRST_DEPARTURE).days + 1
    for _ in range(count):
        departed = FIRST_DEPARTURE + timedelta(days=rng.randrange(departures))
        arrived = departed + timedelta(days=rng.choice((1, 1, 1, 2)))
        started = arrived + timedelta(days=rng.randrange(8))
        mobile = int(f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")
        wage = rng.randrange(38, 76) * 100
        employer, code = rng.choice(EMPLOYERS)
        yield [
            rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2)))),
            people.next(),
            mobile if rng.random() < 0.7 else str(mobile),  # most spreadsheets: a number
            rng.choice(TOWNSHIPS),
            _weighted(rng, POVERTY),
            _weighted(rng, EDUCATION),
            _weighted(rng, DESTINATIONS),
            departed,
            arrived,
            employer,
            code,
            rng.choice(POSITIONS),
            wage if rng.random() < 0.8 else f"{wage:,}元",
            started,
            _months(started),
        ]


def write_ledger(path: Path, count: int, seed: int = 2024) -> None:
    """The ledger of `sample_rows(count, seed)` as an .xlsx workbook."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "default_date_format": "yyyy-mm-dd", "strings_to_numbers": False},
    )
    try:
        sheet = workbook.add_worksheet(SHEET)
        sheet.set_column(0, len(LEDGER_COLUMNS) - 1, 14)
        sheet.write(0, 0, TITLE)
        sheet.write_row(1, 0, [SPECS[c].zh for c in LEDGER_COLUMNS])
        sheet.write_row(2, 0, [SPECS[c].en for c in LEDGER_COLUMNS])
        for number, row in enumerate(sample_rows(count, seed), start=HEADER_ROWS):
            sheet.write_row(number, 0, row)
    finally:
        workbook.close()
