"""The import benchmark's figures and how they are printed: rows per second
next to the COPY baselines of the same run, the issue's target stated as met
or not, and memory as the file grows."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib.metadata import version

import psycopg

from application.ledger_import import ImportCounts
from application.ledger_rows import RowProblem
from infrastructure.settings import Settings

TARGET = 0.3  # issue 15, point 4: the import at 0.3× COPY's rows per second, or better
FLAT = 0.10  # peak RSS within 10 % for ten times the rows: flat
EVENTS_PER_ROW = 14  # registered; arranged, departed, arrived; case offices ×3; started; 6 months
MIB = 1024 * 1024


@dataclass(frozen=True)
class Timing:
    label: str
    rows: int
    seconds: float
    cpu: float  # this process's CPU seconds: what moves least with the machine's load

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")

    @property
    def cpu_us_per_row(self) -> float:
        return self.cpu / self.rows * 1e6 if self.rows else 0.0


@dataclass(frozen=True)
class Imported:
    timing: Timing
    counts: ImportCounts
    problems: list[RowProblem]


@dataclass(frozen=True)
class MemoryRun:
    rows: int
    traced: bool
    recorded: int
    seconds: float
    rss_before_kib: int
    rss_peak_kib: int  # VmHWM: this process's own peak
    ru_maxrss_kib: int  # getrusage's, which on Linux includes the parent's peak at fork
    rss_by_tenth_kib: list[int]  # after each tenth of the rows written
    tracemalloc_peak_bytes: int | None


@dataclass
class Figures:
    rows: int
    file_bytes: int
    generation: float
    baselines: list[Timing] = field(default_factory=list)
    imports: list[Imported] = field(default_factory=list)
    memory: list[MemoryRun] = field(default_factory=list)


def load() -> str:
    """The machine's load average (1, 5, 15 min): on a shared machine, the context."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "?"
    return f"{head} + uncommitted changes" if git("status", "--porcelain") else head


def describe(url: str, settings: Settings, batch_rows: int) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        server = conn.execute("SHOW server_version").fetchone()
        sync = conn.execute("SHOW synchronous_commit").fetchone()
    return (
        f"commit {commit()}\n"
        f"PostgreSQL {server[0] if server else '?'} (synchronous_commit={sync[0] if sync else '?'})"
        f", eventsourcing {version('eventsourcing')}, psycopg {psycopg.__version__}"
        f", openpyxl {version('openpyxl')}, Python {platform.python_version()}"
        f", {os.cpu_count()} CPUs, load average {load()}\n"
        f"pool {settings.postgres_pool_size}+{settings.postgres_max_overflow} connections,"
        f" {batch_rows} rows per import transaction, encryption at rest on"
    )


def _timing_line(t: Timing, width: int) -> str:
    return (
        f"{t.label:<{width}}  {t.rows:>8,}  {t.seconds:>8.2f}  {t.rate:>8,.0f}"
        f"  {t.cpu_us_per_row:>9,.0f}"
    )


def _baselines(figures: Figures) -> list[str]:
    width = max(len(t.label) for t in figures.baselines)
    lines = [f"{'baseline':<{width}}  {'rows':>8}  {'seconds':>8}  {'rows/s':>8}  {'py µs/row':>9}"]
    lines += [_timing_line(t, width) for t in figures.baselines]
    return lines


def _imports(figures: Figures) -> list[str]:
    width = max(len(i.timing.label) for i in figures.imports)
    head = f"{'import':<{width}}  {'rows':>8}  {'seconds':>8}  {'rows/s':>8}  {'py µs/row':>9}"
    lines = [head + f"  {'events/s':>8}  {'recorded':>8}  {'unchanged':>9}  {'refused':>7}"]
    for i in figures.imports:
        events = i.counts.events / i.timing.seconds if i.timing.seconds > 0 else 0.0
        lines.append(
            _timing_line(i.timing, width) + f"  {events:>8,.0f}  {i.counts.recorded:>8,}"
            f"  {i.counts.unchanged:>9,}  {i.counts.refused:>7,}"
        )
    return lines


def _verdicts(figures: Figures) -> list[str]:
    copy_a, copy_b = figures.baselines[0], figures.baselines[1]
    dry, commit_, again = figures.imports
    ratio_a = commit_.timing.rate / copy_a.rate
    met = "MET" if ratio_a >= TARGET else "NOT MET"
    lines = [
        f"commit / (a) COPY:            {ratio_a:.3f}   target ≥ {TARGET}× COPY: {met}",
        f"commit / (b) read_ledger+COPY: {commit_.timing.rate / copy_b.rate:.3f}",
        f"commit: {commit_.counts.events:,} events for {commit_.counts.recorded:,} rows recorded"
        f" ({commit_.counts.events / max(commit_.counts.recorded, 1):.1f} a row)",
    ]
    expected = (figures.rows, figures.rows, 0, EVENTS_PER_ROW * figures.rows)
    found = (dry.counts.recorded, commit_.counts.recorded, again.counts.recorded)
    if (*found, commit_.counts.events) != expected:
        lines.append(
            f"WARNING: expected {figures.rows:,} would-record, {figures.rows:,} recorded,"
            f" 0 recorded again and {expected[3]:,} events; found {found}"
            f" and {commit_.counts.events:,} events"
        )
    for i in figures.imports:
        for problem in i.problems[:3]:
            lines.append(f"  problem ({i.timing.label}): row {problem.row}: {problem.reason_en}")
    return lines


def _memory(figures: Figures) -> list[str]:
    lines = [
        "commit, fresh process and database   rows  RSS before  peak RSS (VmHWM)"
        "  ru_maxrss*  tracemalloc peak  seconds"
    ]
    for m in figures.memory:
        traced = f"{m.tracemalloc_peak_bytes / MIB:.1f} MiB" if m.tracemalloc_peak_bytes else ""
        lines.append(
            f"{'  under tracemalloc' if m.traced else '':<32}{m.rows:>8,}"
            f"  {m.rss_before_kib / 1024:>6.1f} MiB  {m.rss_peak_kib / 1024:>12.1f} MiB"
            f"  {m.ru_maxrss_kib / 1024:>6.1f} MiB  {traced:>16}  {m.seconds:>7.1f}"
        )
    for m in figures.memory:
        if not m.traced:
            tenths = " ".join(f"{kib / 1024:.0f}" for kib in m.rss_by_tenth_kib)
            lines.append(f"  {m.rows:>8,} rows, RSS (MiB) after each tenth written: {tenths}")
    plain = [m for m in figures.memory if not m.traced]
    small, large = plain[0], plain[-1]
    grown = (large.rss_peak_kib - small.rss_peak_kib) / 1024
    extra_rows = large.rows - small.rows
    verdict = "flat" if grown <= FLAT * small.rss_peak_kib / 1024 else "NOT flat"
    lines += [
        f"peak RSS, {large.rows:,} rows vs {small.rows:,}: {grown:+.1f} MiB"
        f" ({grown * MIB / extra_rows:+.0f} bytes per extra row): {verdict}"
        f" (flat: within {FLAT:.0%})",
        "* getrusage(RUSAGE_SELF).ru_maxrss of the child: on Linux at least the parent's"
        " peak when it forked, so not the child's own",
    ]
    return lines


def report(figures: Figures) -> str:
    size = figures.file_bytes / MIB
    lines = [
        f"ledger: {figures.rows:,} rows, {size:.1f} MiB .xlsx"
        f" (generated in {figures.generation:.1f} s, not timed)",
        "",
        *_baselines(figures),
        "",
        *_imports(figures),
        "",
        *_verdicts(figures),
        "",
        *_memory(figures),
        "",
        f"load average at the end: {load()}",
    ]
    return "\n".join(lines)
