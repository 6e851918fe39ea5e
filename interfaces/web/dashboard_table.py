"""The dashboard's numbers as one table: what the page shows beside its chart,
and what its CSV and .xlsx downloads hold, row for row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.scope import Scope
from infrastructure.readmodels import case_file_queries, programme_months
from infrastructure.readmodels.access import ReadModels
from interfaces.i18n.catalogue import Language, translate
from interfaces.web import formats
from interfaces.web.tables import Cell, Table


@dataclass(frozen=True)
class Dashboard:
    year: int
    figures: list[case_file_queries.Figure]  # the summary report's
    months: list[programme_months.MonthFigures]
    disputes: programme_months.OpenDisputes
    subsidies: programme_months.SubsidyTotals


def dashboard(read_models: ReadModels, *, scope: Scope, year: int, today: date) -> Dashboard:
    report = case_file_queries.summary_report(read_models, scope=scope, year=year)
    return Dashboard(
        year=year,
        figures=report.figures,
        months=programme_months.months_of(read_models, scope=scope, year=year),
        disputes=programme_months.open_disputes(read_models, scope=scope, today=today),
        subsidies=programme_months.subsidy_totals(read_models, scope=scope, year=year),
    )


def rows(board: Dashboard, lang: Language) -> list[list[Cell]]:
    """Every number of the page under a header: section, what, value."""

    def t(key: str, **params: object) -> str:
        return translate(lang, key, **params)

    section = t("dashboard.figures", year=board.year)
    made: list[list[Cell]] = [[t("dashboard.section"), t("dashboard.figure"), t("dashboard.value")]]
    made += [[section, label(f, lang), f.value] for f in board.figures]
    for m in board.months:
        shown = formats.month(m.month, lang)
        made.append([t("dashboard.months"), f"{shown} {t('dashboard.transfers')}", m.transfers])
        made.append([t("dashboard.months"), f"{shown} {t('dashboard.placements')}", m.placements])
    made.append([t("dashboard.disputes"), t("dashboard.disputes_open"), board.disputes.open])
    made.append([t("dashboard.disputes"), t("dashboard.disputes_overdue"), board.disputes.overdue])
    made.append([t("dashboard.subsidies"), t("dashboard.owed"), board.subsidies.owed])
    made.append([t("dashboard.subsidies"), t("dashboard.paid"), board.subsidies.paid])
    return made


def label(figure: case_file_queries.Figure, lang: Language) -> str:
    return figure.label_zh if lang == "zh" else figure.label_en


def as_table(board: Dashboard, lang: Language) -> Table:
    header, *body = rows(board, lang)
    return Table(
        name=f"laborbridge-dashboard-{board.year}",
        sheet=translate(lang, "dashboard.title"),
        header=[str(h) for h in header],
        rows=body,
    )
