"""Response bodies of /reports: the programme summary as JSON or CSV."""

from __future__ import annotations

import csv
import io
from enum import StrEnum

from infrastructure.readmodels.case_file_queries import SummaryReport

CSV_HEADER = ("metric", "label_zh", "label_en", "value")


class ReportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


def summary_csv(report: SummaryReport) -> str:
    """One row per figure under the header `metric,label_zh,label_en,value`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for f in report.figures:
        writer.writerow((f.key, f.label_zh, f.label_en, str(f.value)))
    return out.getvalue()


def summary_filename(report: SummaryReport) -> str:
    """ASCII only: the year and the offices; a township name would need RFC 5987 quoting."""
    parts = ["laborbridge-summary", str(report.year) if report.year else "all-years"]
    if report.scope != "all":
        parts.append(report.scope.replace(":", "-"))
    return "-".join(parts) + ".csv"
