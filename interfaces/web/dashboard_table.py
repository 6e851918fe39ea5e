"""The dashboard's numbers as one table: what the page shows beside its chart,
and what its CSV and .xlsx downloads hold, row for row."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import xlsxwriter

from infrastructure.readmodels import case_file_queries, programme_months
from infrastructure.readmodels.access import ReadModels
from interfaces.i18n.catalogue import Language, translate
from interfaces.web import formats

Cell = str | int | Decimal
BOM = "\ufeff"  # so Excel on Windows reads the CSV as UTF-8, Chinese and all


@dataclass(frozen=True)
class Dashboard:
    year: int
    figures: list[case_file_queries.Figure]  # the summary report's
    months: list[programme_months.MonthFigures]
    disputes: programme_months.OpenDisputes
    subsidies: programme_months.SubsidyTotals


def dashboard(read_models: ReadModels, *, year: int, today: date) -> Dashboard:
    report = case_file_queries.summary_report(read_models, year=year)
    return Dashboard(
        year=year,
        figures=report.figures,
        months=programme_months.months_of(read_models, year=year),
        disputes=programme_months.open_disputes(read_models, today=today),
        subsidies=programme_months.subsidy_totals(read_models, year=year),
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


def as_csv(table: list[list[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table:
        writer.writerow([str(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


def as_xlsx(table: list[list[Cell]], sheet: str) -> bytes:
    out = io.BytesIO()
    # strings_to_formulas off: a cell is never run as a formula, whatever it holds.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    page = book.add_worksheet(sheet[:31])
    bold, amount = book.add_format({"bold": True}), book.add_format({"num_format": "#,##0.00"})
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            if r == 0:
                page.write_string(r, c, str(cell), bold)
            elif isinstance(cell, Decimal):
                page.write_number(r, c, float(cell), amount)
            elif isinstance(cell, int):
                page.write_number(r, c, cell)
            else:
                page.write_string(r, c, cell)
    page.set_column(0, 0, 28)
    page.set_column(1, 1, 40)
    page.set_column(2, 2, 16)
    book.close()
    return out.getvalue()
