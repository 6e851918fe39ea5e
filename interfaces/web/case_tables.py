"""The caseworkers' lists as tables: search results and the subsidy ledger,
what the page shows and what its .xlsx and CSV downloads hold, column for column."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from domain.scope import Scope
from infrastructure.readmodels import case_file_queries, subsidy_queries
from infrastructure.readmodels.access import ReadModels
from infrastructure.readmodels.subsidy_queries import LedgerRow, SubsidyFilter
from infrastructure.readmodels.worker_names import names_of
from interfaces.i18n.catalogue import Language, translate
from interfaces.web.formats import code
from interfaces.web.tables import Cell, Table

# A download holds at most this many rows; the page says so when a filter holds more.
MAX_ROWS = 50_000
_CHUNK = 1000


@dataclass(frozen=True)
class WorkerFilters:
    q: str | None = None
    township: str | None = None
    poverty_status: str | None = None
    stage: str | None = None


def worker_table(
    read_models: ReadModels, filters: WorkerFilters, lang: Language, scope: Scope
) -> Table:
    """Every worker the search finds (not only the page shown), ID numbers masked."""

    def t(key: str) -> str:
        return translate(lang, key)

    header = [
        t("field.name"),
        t("field.id_number"),
        t("field.hukou_township"),
        t("field.poverty_status"),
        t("search.stage"),
        t("search.months"),
        t("search.registered_on"),
        t("tables.office"),
    ]
    rows: list[list[Cell]] = []
    cursor: str | None = None
    while len(rows) < MAX_ROWS:
        page = case_file_queries.search_workers(
            read_models, **vars(filters), scope=scope, cursor=cursor, limit=_CHUNK
        )
        rows += [
            [
                w.name,
                w.id_number,
                w.township,
                code("POVERTY_STATUS", w.poverty_status, lang),
                t(f"stage.{w.stage}"),
                w.confirmed_months,
                w.registered_on,
                w.office,
            ]
            for w in page.items
        ]
        cursor = page.next_cursor
        if cursor is None:
            break
    return Table("laborbridge-workers", t("search.title"), header, rows[:MAX_ROWS])


def ledger_rows(read_models: ReadModels, given: SubsidyFilter, scope: Scope) -> Iterator[LedgerRow]:
    """The ledger (补贴台账) by the date each subsidy arose, at most MAX_ROWS."""
    count = 0
    for chunk in subsidy_queries.ledger(read_models, given, scope=scope):
        for row in chunk:
            yield row
            count += 1
            if count >= MAX_ROWS:
                return


@dataclass(frozen=True)
class Ledger:
    table: Table
    assessed: Decimal  # over every row of the table
    paid: Decimal


def ledger_table(
    read_models: ReadModels, given: SubsidyFilter, lang: Language, scope: Scope
) -> Ledger:
    def t(key: str) -> str:
        return translate(lang, key)

    header = [
        t("field.name"),
        t("tables.kind"),
        t("tables.status"),
        t("tables.amount"),
        t("tables.paid_amount"),
        t("tables.overpaid_amount"),
        t("tables.arose_on"),
        t("tables.decided_on"),
        t("tables.paid_on"),
        t("field.payment_reference"),
        t("tables.policy_version"),
        t("tables.office"),
        t("tables.subsidy_id"),
    ]
    found = list(ledger_rows(read_models, given, scope))
    names = names_of(read_models, (r.worker_id for r in found), scope=scope)
    rows: list[list[Cell]] = [
        [
            names.get(r.worker_id, ""),
            code("SUBSIDY_KIND", r.kind, lang),
            code("SUBSIDY_STATUS", r.status, lang),
            r.amount,
            r.paid_amount,
            r.overpaid_amount,
            r.arose_on,
            r.decided_on,
            r.paid_on,
            r.payment_reference,
            r.policy_version,
            r.office,
            str(r.id),
        ]
        for r in found
    ]
    return Ledger(
        Table("laborbridge-subsidy-ledger", t("ledger.title"), header, rows),
        assessed=sum((r.amount for r in found), start=Decimal(0)),
        paid=sum((r.paid_amount or Decimal(0) for r in found), start=Decimal(0)),
    )
