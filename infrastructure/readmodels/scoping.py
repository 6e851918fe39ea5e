"""A caller's scope (domain.scope) as SQL: which rows of the read models they see.

An office column is in scope when its code is one of a plain office scope's
codes, or starts with one of a wider scope's prefixes (a province, the areas
of a pair); everything is in scope for `all`. A worker is in scope when the
office serving them — home (`office`) or host (`host_office`) — is; a fact
counted in a report, when the one office it is attributed to is.
"""

from __future__ import annotations

from typing import Any

from domain.scope import Scope, ScopeKind

# SQL and its parameters; callers may add to the list (each call makes its own).
Clause = tuple[str, list[Any]]


def sees_everything(scope: Scope) -> bool:
    return "" in scope.prefixes()


def offices_in(scope: Scope, *columns: str) -> Clause:
    """True when any of the columns holds an office the scope reaches (NULL never does)."""
    if sees_everything(scope):
        return "1 = 1", []
    clauses: list[str] = []
    params: list[Any] = []
    for column in columns:
        if scope.kind is ScopeKind.OFFICE and scope.codes:
            clauses.append(f"{column} IN ({', '.join(['%s'] * len(scope.codes))})")
            params += list(scope.codes)
        elif scope.kind is not ScopeKind.OFFICE:
            for prefix in scope.prefixes():
                clauses.append(f"{column} LIKE %s ESCAPE '\\'")
                params.append(_escaped(prefix) + "%")
    return f"({' OR '.join(clauses) or '1 = 0'})", params


def worker_in(scope: Scope, alias: str = "w") -> Clause:
    """For a query over the workers table aliased `alias`."""
    return offices_in(scope, f"{alias}.office", f"{alias}.host_office")


def worker_of_row_in(scope: Scope, workers: str, column: str = "worker_id") -> Clause:
    """For a table of records that names its worker in `column`: that worker is
    in scope (`workers` is the workers table's name, prefix and all)."""
    if sees_everything(scope):
        return "1 = 1", []
    clause, params = offices_in(scope, "sw.office", "sw.host_office")
    return (
        f"{column} IN (SELECT sw.worker_id FROM {workers} sw WHERE {clause})",  # noqa: S608 - names are ours
        params,
    )


def _escaped(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def file_open_to(scope: Scope, handovers: str, transfers: str, alias: str = "w") -> Clause:
    """A worker's own file (their page, timeline, records) is open to the offices
    serving them, and to their visitors (application/case_access): an office
    the worker is offered to, or a receiving office awaiting their arrival.
    `handovers` and `transfers` name those tables, prefix and all."""
    if sees_everything(scope):
        return "1 = 1", []
    served, params = worker_in(scope, alias)
    offered, offered_params = offices_in(scope, "h.to_office")
    expected, expected_params = _listed_in(scope, "t.expected_offices")
    return (
        f"({served}"  # noqa: S608 - names are ours
        f" OR EXISTS (SELECT 1 FROM {handovers} h WHERE h.worker_id = {alias}.worker_id"
        f" AND h.state = 'pending' AND {offered})"
        f" OR EXISTS (SELECT 1 FROM {transfers} t WHERE t.worker_id = {alias}.worker_id"
        f" AND t.expected_offices <> '' AND {expected}))",
        [*params, *offered_params, *expected_params],
    )


def _listed_in(scope: Scope, column: str) -> Clause:
    """True when the comma-separated codes in `column` name an office in scope."""
    listed = f"(',' || {column} || ',')"
    if scope.kind is ScopeKind.OFFICE:
        patterns = [f"%,{_escaped(code)},%" for code in scope.codes]
    else:
        patterns = [f"%,{_escaped(prefix)}%" for prefix in scope.prefixes()]
    clauses = [f"{listed} LIKE %s ESCAPE '\\'" for _ in patterns]
    return f"({' OR '.join(clauses) or '1 = 0'})", patterns
