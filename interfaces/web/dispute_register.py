"""The mediator's dispute register as a table: what /disputes shows and what
its .xlsx and CSV downloads hold, column for column, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.dispute_terms import DisputeKind, DisputeStatus
from domain.scope import Scope
from infrastructure.readmodels import case_file_queries as queries
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.case_file_queries import Workbench, WorkbenchFilter
from interfaces.i18n.catalogue import Language, translate
from interfaces.web.formats import code
from interfaces.web.tables import Cell, Table

PAGE_SIZE = 50
# A download holds at most this many rows (the register of one county is far smaller).
MAX_ROWS = 50_000


@dataclass(frozen=True)
class RegisterQuery:
    """The GET form's fields as typed; an unknown choice filters nothing."""

    status: str = ""
    kind: str = ""
    employer: str = ""
    office: str = ""

    def as_filter(self) -> WorkbenchFilter:
        return WorkbenchFilter(
            status=self.status if self.status in set(DisputeStatus) else None,
            kind=self.kind if self.kind in set(DisputeKind) else None,
            employer=self.employer.strip() or None,
            office=self.office.strip() or None,
        )


def workbench(
    read_models: ReadModels, query: RegisterQuery, today: date, page: int, scope: Scope
) -> Workbench:
    return queries.dispute_workbench(
        read_models,
        query.as_filter(),
        scope=scope,
        today=today,
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )


def register_table(
    read_models: ReadModels, query: RegisterQuery, today: date, lang: Language, scope: Scope
) -> Table:
    """Every dispute the filter matches, in the page's order."""

    def t(key: str) -> str:
        return translate(lang, f"disputes.register.{key}")

    header = [
        t("worker"),
        t("employer"),
        t("kind"),
        t("status"),
        t("opened_on"),
        t("due_on"),
        t("days_late"),
        t("claimed"),
        t("agreed"),
        t("recovered"),
        t("mediator"),
        t("office"),
    ]
    rows: list[list[Cell]] = []
    offset = 0
    while len(rows) < MAX_ROWS:
        found = queries.dispute_workbench(
            read_models,
            query.as_filter(),
            scope=scope,
            today=today,
            offset=offset,
            limit=queries.MAX_LIMIT,
        )
        rows += [
            [
                line.worker_name,
                line.item.employer_name,
                code("DISPUTE_KIND", line.item.kind, lang),
                translate(lang, f"state.dispute.{line.item.status}"),
                line.item.opened_on,
                line.item.mediation_due_on,
                line.days_late,
                line.item.amount_claimed,
                line.item.amount_agreed,
                line.item.amount_recovered,
                line.item.mediator,
                line.office,
            ]
            for line in found.lines
        ]
        offset += len(found.lines)
        if len(found.lines) < queries.MAX_LIMIT:
            break
    return Table("laborbridge-disputes", t("title"), header, rows[:MAX_ROWS])
