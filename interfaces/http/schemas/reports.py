"""Response bodies of /reports: the programme summary as JSON or CSV."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from infrastructure.readmodels.case_file_queries import SummaryReport

CSV_HEADER = ("metric", "label_zh", "label_en", "value")


class ReportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


class FigureOut(BaseModel):
    key: str = Field(examples=["organised_transfers"])
    label_zh: str = Field(examples=["有组织转移人次"])
    label_en: str = Field(examples=["Organised transfers"])
    value: int | Decimal = Field(description="A count, or an amount of CNY as a decimal string")


class SummaryReportOut(BaseModel):
    year: int | None = Field(description="The year counted; null for all years")
    office: str | None
    township: str | None
    figures: list[FigureOut]

    @classmethod
    def of(cls, report: SummaryReport) -> SummaryReportOut:
        return cls.model_validate(report, from_attributes=True)


def summary_csv(report: SummaryReport) -> str:
    """One row per figure under the header `metric,label_zh,label_en,value`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for f in report.figures:
        writer.writerow((f.key, f.label_zh, f.label_en, str(f.value)))
    return out.getvalue()


def summary_filename(report: SummaryReport) -> str:
    """ASCII only: the year and office; a township name would need RFC 5987 quoting."""
    parts = ["laborbridge-summary", str(report.year) if report.year else "all-years"]
    if report.office:
        parts.append(report.office)
    return "-".join(parts) + ".csv"
