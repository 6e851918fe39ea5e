"""The programme's summary figures (工作成效统计), from the case_files read model.

Every figure counts records of one year (by the date that makes them count:
registration, completion, arrival, start, acceptance; all years if none is
given) and filters through the worker: `office` is the office that registered
the worker, `township` the worker's household-registration township. Stable
employment counts in the year its sixth consecutive confirmed month falls in,
so a worker counts once, not in every later year of the same job. Subsidies
count in the year they arose, by kind and status as they stand now (the
definitions are in `subsidy_figures`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from application.views import DOCUMENTED
from domain.placement import PlacementKind
from domain.worker_profile import PovertyStatus
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import yuan
from infrastructure.readmodels.subsidy_figures import subsidy_figures
from infrastructure.sql import Cursor

TableName = Callable[[str], str]


@dataclass(frozen=True)
class Figure:
    __pydantic_config__ = DOCUMENTED

    key: str
    """e.g. organised_transfers."""
    label_zh: str
    label_en: str
    value: int | Decimal
    """A count, or an amount of CNY as a decimal string."""


@dataclass(frozen=True)
class SummaryReport:
    __pydantic_config__ = DOCUMENTED

    year: int | None
    """The year counted; null for all years."""
    office: str | None
    township: str | None
    figures: list[Figure]


_PLACEMENT_LABELS = {
    PlacementKind.CROSS_PROVINCE: ("转移就业上岗人数", "Placements started: cross-province"),
    PlacementKind.LOCAL_ENTERPRISE: ("就近就业上岗人数", "Placements started: local enterprise"),
    PlacementKind.WORKSHOP: ("扶贫车间就业人数", "Placements started: poverty-relief workshop"),
    PlacementKind.PUBLIC_WELFARE: ("公益性岗位安置人数", "Placements started: public-welfare job"),
}


@dataclass(frozen=True)
class _Scope:
    """The filters, as SQL over a table aliased `r` joined to its worker `w`."""

    year: int | None
    office: str | None
    township: str | None

    def where(self, dated: str, worker: str = "w") -> tuple[str, list[Any]]:
        """`dated` is the column whose year counts (ISO text: a date or a month);
        `worker` the alias of the table with the worker's office and township."""
        clauses, params = [], []
        if self.year is not None:
            # ISO text sorts as time: every date or month of the year lies in [YYYY, YYYY+1).
            clauses.append(f"{dated} >= %s AND {dated} < %s")
            params += [f"{self.year:04d}", f"{self.year + 1:04d}"]
        for column, value in (
            (f"{worker}.office", self.office),
            (f"{worker}.township", self.township),
        ):
            if value is not None:
                clauses.append(f"{column} = %s")
                params.append(value)
        return " AND ".join(clauses) or "1 = 1", params


def summary_report(
    read_models: ReadModels,
    *,
    year: int | None = None,
    office: str | None = None,
    township: str | None = None,
) -> SummaryReport:
    scope = _Scope(year, office, township)
    t = read_models.table
    with read_models.db.transaction(write=False) as sql:
        figures = [
            *_registered(sql, t, scope),
            *_trainings(sql, t, scope),
            *_transfers(sql, t, scope),
            *_placements(sql, t, scope),
            *_disputes(sql, t, scope),
            *_subsidies(sql, t, scope),
        ]
    return SummaryReport(year, office, township, figures)


def _one(sql: Cursor, query: str, params: list[Any]) -> tuple[Any, ...]:
    sql.execute(query, params)
    row = sql.fetchone()
    assert row is not None
    return tuple(0 if v is None else v for v in row)


def _registered(sql: Cursor, t: TableName, scope: _Scope) -> list[Figure]:
    where, params = scope.where("w.registered_on")
    (count,) = _one(sql, f"SELECT COUNT(*) FROM {t('workers')} w WHERE {where}", params)  # noqa: S608
    return [Figure("registered_workers", "登记劳动力人数", "Workers registered", int(count))]


def _trainings(sql: Cursor, t: TableName, scope: _Scope) -> list[Figure]:
    """Person-times: courses completed (结业, passed or not) in the year; of their
    people, those who started a job on or after the day the course ended."""
    where, params = scope.where("r.completed_on")
    times, placed = _one(
        sql,
        "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1"  # noqa: S608
        f" FROM {t('placements')} p WHERE p.worker_id = r.worker_id"
        " AND p.started_on >= r.completed_on) THEN r.worker_id END)"
        f" FROM {t('trainings')} r JOIN {t('workers')} w ON w.worker_id = r.worker_id"
        f" WHERE r.completed_on IS NOT NULL AND {where}",
        params,
    )
    return [
        Figure("training_person_times", "培训人次", "Training person-times", int(times)),
        Figure(
            "trained_then_placed",
            "培训后实现就业人数",
            "Trained workers who then found a job",
            int(placed),
        ),
    ]


def _transfers(sql: Cursor, t: TableName, scope: _Scope) -> list[Figure]:
    where, params = scope.where("r.arrived_on")
    arrived, lifted = _one(
        sql,
        "SELECT COUNT(*), SUM(CASE WHEN r.poverty_status_at_arrangement = %s"  # noqa: S608
        f" THEN 1 ELSE 0 END) FROM {t('transfers')} r"
        f" JOIN {t('workers')} w ON w.worker_id = r.worker_id"
        f" WHERE r.arrived_on IS NOT NULL AND {where}",
        [PovertyStatus.LIFTED_OUT_OF_POVERTY.value, *params],
    )
    return [
        Figure("organised_transfers", "有组织转移人次", "Organised transfers", int(arrived)),
        Figure(
            "organised_transfers_lifted_out_of_poverty",
            "其中脱贫人口",
            "of which lifted out of poverty",
            int(lifted),
        ),
    ]


def _placements(sql: Cursor, t: TableName, scope: _Scope) -> list[Figure]:
    where, params = scope.where("r.started_on")
    sql.execute(
        f"SELECT r.kind, COUNT(*) FROM {t('placements')} r"  # noqa: S608
        f" JOIN {t('workers')} w ON w.worker_id = r.worker_id WHERE {where} GROUP BY r.kind",
        params,
    )
    started = {kind: int(count) for kind, count in sql.fetchall()}
    figures = [
        Figure(f"placements_{kind.value}", zh, en, started.get(kind.value, 0))
        for kind, (zh, en) in _PLACEMENT_LABELS.items()
    ]
    where, params = scope.where("r.stable_since")
    (stable,) = _one(
        sql,
        f"SELECT COUNT(DISTINCT r.worker_id) FROM {t('placements')} r"  # noqa: S608
        f" JOIN {t('workers')} w ON w.worker_id = r.worker_id"
        f" WHERE r.kind = %s AND r.stable = 1 AND {where}",
        [PlacementKind.CROSS_PROVINCE.value, *params],
    )
    figures.append(
        Figure(
            "stably_employed_in_partner_province",
            "在协作地稳定就业人数",
            "Stably employed in the partner province (6+ consecutive months)",
            int(stable),
        )
    )
    return figures


def _disputes(sql: Cursor, t: TableName, scope: _Scope) -> list[Figure]:
    where, params = scope.where("r.opened_on")
    handled, claimed, recovered = _one(
        sql,
        "SELECT COUNT(*), SUM(r.amount_claimed_fen), SUM(r.amount_recovered_fen)"  # noqa: S608
        f" FROM {t('disputes')} r JOIN {t('workers')} w ON w.worker_id = r.worker_id"
        f" WHERE {where}",
        params,
    )
    return [
        Figure("disputes_handled", "受理劳动争议件数", "Disputes handled", int(handled)),
        Figure("dispute_amount_claimed", "涉及金额（元）", "Money involved (CNY)", _money(claimed)),
        Figure(
            "dispute_amount_recovered", "追回金额（元）", "Money recovered (CNY)", _money(recovered)
        ),
    ]


def _subsidies(sql: Cursor, t: TableName, scope: _Scope) -> list[Figure]:
    """By kind, dated by the day each entitlement arose; the subsidies read model
    keeps its worker's office and township itself (see `subsidy_figures`)."""
    where, params = scope.where("r.arose_on", worker="r")
    return [Figure(*f) for f in subsidy_figures(sql, t("subsidies"), where, params)]


def _money(fen: Any) -> Decimal:
    amount = yuan(int(fen))
    assert amount is not None
    return amount
