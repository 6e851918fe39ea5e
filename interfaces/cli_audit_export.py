"""`laborbridge audit export`: copy the events recorded in a time range to a file.

The command line has no token: the operator names themself (`--user`,
`--office`), and the export is recorded as an auditor's, with channel `cli`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from application.log_reading import LoggedEvent
from domain.actor import Actor, Role
from domain.audit_export import ExportChannel, ExportFormat
from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from infrastructure.audit_export import ExportRequest, StartedExport, start_export
from infrastructure.export_files import csv_chunks, jsonl_chunks, write_xlsx
from infrastructure.persistence import build_journey
from infrastructure.readmodels.access import LIVE_PREFIX, ReadModels
from infrastructure.readmodels.registry import all_projections
from infrastructure.readmodels.tracking import create_read_model_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from interfaces.cli_errors import CommandError
from interfaces.cli_operator import operator_name
from interfaces.progress import progress_bar

FORMATS = ", ".join(f.value for f in ExportFormat)


class _Refused(Exception):
    """A bad argument: one line on stderr, exit status 2."""


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    try:
        request = _request(args)
        output = _output(args.output)
    except (_Refused, InvalidValue, CommandError) as error:
        print(f"laborbridge: {error}", file=sys.stderr)
        return 2
    journey = build_journey(settings)
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        create_read_model_tables(db, all_projections(), LIVE_PREFIX)
        try:
            started = start_export(journey, ReadModels(db), request)
        except InvalidValue as error:
            print(f"laborbridge: {_flag(error.field)}: {error.message}", file=sys.stderr)
            return 2
        written = _write(started, output)
    finally:
        journey.close()
        db.close()
    span = started.span
    where = f" (log positions {span.first} to {span.last})" if span.count else ""
    print(f"Exported {written} events{where} to {output}.")
    print(f"The export is recorded as {started.export_id} (log position {started.position}).")
    if written != span.count:
        print(
            f"laborbridge: {span.count} events were expected; run `laborbridge projections verify`",
            file=sys.stderr,
        )
        return 1
    return 0


def _request(args: argparse.Namespace) -> ExportRequest:
    user = operator_name(args.user)
    office = parse_division(args.office, "--office")
    try:
        output = ExportFormat(args.format or Path(args.output).suffix.lstrip(".").lower())
    except ValueError:
        raise _Refused(f"--format must be one of: {FORMATS}") from None
    return ExportRequest(
        start=_moment(args.start, "--from"),
        end=_moment(args.end, "--to"),
        format=output,
        actor=Actor(user=user, role=Role.AUDITOR, office=office),
        channel=ExportChannel.CLI,
    )


def _moment(raw: str | None, flag: str) -> datetime | None:
    if raw is None:
        return None
    try:
        return datetime.fromisoformat(raw.strip())
    except ValueError:
        raise _Refused(f"{flag} must be an ISO 8601 date or date-time") from None


def _output(raw: str) -> Path:
    path = Path(raw)
    if path.exists():
        raise _Refused(f"--output {raw} exists already; name a new file")
    if not path.parent.is_dir():
        raise _Refused(f"--output: no directory {path.parent}")
    return path


def _flag(field: str) -> str:
    return {"to": "--to", "from": "--from", "format": "--format"}.get(field, field)


PRIVATE_FILE = 0o600


def _write(started: StartedExport, output: Path) -> int:
    """Write to a side file and move it into place: a failed export leaves no
    half file under the name asked for (its record stays in the log)."""
    partial = output.with_name(output.name + ".part")
    counted = _Counted(started.events, started.span.count)
    try:
        # The copy holds personal data: only its owner may read it, whatever the umask.
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
        os.chmod(partial, PRIVATE_FILE)
        if started.format is ExportFormat.XLSX:
            write_xlsx(counted, partial)
        else:
            chunks = jsonl_chunks if started.format is ExportFormat.JSONL else csv_chunks
            with partial.open("w", encoding="utf-8", newline="") as file:
                file.writelines(chunks(counted))
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    counted.finish()
    return counted.done


class _Counted(Iterable[LoggedEvent]):
    """The events, counted as they pass, with a progress bar on stderr."""

    def __init__(self, events: Iterator[LoggedEvent], total: int) -> None:
        self.events = events
        self.total = total
        self.done = 0
        self.show = progress_bar(total)

    def __iter__(self) -> Iterator[LoggedEvent]:
        for event in self.events:
            self.done += 1
            if self.done % 100 == 0 and self.done < self.total:
                self.show(self.done, self.total)
            yield event

    def finish(self) -> None:
        if self.total:
            self.show(self.done, self.total)
            if sys.stderr.isatty():
                print(file=sys.stderr)  # the bar was redrawn in place: end its line


def add(actions: Any) -> None:
    """Adds this module's subcommands to `laborbridge audit`."""
    export = actions.add_parser(
        "export",
        help="copy the events recorded in a time range to a file; the export is recorded",
        description="Every event recorded in [--from, --to), in log order, personal data"
        " masked. A date means its midnight; a time without an offset is Asia/Shanghai."
        " The export is recorded (AuditExport.Exported) before the file is written.",
    )
    export.add_argument("--from", dest="start", metavar="TIME", help="default: the start")
    export.add_argument("--to", dest="end", metavar="TIME", help="default: now")
    export.add_argument("--format", help=f"{FORMATS} (default: the output file's extension)")
    export.add_argument("--output", required=True, metavar="FILE", help="a new file")
    export.add_argument("--user", required=True, help="you, as the export will record")
    export.add_argument("--office", required=True, help="your office's division code")
    export.set_defaults(handler=run_export)
