"""`laborbridge import ledger FILE`: an office's ledger (台账, .xlsx or .csv)
from a terminal — validated only (`--dry-run`) or written — with a progress
bar, a summary, and the per-row report written where `--report` says.

The importer stamped on the events is the server's user (`cli:` and the
operating-system user) as a caseworker of the office named by `--office`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from domain.actor import Actor, Role
from domain.divisions import parse_division
from domain.exceptions import InvalidValue
from infrastructure.ledger_imports import LedgerImports
from infrastructure.ledger_reports import write_report_csv, write_report_xlsx
from infrastructure.persistence import build_journey
from infrastructure.schema import create_tables
from infrastructure.settings import Settings
from infrastructure.sql import open_database
from infrastructure.staff_changes import command_line_user
from interfaces.cli_errors import CommandError
from interfaces.ledger_runs import run_import, start_import
from interfaces.progress import progress_bar


def ledger(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"{args.file}: no such file")
    importer = Actor(user=command_line_user(), role=Role.CASEWORKER, office=_office(args.office))
    commit = not args.dry_run
    journey = build_journey(settings)
    db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
    try:
        create_tables(db)
        register = journey.access.register()
        if register is None or importer.office not in register.offices:
            raise CommandError(
                f"--office {importer.office} is not in the register of offices"
                " (`laborbridge office list`)"
            )
        imports = LedgerImports(db)
        import_id = start_import(imports, path, importer, commit=commit)
        counts = run_import(
            journey,
            imports,
            import_id,
            path,
            importer,
            commit=commit,
            show=progress_bar(0, unit="rows"),
        )
        entry = imports.get(import_id)
        assert entry is not None
        if args.report and entry.problem_count:
            _write_report(imports, entry, Path(args.report))
    finally:
        journey.close()
        db.close()
    print()
    if counts is None:
        raise CommandError(f"the file could not be read: {entry.failure}")
    verb = "would record" if not commit else "recorded"
    print(
        f"{'dry run' if not commit else 'import'} {import_id}: {counts.rows} rows —"
        f" {counts.recorded} {verb} ({counts.events} events), {counts.unchanged} already on"
        f" record, {counts.refused} with problems"
        + (
            f"; {counts.conflicting} with values differing from the records (kept)"
            if counts.conflicting
            else ""
        )
    )
    if entry.problem_count:
        where = args.report or "(give --report FILE.xlsx or FILE.csv to write them)"
        print(f"{entry.problem_count} problems: {where}")
    return 1 if counts.refused or counts.conflicting else 0


def _write_report(imports: LedgerImports, entry: Any, path: Path) -> None:
    summary = {"import": str(entry.import_id), "ledger_sha256": entry.ledger_sha256}
    with path.open("wb") as out:
        if path.suffix.lower() == ".csv":
            write_report_csv(imports.problems(entry.import_id), out)
        else:
            write_report_xlsx(imports.problems(entry.import_id), out, summary)


def _office(raw: str) -> str:
    try:
        return parse_division(raw, "office")
    except InvalidValue:
        raise CommandError("--office must be a six-digit division code (500237)") from None


def add_commands(commands: Any) -> None:
    imports = commands.add_parser("import", help="import an office's ledger from a spreadsheet")
    kinds = imports.add_subparsers(required=True, metavar="KIND")
    ledger_parser = kinds.add_parser(
        "ledger", help="a labour-export ledger (台账): one row per worker, .xlsx or .csv"
    )
    ledger_parser.add_argument("file", metavar="FILE", help="the ledger (.xlsx or .csv)")
    ledger_parser.add_argument(
        "--office", required=True, help="the importing office's division code (500237)"
    )
    ledger_parser.add_argument(
        "--dry-run", action="store_true", help="check every row; write nothing"
    )
    ledger_parser.add_argument(
        "--report", metavar="FILE", help="write the per-row report here (.xlsx or .csv)"
    )
    ledger_parser.set_defaults(handler=ledger)
