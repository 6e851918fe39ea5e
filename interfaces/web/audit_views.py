"""What the auditor's pages read and show: the trail's filters read from a GET
form (errors per field, never a 500), the trail as one Table for the page and
its downloads, and a record as key–value rows compared "then vs now"."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

from application.clock import SHANGHAI
from domain.ledger_entry import LedgerEntry
from domain.scope import Scope
from infrastructure.readmodels import timeline_queries as q
from infrastructure.readmodels.access import ReadModels
from interfaces.i18n.catalogue import Language, translate
from interfaces.web.tables import Table

# The record kinds the trail knows (the timeline's aggregate_type), in the office's order.
RECORD_KINDS = (
    "worker",
    "training",
    "transfer",
    "placement",
    "dispute",
    "subsidy",
    "disclosure",
    "audit_export",
)
PAGE_SIZE = 100
# A download holds at most this many events; the page says so when the filter holds more.
MAX_DOWNLOAD_ROWS = 10_000


@dataclass
class TrailFilter:
    actor: str = ""
    kind: str = ""
    event_type: str = ""
    office: str = ""
    from_: str = ""
    to: str = ""
    entered_late: str = ""  # "true", "false" or "" (either)
    imported: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def query(self) -> dict[str, str]:
        """The filters as a URL query (no personal data: names of staff and codes)."""
        return {
            "actor": self.actor,
            "kind": self.kind,
            "type": self.event_type,
            "office": self.office,
            "from": self.from_,
            "to": self.to,
            "entered_late": self.entered_late,
            "imported": self.imported,
        }


def read_day(text: str, name: str, errors: dict[str, str], lang: Language) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors[name] = translate(lang, "audit.error.date")
        return None


def read_flag(text: str, name: str, errors: dict[str, str], lang: Language) -> bool | None:
    """A checkbox filter: "true" (checked), "false" (only the others) or nothing."""
    if text in ("", "true", "false"):
        return None if not text else text == "true"
    errors[name] = translate(lang, "audit.error.flag")
    return None


def read_filter(values: Mapping[str, str], lang: Language) -> tuple[TrailFilter, dict[str, Any]]:
    """The form's filters and the arguments for `audit_events`; bad dates are
    reported next to their field and filter nothing."""
    f = TrailFilter(
        actor=values.get("actor", "").strip(),
        kind=values.get("kind", "").strip(),
        event_type=values.get("type", "").strip(),
        office=values.get("office", "").strip(),
        from_=values.get("from", "").strip(),
        to=values.get("to", "").strip(),
        entered_late=values.get("entered_late", "").strip().lower(),
        imported=values.get("imported", "").strip().lower(),
    )
    if f.kind and f.kind not in RECORD_KINDS:
        f.errors["kind"] = translate(lang, "audit.error.kind")
    start = read_day(f.from_, "from", f.errors, lang)
    end = read_day(f.to, "to", f.errors, lang)
    if start and end and end < start:
        f.errors["to"] = translate(lang, "audit.error.order")
    arguments: dict[str, Any] = {
        "actor": f.actor or None,
        "type": f.event_type or None,
        "aggregate_type": f.kind if f.kind in RECORD_KINDS else None,
        "office": f.office or None,
        # A day is read in Asia/Shanghai; "to" includes its whole day.
        "from_": midnight(start),
        "to": midnight(end + timedelta(days=1)) if end and "to" not in f.errors else None,
        "entered_late": read_flag(f.entered_late, "entered_late", f.errors, lang),
        "imported": read_flag(f.imported, "imported", f.errors, lang),
    }
    return f, arguments


def midnight(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(), SHANGHAI)


def trail_rows(
    read_models: ReadModels, arguments: dict[str, Any], after: int, limit: int, scope: Scope
) -> tuple[list[q.TimelineEntry], int | None]:
    """Up to `limit` events from `after`, reading the trail a page at a time."""
    entries: list[q.TimelineEntry] = []
    next_after: int | None = after
    while next_after is not None and len(entries) < limit:
        page = q.audit_events(
            read_models,
            scope=scope,
            after=next_after,
            limit=min(q.MAX_LIMIT, limit - len(entries)),
            **arguments,
        )
        entries.extend(page.entries)
        next_after = page.next_after
    return entries, next_after


def trail_table(entries: list[q.TimelineEntry], lang: Language) -> Table:
    header = [
        translate(lang, f"audit.col.{name}")
        for name in (
            "position",
            "recorded_at",
            "user",
            "role",
            "office",
            "kind",
            "event_type",
            "record_id",
            "occurred_on",
            "summary",
            "entered_late",
            "imported",
        )
    ]
    rows = [
        [
            e.position,
            e.recorded_at.astimezone(SHANGHAI).replace(microsecond=0),
            e.actor.user if e.actor else "",
            translate(lang, f"role.{e.actor.role.value}") if e.actor else "",
            e.actor.office if e.actor else "",
            kind_word(e.aggregate_type, lang),
            e.event_type,
            str(e.aggregate_id),
            e.occurred_on,
            e.summary_zh if lang == "zh" else e.summary_en,
            e.days_late if e.entered_late else None,
            imported_cell(e.imported_from, lang),
        ]
        for e in entries
    ]
    return Table("laborbridge-audit-trail", translate(lang, "audit.trail.title"), header, rows)


def imported_cell(entry: LedgerEntry | None, lang: Language) -> str | None:
    """Where an imported fact came from, whole: the file's SHA-256 to check it by."""
    if entry is None:
        return None
    return translate(
        lang,
        "audit.flag.imported_cell",
        sha256=entry.ledger_sha256,
        sheet=entry.sheet,
        row=entry.row,
    )


def kind_word(kind: str, lang: Language) -> str:
    key = f"audit.kind.{kind}"
    word = translate(lang, key)
    return kind if word == key else word


# ---- a record as key–value rows, then vs now ---------------------------------


@dataclass(frozen=True)
class Row:
    key: str
    then: str | None  # None: the record did not have this then (or no moment asked)
    now: str

    @property
    def changed(self) -> bool:
        return self.then is not None and self.then != self.now


def facts(details: object) -> dict[str, str]:
    """A record's view as text, one line per field (lists and objects as JSON)."""
    values = asdict(details) if is_dataclass(details) and not isinstance(details, type) else {}
    return {key: _text(value) for key, value in values.items()}


def compare(then: object | None, now: object) -> list[Row]:
    before = facts(then) if then is not None else {}
    after = facts(now)
    keys = list(after) + [k for k in before if k not in after]
    return [
        Row(key, before.get(key, "") if then is not None else None, after.get(key, ""))
        for key in keys
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(SHANGHAI).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    return str(value)


def read_moment(
    values: Mapping[str, str], lang: Language
) -> tuple[datetime | None, int | None, dict[str, str]]:
    """The time-travel form: a date (and a time, default midnight) in
    Asia/Shanghai, or a version — not both."""
    errors: dict[str, str] = {}
    day_text = values.get("date", "").strip()
    time_text = values.get("time", "").strip()
    version_text = values.get("version", "").strip()
    day = read_day(day_text, "date", errors, lang)
    at: time | None = time()
    if time_text:
        try:
            at = time.fromisoformat(time_text)
        except ValueError:
            errors["time"] = translate(lang, "audit.error.time")
            at = None
        if not day_text:
            errors["date"] = translate(lang, "audit.error.date_for_time")
    version: int | None = None
    if version_text:
        if version_text.isascii() and version_text.isdigit() and 0 < int(version_text) < 10**9:
            version = int(version_text)
        else:
            errors["version"] = translate(lang, "audit.error.version")
    if version_text and day_text:
        errors["version"] = translate(lang, "audit.error.either")
    if errors or day is None or at is None:
        return None, version if not errors else None, errors
    return datetime.combine(day, at.replace(tzinfo=None), SHANGHAI), None, errors
