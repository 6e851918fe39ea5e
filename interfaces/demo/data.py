"""Word lists for the demo: Wushan townships, names, Yantai employers and courses.

The people and employers are invented; their ID numbers and credit codes are
well-formed (valid check characters) but belong to no one.
"""

from __future__ import annotations

from stdnum.cn import uscc

from domain.places import WUSHAN_TOWNSHIPS as WUSHAN_TOWNSHIPS  # the demo's, re-exported

SURNAMES = (
    "冉",
    "向",
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "周",
    "吴",
    "谭",
    "邓",
    "彭",
    "田",
    "唐",
    "何",
    "罗",
    "秦",
    "曾",
    "余",
    "付",
    "蒋",
    "袁",
)
GIVEN = (
    "光明",
    "春燕",
    "德华",
    "小红",
    "建国",
    "秀英",
    "海波",
    "玉兰",
    "志强",
    "桂芳",
    "俊",
    "敏",
    "磊",
    "霞",
    "勇",
    "丽",
    "军",
    "平",
    "文斌",
    "晓梅",
    "家豪",
    "思雨",
    "明亮",
    "红梅",
    "成刚",
    "雪",
    "永福",
    "翠萍",
)

# Yantai and its districts/county-level cities (烟台市, 3706xx).
YANTAI_DIVISIONS = (
    "370600",
    "370602",
    "370611",
    "370612",
    "370613",
    "370614",
    "370681",
    "370682",
    "370683",
    "370685",
    "370686",
)

SECTORS = (
    "食品加工",
    "电子装配",
    "汽车零部件",
    "港口物流",
    "苹果采摘",
    "海产品加工",
    "建筑",
    "家政服务",
    "酒店餐饮",
)

POSITIONS = (
    "普工",
    "叉车司机",
    "质检员",
    "装配工",
    "电焊工",
    "分拣员",
    "厨师",
    "保洁员",
    "仓库管理员",
    "包装工",
)

COURSES = (
    ("茶艺师（五级）", "specialty", "巫山县职业教育中心"),
    ("电焊工（初级）", "skills_upgrade", "巫山县就业和人才中心"),
    ("叉车司机", "skills_upgrade", "巫山县就业和人才中心"),
    ("岗前安全培训", "pre_job", "烟台市人力资源服务中心"),
    ("家政服务员", "specialty", "巫山县职业教育中心"),
    ("中式烹调师", "specialty", "巫山县职业教育中心"),
    ("创业培训（SYB）", "entrepreneurship", "巫山县就业和人才中心"),
)


def _credit_code(serial: str) -> str:
    """A well-formed unified social credit code for an invented employer."""
    body = f"91370600MA3{serial}"
    return body + uscc.calc_check_digit(body)


EMPLOYERS = tuple(
    (name, _credit_code(serial))
    for name, serial in (
        ("烟台海晟食品有限公司", "C1A2B3"),
        ("烟台东港电子科技有限公司", "C2D4E5"),
        ("烟台福山汽车零部件有限公司", "C3F6G7"),
        ("烟台港湾物流有限公司", "C4H8J9"),
        ("栖霞红富士果业合作社", "C5K1L2"),
        ("蓬莱海韵水产有限公司", "C6M3N4"),
        ("烟台芝罘家政服务有限公司", "C7P5Q6"),
        ("龙口南山酒店管理有限公司", "C8R7T8"),
    )
)

# Wushan's local jobs for those who stay: poverty-alleviation workshops and
# public-welfare posts (扶贫车间, 公益性岗位).
LOCAL_EMPLOYERS = tuple(
    (name, f"{body}{uscc.calc_check_digit(body)}")
    for name, body in (
        ("巫山县骡坪镇脆李加工扶贫车间", "93500237MA5U1A2B3"),
        ("巫山县龙溪镇公益性岗位（护林员）", "12500237MB1C2D3E4"),
        ("巫山县大昌镇柑橘分拣扶贫车间", "93500237MA5U4F5G6"),
    )
)
