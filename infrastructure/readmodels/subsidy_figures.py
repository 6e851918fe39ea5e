"""The summary report's subsidy figures, by kind, from the subsidies read model.

For each kind (交通生活补贴, 稳岗补贴, 生活适应期补贴), over the subsidies whose
worker the office registered (and lives in the township), as they stand now,
each figure in the year of the business date that makes it count — never the
day it was recorded, so a payment made in 2024 and entered today counts in 2024:

- entitled (应发): status assessed, approved or paid — what the history now
  supports and nobody has refused, revoked or withdrawn: owed or already paid.
  Count, and the amount supported; in the year the subsidy arose (`arose_on`).
- approved (已审批): status approved or paid. Count and amount supported; in
  the year of the approval (`decided_on`).
- paid (已发放): status paid or overpaid — the money went out, even if the
  history no longer supports all of it. Count and the amount paid; in the year
  the money went out (`paid_on`).
- overpaid (多发待追回): status overpaid. The amount paid but no longer
  supported, to recover; in the year of the payment it was part of (`paid_on`).
  A revoked subsidy is not counted here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from application.projections.labels import SUBSIDY_KIND
from domain.subsidy import SubsidyKind, SubsidyStatus
from infrastructure.readmodels.base import yuan
from infrastructure.sql import Cursor

S = SubsidyStatus
FigureValues = tuple[str, str, str, int | Decimal]  # key, label_zh, label_en, value

ENTITLED = (S.ASSESSED, S.APPROVED, S.PAID)
APPROVED = (S.APPROVED, S.PAID)
PAID = (S.PAID, S.OVERPAID)
OVERPAID = (S.OVERPAID,)
# (key, label zh, label en, the statuses it counts, the column it adds up (None: a
# count), the business date whose year it counts in)
_FIGURES: tuple[tuple[str, str, str, tuple[SubsidyStatus, ...], str | None, str], ...] = (
    ("entitled_count", "应发笔数", "entitled (count)", ENTITLED, None, "arose_on"),
    ("entitled_amount", "应发金额（元）", "entitled (CNY)", ENTITLED, "amount_fen", "arose_on"),
    ("approved_count", "已审批笔数", "approved (count)", APPROVED, None, "decided_on"),
    (
        "approved_amount",
        "已审批金额（元）",
        "approved (CNY)",
        APPROVED,
        "amount_fen",
        "decided_on",
    ),
    ("paid_count", "已发放笔数", "paid (count)", PAID, None, "paid_on"),
    ("paid_amount", "已发放金额（元）", "paid (CNY)", PAID, "paid_amount_fen", "paid_on"),
    (
        "overpaid_amount",
        "多发待追回金额（元）",
        "overpaid, to recover (CNY)",
        OVERPAID,
        "overpaid_fen",
        "paid_on",
    ),
)


def subsidy_figures(
    sql: Cursor, table: str, where: str, params: list[Any], year: int | None
) -> list[FigureValues]:
    """`where` filters the subsidies table aliased `r` (office, township); each
    figure keeps the rows of `year` by its own date (all years if None)."""
    sums, sum_params = [], []
    for _key, _zh, _en, statuses, column, dated in _FIGURES:
        marks = ", ".join(["%s"] * len(statuses))
        added = f"r.{column}" if column else "1"
        counted = f"r.status IN ({marks})"
        sum_params += [s.value for s in statuses]
        if year is not None:
            # ISO text sorts as time; a NULL date (not decided, not paid) never counts.
            counted += f" AND r.{dated} >= %s AND r.{dated} < %s"
            sum_params += [f"{year:04d}", f"{year + 1:04d}"]
        sums.append(f"SUM(CASE WHEN {counted} THEN {added} ELSE 0 END)")
    sql.execute(
        f"SELECT r.kind, {', '.join(sums)} FROM {table} r"  # noqa: S608 - no input in SQL
        f" WHERE {where} GROUP BY r.kind",
        [*sum_params, *params],
    )
    found = {row[0]: row[1:] for row in sql.fetchall()}
    figures: list[FigureValues] = []
    for kind in SubsidyKind:
        label = SUBSIDY_KIND[kind]
        values = found.get(kind.value, (0,) * len(_FIGURES))
        for (key, zh, en, _statuses, column, _dated), value in zip(_FIGURES, values, strict=True):
            total = int(value or 0)
            figures.append(
                (
                    f"subsidy_{kind.value}_{key}",
                    f"{label.zh}{zh}",
                    f"{label.en[:1].upper()}{label.en[1:]}: {en}",
                    total if column is None else _money(total),
                )
            )
    return figures


def _money(fen: int) -> Decimal:
    amount = yuan(fen)
    assert amount is not None
    return amount
