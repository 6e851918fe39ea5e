"""The programme's places: where its workers come from and where they go.

Pages offer these as pick-lists, so nobody types a division code or spells a
township from memory. Other codes stay valid everywhere (any known division
is accepted); these are the ones the Wushan ↔ Yantai cooperation uses daily.
"""

from __future__ import annotations

from domain.divisions import division_name

WUSHAN = "500237"  # 重庆市巫山县, the sending county
YANTAI = "370600"  # 山东省烟台市, the receiving city

# Towns, townships and subdistricts of Wushan County (巫山县), Chongqing.
WUSHAN_TOWNSHIPS = (
    "巫峡镇",
    "龙门街道",
    "高唐街道",
    "大昌镇",
    "福田镇",
    "龙溪镇",
    "庙宇镇",
    "官渡镇",
    "骡坪镇",
    "抱龙镇",
    "铜鼓镇",
    "双龙镇",
    "官阳镇",
    "平河乡",
    "当阳乡",
    "竹贤乡",
    "三溪乡",
    "曲尺乡",
    "建平乡",
    "金坪乡",
    "两坪乡",
    "大溪乡",
    "培石乡",
    "笃坪乡",
    "红椿土家族乡",
    "邓家土家族乡",
)

# Where transferred workers go: Yantai and its districts and county-level cities,
# then home (local employment in Wushan, Chongqing's main city).
DESTINATIONS = (
    YANTAI,
    "370602",  # 芝罘区
    "370611",  # 福山区
    "370612",  # 牟平区
    "370613",  # 莱山区
    "370614",  # 蓬莱区
    "370681",  # 龙口市
    "370682",  # 莱阳市
    "370683",  # 莱州市
    "370685",  # 招远市
    "370686",  # 栖霞市
    "370687",  # 海阳市
    WUSHAN,
)

# Where registered workers' household registration (户籍) lies.
HOME_COUNTIES = (WUSHAN,)


def named(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, full name) of each known code, e.g. ("370613", "山东省烟台市莱山区")."""
    return [(code, name) for code in codes if (name := division_name(code)) is not None]
