"""Subsidy policies from a TOML file, so a new version is a few lines of data.

    [[policy]]
    version = "2027-鲁渝-2"
    effective_from = 2027-01-01
    stable_job_amount_per_month = "1200.00"   # amounts as strings: exact decimals
    # any field left out keeps the programme's figure (domain/subsidy_policy.py)

The file holds every version, oldest first or not; the book answers which one was
in force on a day. Without a file the built-in book applies.
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from domain.exceptions import InvalidValue
from domain.subsidy_policy import PolicyBook, SubsidyPolicy
from domain.worker_profile import PovertyStatus

_MONEY = {
    "transport_amount",
    "stable_job_amount_per_month",
    "stable_job_cap",
    "life_adaptation_amount",
}
_STATUSES = {"stable_job_statuses", "life_adaptation_statuses"}
_KNOWN = {f.name for f in fields(SubsidyPolicy)}


class PolicyFileError(ValueError):
    """The policy file cannot be used; the message names the version and field."""


def load_policies(path: Path) -> PolicyBook:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PolicyFileError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise PolicyFileError(f"{path} is not valid TOML: {error}") from None
    entries = data.get("policy")
    if not isinstance(entries, list) or not entries:
        raise PolicyFileError(f"{path} holds no [[policy]] tables")
    policies = [_policy(entry, n) for n, entry in enumerate(entries, start=1)]
    try:
        return PolicyBook(policies)
    except InvalidValue as error:
        raise PolicyFileError(f"{path}: {error.message}") from None


def _policy(entry: dict[str, Any], n: int) -> SubsidyPolicy:
    name = str(entry.get("version", f"#{n}"))
    unknown = sorted(set(entry) - _KNOWN)
    if unknown:
        raise PolicyFileError(f"policy {name}: unknown field {unknown[0]}")
    values: dict[str, Any] = {}
    for key, raw in entry.items():
        try:
            values[key] = _value(key, raw)
        except (InvalidOperation, ValueError, TypeError):
            raise PolicyFileError(f"policy {name}: {key} has an invalid value") from None
    try:
        return SubsidyPolicy(**values)
    except InvalidValue as error:
        raise PolicyFileError(f"policy {name}: {error.field}: {error.message}") from None
    except TypeError:
        raise PolicyFileError(f"policy {name}: version and effective_from are required") from None


def _value(key: str, raw: Any) -> Any:
    if key in _MONEY:
        if isinstance(raw, float):  # TOML floats are binary: 0.1 is not 0.1
            raise ValueError
        return Decimal(str(raw))
    if key in _STATUSES:
        return frozenset(PovertyStatus(s) for s in raw)
    if key == "effective_from":
        if not isinstance(raw, date) or isinstance(raw, datetime):
            raise ValueError
        return raw
    if key == "stable_months":
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ValueError
        return raw
    return str(raw)
