"""A page's form, made from the command's own request body.

The JSON API and the pages take the same body model (interfaces/http/schemas):
its fields say what the form asks, and its validation is the form's. Codes are
offered as pick-lists with their labels (the domain's enums, the programme's
places); records are chosen from the worker's own (never an id typed by hand);
the id of the record the form addresses is fixed by the page, not the form.
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Union, get_args, get_origin
from uuid import UUID

from pydantic import BaseModel, ValidationError

from application.projections import labels
from domain.places import DESTINATIONS, HOME_COUNTIES, named
from domain.text import compact, normalise
from interfaces.i18n.catalogue import Language, translate
from interfaces.i18n.errors import validation_message

Choices = Sequence[tuple[str, str]]  # (value, what a person reads)

# Fields holding a division code, and the places offered for each.
DIVISION_FIELDS = {
    "hukou_division": HOME_COUNTIES,
    "destination": DESTINATIONS,
    "workplace_division": DESTINATIONS,
    "job_intention.destination": DESTINATIONS,
}
LONG_TEXT = {"note", "description", "summary", "reason"}
MONTH_FIELDS = {"month"}
# Filled in by the page, never shown: the caller's office is the default origin.
LEFT_OUT = {"origin_office"}


@dataclass
class FormField:
    name: str
    control: str  # text, textarea, lines, date, month, select, checkbox, money
    required: bool
    options: Choices = ()
    value: str = ""
    error: str | None = None
    inputmode: str | None = None

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-").replace("_", "-")


@dataclass
class Form:
    """What a template needs to draw a form: its fields, in the body's order."""

    fields: list[FormField]
    problems: list[FormField] = field(default_factory=list)  # fields with an error
    general: list[str] = field(default_factory=list)  # errors of no one field

    def error(self, name: str, message: str) -> None:
        for f in self.fields:
            if f.name == name:
                f.error = message
                if f not in self.problems:
                    self.problems.append(f)
                return
        self.general.append(message)

    @property
    def has_errors(self) -> bool:
        return bool(self.problems or self.general)


def _unwrapped(annotation: Any) -> tuple[Any, bool]:
    """The annotation's own type and whether None is allowed."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            annotation = args[0]
        else:
            return annotation, optional


def _enum_choices(kind: type[StrEnum], lang: Language) -> Choices:
    table = labels.ALL.get(kind)
    if table is None:
        return [(m.value, translate(lang, f"code.{kind.__name__}.{m.value}")) for m in kind]
    return [(m.value, getattr(labels.label(table, m.value), lang)) for m in kind]  # type: ignore[arg-type]


# Fields of every command's body, asked after the command's own.
COMMON_LAST = frozenset({"occurred_on", "note"})


def form_of(
    body: type[BaseModel],
    lang: Language,
    *,
    fixed: Mapping[str, Any] = {},
    choices: Mapping[str, Choices] = {},
    values: Mapping[str, str] = {},
) -> Form:
    """The form asking for `body`'s fields but those the page fixes; the fields
    every command has (when it happened, a note) come last, after its own."""
    made = _fields(body, lang, "", fixed, choices, values)
    return Form(sorted(made, key=lambda f: f.name in COMMON_LAST))


def _fields(
    body: type[BaseModel],
    lang: Language,
    prefix: str,
    fixed: Mapping[str, Any],
    choices: Mapping[str, Choices],
    values: Mapping[str, str],
) -> list[FormField]:
    made: list[FormField] = []
    for name, info in body.model_fields.items():
        full = prefix + name
        if full in fixed or full in LEFT_OUT:
            continue
        kind, optional = _unwrapped(info.annotation)
        required = info.is_required() and not optional
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            made += _fields(kind, lang, full + ".", fixed, choices, values)
            continue
        made.append(_field(full, kind, required, lang, choices, values.get(full, "")))
    return made


def _field(
    name: str, kind: Any, required: bool, lang: Language, choices: Mapping[str, Choices], value: str
) -> FormField:
    if name in choices:
        return FormField(name, "select", required, choices[name], value)
    if name in DIVISION_FIELDS:
        return FormField(name, "select", required, named(DIVISION_FIELDS[name]), value)
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        options = _enum_choices(kind, lang)
        return FormField(name, "select", required, options, value)
    if kind is date:
        return FormField(name, "date", required, value=value)
    if kind is bool:
        return FormField(name, "checkbox", required, value=value)
    if kind is Decimal:
        return FormField(name, "money", required, value=value, inputmode="decimal")
    if get_origin(kind) is list:
        return FormField(name, "lines", required, value=value)
    if name in MONTH_FIELDS:
        return FormField(name, "month", required, value=value)
    if name in LONG_TEXT:
        return FormField(name, "textarea", required, value=value)
    if name in ("mobile",):
        return FormField(name, "text", required, value=value, inputmode="tel")
    return FormField(name, "text", required, value=value)


class FormRefused(Exception):
    """The form's input does not make a valid body: per-field messages."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(f"{len(errors)} fields refused")
        self.errors = errors


def body_from(
    body: type[BaseModel],
    submitted: Mapping[str, str],
    lang: Language,
    *,
    fixed: Mapping[str, Any] = {},
) -> BaseModel:
    """The body the form's input makes, validated as the API validates it."""
    data = _data(body, submitted, "")
    data.update({k: v for k, v in fixed.items() if k in body.model_fields})
    try:
        return body.model_validate(data)
    except ValidationError as refused:
        raise FormRefused(
            [(_name(e["loc"]), validation_message(e, lang)) for e in refused.errors()]
        ) from None


def _data(body: type[BaseModel], submitted: Mapping[str, str], prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, info in body.model_fields.items():
        full = prefix + name
        kind, _ = _unwrapped(info.annotation)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            nested = _data(kind, submitted, full + ".")
            if nested:
                data[name] = nested
            continue
        raw = submitted.get(full)
        if kind is bool:
            data[name] = raw is not None and raw != ""
        elif raw is None or not raw.strip():
            continue
        elif get_origin(kind) is list:
            data[name] = [line.strip() for line in raw.splitlines() if line.strip()]
        else:
            data[name] = _typed_as_meant(raw, kind, full)
    return data


def _typed_as_meant(raw: str, kind: Any, name: str) -> str:
    """What a person types for a number or a date, as the API reads it: full-width
    digits folded (an input method's １２), and in amounts the spaces, thousands
    separators and a trailing 元 dropped (4，500 元 → 4500). Other text is kept
    as typed (the domain folds what it must, as for the API)."""
    if kind is Decimal:
        return compact(raw).replace(",", "").removesuffix("元").strip()
    if kind in (date, int) or name in MONTH_FIELDS:
        return normalise(raw)
    return raw.strip()


def _name(loc: Sequence[int | str]) -> str:
    return ".".join(str(part) for part in loc if not isinstance(part, int))


def record_choices(records: Sequence[tuple[UUID, str]]) -> Choices:
    return [(str(record_id), text) for record_id, text in records]
