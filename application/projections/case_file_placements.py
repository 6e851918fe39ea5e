"""How a placement's events change its row and its worker's (稳定就业 included).

A placement's months are kept as sorted `YYYY-MM` text; its worker keeps its
active spells, its confirmed months and how many of its placements are stable.
"""

from __future__ import annotations

from typing import Any

from application.projections.case_file_rows import (
    JourneyStage,
    PlacementRow,
    Worker,
    WorkerRow,
    reach,
)
from application.projections.columns import fen, iso, text
from domain.placement import STABLE_EMPLOYMENT_MONTHS, PlacementState
from domain.placement_terms import longest_run


def started(e: Any, _: int, worker: Worker) -> PlacementRow:
    row: PlacementRow = {
        "placement_id": text(e.originator_id),
        "worker_id": text(e.worker_id),
        "transfer_id": text(e.transfer_id),
        "kind": e.kind,
        "employer_name": e.employer_name,
        "workplace_division": e.workplace_division,
        "monthly_wage_fen": fen(e.monthly_wage),
        "state": PlacementState.ACTIVE.value,
        "started_on": iso(e.occurred_on),
        "ended_on": None,
        "months": "",
        "longest_run": 0,
        "stable": 0,
        "stable_since": None,
        "office": e.actor.office,
    }
    if worker is not None:
        _set_active(worker, _active(worker) | {f"{row['started_on']}/{row['placement_id']}"})
        reach(worker, JourneyStage.PLACED)
    return row


def month_confirmed(row: PlacementRow, worker: Worker, e: Any) -> None:
    _set_months(row, worker, _months(row) | {e.month})
    if worker is not None:
        worker["confirmed_months"] += 1


def month_withdrawn(row: PlacementRow, worker: Worker, e: Any) -> None:
    _set_months(row, worker, _months(row) - {e.month})
    if worker is not None:
        worker["confirmed_months"] -= 1


def _months(row: PlacementRow) -> set[str]:
    return set(filter(None, row["months"].split(",")))


def _set_months(row: PlacementRow, worker: Worker, months: set[str]) -> None:
    """The placement's months, run and stability; the worker counts its stable
    placements, and is stably employed while it has one (a withdrawn month may
    take that back, to `placed`)."""
    ordered = sorted(months)
    run = longest_run(ordered)
    was_stable = row["stable"]
    row["months"] = ",".join(ordered)
    row["longest_run"] = run
    row["stable"] = int(run >= STABLE_EMPLOYMENT_MONTHS)
    row["stable_since"] = stable_since(ordered)
    if worker is None or row["stable"] == was_stable:
        return
    worker["stable_placements"] += 1 if row["stable"] else -1
    if row["stable"]:
        reach(worker, JourneyStage.STABLY_EMPLOYED)
    elif worker["stable_placements"] == 0:
        worker["stage"] = JourneyStage.PLACED.value


def ended(row: PlacementRow, worker: Worker, e: Any) -> None:
    row["state"] = PlacementState.ENDED.value
    row["ended_on"] = iso(e.occurred_on)
    if worker is not None:
        _set_active(worker, _active(worker) - {f"{row['started_on']}/{row['placement_id']}"})


def stable_since(months: list[str]) -> str | None:
    """The month that completed the first run of STABLE_EMPLOYMENT_MONTHS
    consecutive confirmed months (稳定就业): a function of the set of months,
    whatever order they were confirmed in."""
    run, previous = 0, None
    for month in sorted(months):
        index = int(month[:4]) * 12 + int(month[5:7])
        run = run + 1 if previous is not None and index == previous + 1 else 1
        previous = index
        if run >= STABLE_EMPLOYMENT_MONTHS:
            return month
    return None


def _active(worker: WorkerRow) -> set[str]:
    return set(filter(None, worker["active_placements"].split(",")))


def _set_active(worker: WorkerRow, entries: set[str]) -> None:
    """Active spells as `started_on/placement_id`, in order; the current one
    is the spell started last."""
    ordered = sorted(entries)
    worker["active_placements"] = ",".join(ordered)
    worker["current_placement_id"] = ordered[-1].partition("/")[2] if ordered else None
