"""Every read model the projector keeps, by name."""

from __future__ import annotations

from infrastructure.readmodels.base import Projection
from infrastructure.readmodels.case_files import CaseFiles
from infrastructure.readmodels.integrity import Integrity
from infrastructure.readmodels.subsidies import Subsidies
from infrastructure.readmodels.timeline import Timeline


def all_projections() -> list[Projection]:
    return [Timeline(), CaseFiles(), Subsidies(), Integrity()]


def projection_named(name: str) -> Projection:
    for projection in all_projections():
        if projection.name == name:
            return projection
    known = ", ".join(p.name for p in all_projections())
    raise KeyError(f"no read model named {name!r} (known: {known})")
