"""The programme's summary figures (工作成效统计), from the case_files read model.

Every figure counts records of one year (by the date that makes them count:
registration, completion, arrival, start, acceptance; all years if none is
given) for the offices of a scope (one office, a pair, a province, all).
Each fact is attributed to exactly one office, and counts where that office
is in the scope: registrations, trainings and subsidies to the worker's home
office (the one that registered them); an arrival to the office that
confirmed it; a placement and stable employment to the office that recorded
the placement; a dispute to the office that accepted it. Counts of distinct
workers are distinct per office and worker, so the figures of a pair or a
province are exactly the sums of those of its offices. `township` is the
worker's household-registration township. Stable employment counts in the
year its sixth consecutive confirmed month falls in, so a worker counts once,
not in every later year of the same job. Subsidies count by kind and status
as they stand now, each figure in the year of its own business date: the
entitlement when it arose, the approval when approved, the payment when the
money went out (the definitions are in `subsidy_figures`). Nothing here counts
by the time a fact was recorded: a fact entered today about 2024 counts in 2024.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from application.views import DOCUMENTED
from domain.placement import PlacementKind
from domain.scope import Scope
from domain.worker_profile import PovertyStatus
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.base import yuan
from infrastructure.readmodels.scoping import offices_in
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
    scope: str
    """The offices counted: office:CODE, province:NN, pair:CODE-CODE or all."""
    township: str | None
    figures: list[Figure]


_PLACEMENT_LABELS = {
    PlacementKind.CROSS_PROVINCE: ("转移就业上岗人数", "Placements started: cross-province"),
    PlacementKind.LOCAL_ENTERPRISE: ("就近就业上岗人数", "Placements started: local enterprise"),
    PlacementKind.WORKSHOP: ("扶贫车间就业人数", "Placements started: poverty-relief workshop"),
    PlacementKind.PUBLIC_WELFARE: ("公益性岗位安置人数", "Placements started: public-welfare job"),
}


@dataclass(frozen=True)
class _Filters:
    """The filters, as SQL over a table aliased `r` joined to its worker `w`."""

    year: int | None
    scope: Scope
    township: str | None

    def where(self, dated: str, office: str, worker: str = "w") -> tuple[str, list[Any]]:
        """`dated` is the column whose year counts (ISO text: a date or a month);
        `office` the column of the one office the fact is attributed to;
        `worker` the alias of the table with the worker's township."""
        clause, params = offices_in(self.scope, office)
        clauses = [clause]
        if self.year is not None:
            # ISO text sorts as time: every date or month of the year lies in [YYYY, YYYY+1).
            clauses.append(f"{dated} >= %s AND {dated} < %s")
            params += [f"{self.year:04d}", f"{self.year + 1:04d}"]
        if self.township is not None:
            clauses.append(f"{worker}.township = %s")
            params.append(self.township)
        return " AND ".join(clauses), params


def summary_report(
    read_models: ReadModels,
    *,
    scope: Scope,
    year: int | None = None,
    township: str | None = None,
) -> SummaryReport:
    filters = _Filters(year, scope, township)
    t = read_models.table
    with read_models.db.transaction(write=False) as sql:
        figures = [
            *_registered(sql, t, filters),
            *_trainings(sql, t, filters),
            *_transfers(sql, t, filters),
            *_placements(sql, t, filters),
            *_disputes(sql, t, filters),
            *_subsidies(sql, t, filters),
        ]
    return SummaryReport(year, str(scope), township, figures)


def _one(sql: Cursor, query: str, params: list[Any]) -> tuple[Any, ...]:
    sql.execute(query, params)
    row = sql.fetchone()
    assert row is not None
    return tuple(0 if v is None else v for v in row)


def _registered(sql: Cursor, t: TableName, filters: _Filters) -> list[Figure]:
    where, params = filters.where("w.registered_on", "w.office")
    (count,) = _one(sql, f"SELECT COUNT(*) FROM {t('workers')} w WHERE {where}", params)  # noqa: S608
    return [Figure("registered_workers", "登记劳动力人数", "Workers registered", int(count))]


def _trainings(sql: Cursor, t: TableName, filters: _Filters) -> list[Figure]:
    """Person-times: courses completed (结业, passed or not) in the year; of their
    people, those who started a job on or after the day the course ended. Both
    count for the worker's home office, one per worker."""
    where, params = filters.where("r.completed_on", "w.office")
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


def _transfers(sql: Cursor, t: TableName, filters: _Filters) -> list[Figure]:
    """Arrivals, each for the office that confirmed it."""
    where, params = filters.where("r.arrived_on", "r.confirmed_by_office")
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


def _placements(sql: Cursor, t: TableName, filters: _Filters) -> list[Figure]:
    """Placements started, and workers stably employed, for the office that
    recorded the placement: a worker stable in two offices' placements counts
    once in each."""
    where, params = filters.where("r.started_on", "r.office")
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
    where, params = filters.where("r.stable_since", "r.office")
    (stable,) = _one(
        sql,
        "SELECT COUNT(*) FROM (SELECT DISTINCT r.office, r.worker_id"  # noqa: S608
        f" FROM {t('placements')} r JOIN {t('workers')} w ON w.worker_id = r.worker_id"
        f" WHERE r.kind = %s AND r.stable = 1 AND {where}) stable",
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


def _disputes(sql: Cursor, t: TableName, filters: _Filters) -> list[Figure]:
    """For the office that accepted the dispute."""
    where, params = filters.where("r.opened_on", "r.office")
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


def _subsidies(sql: Cursor, t: TableName, filters: _Filters) -> list[Figure]:
    """By kind, for the worker's home office: the subsidies read model keeps it
    and the worker's township itself. The year is each figure's own (arisen,
    approved, paid: see `subsidy_figures`), so it is left out of `where`."""
    where, params = replace(filters, year=None).where("r.arose_on", "r.office", worker="r")
    figures = subsidy_figures(sql, t("subsidies"), where, params, filters.year)
    return [Figure(*f) for f in figures]


def _money(fen: Any) -> Decimal:
    amount = yuan(int(fen))
    assert amount is not None
    return amount
