"""What one ledger row says, as typed facts: the person, the organised transfer,
the job spell and the months confirmed. Every cell of the row is read, so the
report names every mistake of a row at once, not just the first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from application.ledger_cells import (
    CellRefused,
    cell_date,
    cell_id_number,
    cell_money,
    cell_text,
)
from application.ledger_choices import cell_choice, cell_division
from application.ledger_columns import Column
from application.ledger_months import cell_months
from application.ledger_rows import LedgerRow
from domain.contact import parse_mobile
from domain.exceptions import InvalidValue
from domain.identity import ResidentIdNumber
from domain.placement_terms import parse_employer_code

T = TypeVar("T")

# What a ledger rarely says, and the import assumes (the template's notes say so).
DEFAULT_CHANNEL = "labour_office"  # 劳务办事处: the programme's organised transfers
DEFAULT_TRAVEL_MODE = "chartered_bus"  # 点对点专车, how the cooperation moves workers
DEFAULT_CONTRACT_TYPE = "fixed_term"
DEFAULT_EVIDENCE = "payroll"  # 工资表: what employers send back
DEFAULT_END_REASON = "台账记载离职"


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    mobile: str
    hukou_division: str
    township: str | None
    poverty_status: str
    education: str | None
    registered_on: date


@dataclass(frozen=True)
class Move:
    destination: str
    channel: str
    departed_on: date
    travel_mode: str
    arrived_on: date | None


@dataclass(frozen=True)
class Job:
    employer_name: str
    employer_code: str
    workplace_division: str
    position: str
    monthly_wage: Decimal
    contract_type: str
    started_on: date
    ended_on: date | None
    end_reason: str
    months: tuple[str, ...]


@dataclass(frozen=True)
class RowFacts:
    person: Person
    move: Move | None
    job: Job | None
    note: str | None


@dataclass(frozen=True)
class Mistake:
    """What is wrong with a row, in English as raised; `zh`: where the cell's
    reader said it in Chinese itself (else the catalogue translates)."""

    column: Column | None
    reason: str
    zh: str | None = None


@dataclass
class CellReader:
    """Reads a row's cells, keeping each mistake."""

    row: LedgerRow
    mistakes: list[Mistake] = field(default_factory=list)

    def raw(self, column: Column) -> Any:
        return self.row.cells.get(column)

    def read(self, column: Column, parse: Callable[[Column, Any], T | None]) -> T | None:
        try:
            return parse(column, self.raw(column))
        except CellRefused as error:
            self.mistakes.append(Mistake(column, error.reason_en, error.reason_zh))
        except InvalidValue as error:
            self.mistakes.append(Mistake(column, error.message))
        return None

    def required(self, column: Column, value: T | None, why: str = "is required") -> T | None:
        if value is None and not any(m.column is column for m in self.mistakes):
            self.mistakes.append(Mistake(column, why))
        return value

    def quietly_date(self, column: Column) -> date | None:
        """A date cell's value, or None: where a mistake is not this use's to report."""
        try:
            return cell_date(column, self.raw(column))
        except InvalidValue:
            return None

    def given(self, *columns: Column) -> bool:
        return any(cell_text(c, self.raw(c)) for c in columns)


def checked(
    read: Callable[[Column, Any], str | None], rule: Callable[[str], object]
) -> Callable[[Column, Any], str | None]:
    """A cell read, then checked by the domain's rule for it now, so that a
    row's mistakes are all found at once (the records check them again)."""

    def parse(column: Column, value: Any) -> str | None:
        text = read(column, value)
        if text is not None:
            rule(text)
        return text

    return parse


def _id_number(column: Column, value: Any) -> str | None:
    return cell_id_number(value)


def read_row(row: LedgerRow, office: str, today: date) -> tuple[RowFacts | None, list[Mistake]]:
    """The row's facts, or the mistakes that stop it. `office`: the importing
    office, the household registration's division when the ledger has none."""
    cells = CellReader(row)
    person = _person(cells, office, today)
    move = _move(cells) if cells.given(*MOVE_COLUMNS) else None
    job = _job(cells, move) if cells.given(*JOB_COLUMNS) else None
    note = cells.read(Column.NOTE, cell_text)
    if cells.mistakes or person is None:
        return None, cells.mistakes
    return RowFacts(person=person, move=move, job=job, note=note), []


MOVE_COLUMNS = (Column.DESTINATION, Column.DEPARTED_ON, Column.ARRIVED_ON)
JOB_COLUMNS = (
    Column.EMPLOYER_NAME,
    Column.EMPLOYER_CODE,
    Column.STARTED_ON,
    Column.MONTHS_CONFIRMED,
)


def _person(cells: CellReader, office: str, today: date) -> Person | None:
    name = cells.required(Column.NAME, cells.read(Column.NAME, cell_text))
    id_number = cells.required(
        Column.ID_NUMBER,
        cells.read(
            Column.ID_NUMBER,
            checked(_id_number, lambda text: ResidentIdNumber.parse(text, today=today)),
        ),
    )
    mobile = cells.required(
        Column.MOBILE, cells.read(Column.MOBILE, checked(cell_text, parse_mobile))
    )
    hukou = cells.read(Column.HUKOU_DIVISION, cell_division) or office
    township = cells.read(Column.TOWNSHIP, cell_text)
    poverty = cells.required(Column.POVERTY_STATUS, cells.read(Column.POVERTY_STATUS, cell_choice))
    education = cells.read(Column.EDUCATION, cell_choice)
    registered_on = cells.read(Column.REGISTERED_ON, cell_date)
    if registered_on is None and not cells.given(Column.REGISTERED_ON):
        registered_on = _registered_by_first_step(cells)
    if name is None or id_number is None or mobile is None or poverty is None:
        return None
    if registered_on is None:
        return None
    return Person(
        name=name,
        id_number=id_number,
        mobile=mobile,
        hukou_division=hukou,
        township=township,
        poverty_status=poverty,
        education=education,
        registered_on=registered_on,
    )


def _registered_by_first_step(cells: CellReader) -> date | None:
    """A ledger of transfers rarely says when the worker was registered: no
    later than their first recorded step. A bad date there is that column's
    mistake, reported once, not this one's."""
    steps = (Column.DEPARTED_ON, Column.STARTED_ON)
    earliest = [d for d in map(cells.quietly_date, steps) if d is not None]
    if earliest:
        return min(earliest)
    if not cells.given(*steps):
        cells.required(
            Column.REGISTERED_ON, None, "is required when the row has no departure or start date"
        )
    return None


def _move(cells: CellReader) -> Move | None:
    destination = cells.required(Column.DESTINATION, cells.read(Column.DESTINATION, cell_division))
    departed_on = cells.required(
        Column.DEPARTED_ON,
        cells.read(Column.DEPARTED_ON, cell_date),
        "is required for a transfer",
    )
    channel = cells.read(Column.CHANNEL, cell_choice) or DEFAULT_CHANNEL
    mode = cells.read(Column.TRAVEL_MODE, cell_choice) or DEFAULT_TRAVEL_MODE
    arrived_on = cells.read(Column.ARRIVED_ON, cell_date)
    if destination is None or departed_on is None:
        return None
    return Move(destination, channel, departed_on, mode, arrived_on)


def _job(cells: CellReader, move: Move | None) -> Job | None:
    employer_name = cells.required(
        Column.EMPLOYER_NAME, cells.read(Column.EMPLOYER_NAME, cell_text)
    )
    employer_code = cells.required(
        Column.EMPLOYER_CODE,
        cells.read(Column.EMPLOYER_CODE, checked(cell_text, parse_employer_code)),
    )
    position = cells.required(Column.POSITION, cells.read(Column.POSITION, cell_text))
    wage = cells.required(Column.MONTHLY_WAGE, cells.read(Column.MONTHLY_WAGE, cell_money))
    contract = cells.read(Column.CONTRACT_TYPE, cell_choice) or DEFAULT_CONTRACT_TYPE
    started_on = cells.required(Column.STARTED_ON, cells.read(Column.STARTED_ON, cell_date))
    ended_on = cells.read(Column.ENDED_ON, cell_date)
    end_reason = cells.read(Column.END_REASON, cell_text) or DEFAULT_END_REASON
    months = cells.read(Column.MONTHS_CONFIRMED, cell_months) or []
    if employer_name is None or employer_code is None or position is None:
        return None
    if wage is None or started_on is None:
        return None
    return Job(
        employer_name=employer_name,
        employer_code=employer_code,
        workplace_division=move.destination if move is not None else "",
        position=position,
        monthly_wage=wage,
        contract_type=contract,
        started_on=started_on,
        ended_on=ended_on,
        end_reason=end_reason,
        months=tuple(months),
    )
