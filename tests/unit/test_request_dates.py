"""Every date field of every request body takes an ISO 8601 string only."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError

import interfaces.http.schemas as schemas
from interfaces.http.schemas.common import Request


def request_models() -> list[type[BaseModel]]:
    for module in pkgutil.iter_modules(schemas.__path__):
        importlib.import_module(f"{schemas.__name__}.{module.name}")
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [Request]
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return found


def holds_a_date(annotation: Any) -> bool:
    """`date`, `date | None`, `Annotated[date, ...]` and the like."""
    if annotation is date:
        return True
    if annotation is datetime:
        return False
    return any(holds_a_date(arg) for arg in get_args(annotation))


DATE_FIELDS = sorted(
    (model.__name__, name)
    for model in request_models()
    for name, field in model.model_fields.items()
    if holds_a_date(field.annotation)
)
MODELS = {model.__name__: model for model in request_models()}


def test_the_request_bodies_have_date_fields() -> None:
    assert ("StartIn", "start_date") in DATE_FIELDS
    assert ("PaymentIn", "paid_on") in DATE_FIELDS
    assert len(DATE_FIELDS) >= 20  # occurred_on of every command, and the others


@pytest.mark.parametrize(("model", "name"), DATE_FIELDS)
@pytest.mark.parametrize("value", [1767225600, "1767225600", 0.5])
def test_no_date_field_takes_a_number(model: str, name: str, value: object) -> None:
    with pytest.raises(ValidationError) as refused:
        MODELS[model].model_validate({name: value})

    assert {"loc": (name,), "type": "iso_8601"} in [
        {"loc": e["loc"], "type": e["type"]} for e in refused.value.errors()
    ]


@pytest.mark.parametrize(("model", "name"), DATE_FIELDS)
def test_every_date_field_takes_yyyy_mm_dd(model: str, name: str) -> None:
    try:
        parsed = MODELS[model].model_validate({name: "2026-03-02"})
    except ValidationError as refused:  # other required fields are missing
        assert name not in [e["loc"][0] for e in refused.errors()]
    else:
        assert getattr(parsed, name) == date(2026, 3, 2)
