"""How pages show dates, money and codes, in Chinese and in English."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from application.clock import SHANGHAI
from application.projections import labels
from interfaces.i18n.catalogue import Language, translate

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: date | str | None, lang: Language) -> str:
    """2021年3月5日 / 5 Mar 2021."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(SHANGHAI).date()
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def moment(value: datetime | None, lang: Language) -> str:
    """A recorded time, in Shanghai: 2021年3月5日 14:02 / 5 Mar 2021 14:02."""
    if value is None:
        return ""
    local = value.astimezone(SHANGHAI)
    return f"{day(local.date(), lang)} {local:%H:%M}"


def month(value: str, lang: Language) -> str:
    """2021-03 → 2021年3月 / Mar 2021."""
    year, number = value.split("-")
    if lang == "zh":
        return f"{year}年{int(number)}月"
    return f"{_MONTHS[int(number) - 1]} {year}"


def money(value: Decimal | int | None, lang: Language) -> str:
    """1,500.00 元 / CNY 1,500.00."""
    if value is None:
        return ""
    text = f"{Decimal(value):,.2f}"
    return f"{text} 元" if lang == "zh" else f"CNY {text}"


def code(table_name: str, value: object, lang: Language) -> str:
    """A code as its label: a domain table from labels.py, else the catalogue."""
    if value is None or value == "":
        return ""
    table = getattr(labels, table_name, None)
    if isinstance(table, dict):
        return str(getattr(labels.label(table, value), lang))
    return translate(lang, f"{table_name}.{value}")
