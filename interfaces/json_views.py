"""The application's views as JSON-ready data, the same for the API and the CLI."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}  # one per view type: building one is slow


def as_json(view: object) -> Any:
    """A view (dataclass) or model as JSON-ready data, as its response_model would
    serialise it: money stays a decimal string, dates ISO 8601."""
    shape = type(view)
    adapter = _ADAPTERS.get(shape) or _ADAPTERS.setdefault(shape, TypeAdapter(shape))
    return adapter.dump_python(view, mode="json")
