"""The shell examples of the documentation, as one bash script that checks what
the text promises.

Conventions (stated for readers at the top of docs/api.md):

- every ```sh block runs, in the order of the text, unless the line before its
  fence is an HTML comment starting `<!-- not run` that says why;
- a command ending in `# → 201` promises that status for the one `curl` it runs;
  `# → 200, not empty` also promises an answer that holds something (a list with
  an entry, a report with a figure other than zero, a CSV file with a row);
- every `curl` in a block that runs makes such a promise;
- a variable assigned in two places is assigned the same text in both: one name,
  one thing.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w-]*)\s*$")
NOT_RUN = "<!-- not run"
PROMISE = re.compile(r"\s+#\s*→\s*(?P<status>\d{3})(?P<not_empty>,\s*not empty)?\s*$")
LOOSE_PROMISE = re.compile(r"#\s*→")
COMMENT = re.compile(r"(^|\s)#.*$")  # enough for the docs: no " #" inside their quotes
ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)$")


@dataclass(frozen=True)
class Promise:
    where: str  # "docs/api.md:123"
    status: int
    not_empty: bool


@dataclass
class Script:
    """The bash text, and for each of its lines the place in the docs it came from."""

    lines: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    assignments: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, line: str, origin: str) -> None:
        self.lines.append(line)
        self.origins.append(origin)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def origin_of(self, line_number: int) -> str:
        return self.origins[line_number - 1] if 0 < line_number <= len(self.origins) else "?"


class DocProblem(AssertionError):
    """The text breaks one of the conventions above."""


def shell_blocks(path: Path, root: Path) -> list[tuple[int, list[str]]]:
    """The ```sh blocks that run: (line number of their first line, their lines)."""
    name = path.relative_to(root).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[tuple[int, list[str]]] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening or not opening["lang"]:
            index += 1
            continue
        indent, lang = opening["indent"], opening["lang"]
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        if end == len(lines):
            raise DocProblem(f"{name}:{index + 1}: a ```{lang} block that never closes")
        before = next((x.strip() for x in reversed(lines[:index]) if x.strip()), "")
        if lang == "sh" and not before.startswith(NOT_RUN):
            body = [x[len(indent) :] if x.startswith(indent) else x for x in lines[index + 1 : end]]
            blocks.append((index + 2, body))
        index = end + 1
    return blocks


def build_script(docs: list[Path], root: Path, prelude: str, base_url: str) -> Script:
    """One script: the prelude, then every block that runs with its promises
    turned into checks, the URL of `make run` replaced by the server's."""
    script = Script()
    for line in prelude.splitlines():
        script.add(line, "prelude")
    for doc in docs:
        name = doc.relative_to(root).as_posix()
        for first, block in shell_blocks(doc, root):
            _note_assignments(script, block, name, first)
            for offset, line in enumerate(block):
                where = f"{name}:{first + offset}"
                line = line.replace("http://127.0.0.1:8000", base_url)
                promise = PROMISE.search(line)
                if promise:
                    kept = Promise(where, int(promise["status"]), bool(promise["not_empty"]))
                    script.promises.append(kept)
                    check = "not-empty" if kept.not_empty else "-"
                    line = f"{line[: promise.start()]} ; __expect {kept.status} {check} '{where}'"
                elif LOOSE_PROMISE.search(line):
                    raise DocProblem(
                        f"{where}: write a promise as `# → 200` or `# → 200, not empty`"
                    )
                script.add(line, where)
    script.add("__finish", "prelude")
    return script


def _note_assignments(script: Script, block: list[str], name: str, first: int) -> None:
    """Record each assignment with its whole command (continuation lines, quoted
    text over several lines); the same name twice must be the same command."""
    index = 0
    while index < len(block):
        assignment = ASSIGNMENT.match(block[index])
        start = index
        command = [block[index]]
        while not _complete(command) and index + 1 < len(block):
            index += 1
            command.append(block[index])
        index += 1
        if not assignment:
            continue
        where = f"{name}:{first + start}"
        value = PROMISE.sub("", "\n".join(command)).strip()
        known = script.assignments.get(assignment["name"])
        if known and known[1] != value:
            raise DocProblem(
                f"{where}: ${assignment['name']} is already something else ({known[0]})"
            )
        script.assignments.setdefault(assignment["name"], (where, value))


def _complete(command: list[str]) -> bool:
    text = "\n".join(COMMENT.sub("", line) for line in command)
    return (
        text.count("'") % 2 == 0
        and text.count("(") == text.count(")")
        and not text.rstrip().endswith(("\\", "|", "&&"))
    )


# Readers run the examples with the real curl; the script wraps it to note each
# call's status and answer, and to check them where the text makes a promise.
PRELUDE = r"""
set -euo pipefail
: > "$CHECKS/calls"
: > "$CHECKS/kept"
__checked=0
trap 'echo "failed at script line $LINENO" >&2' ERR
curl() {
  local arg previous="" out=""
  for arg in "$@"; do
    case $previous in -o|--output) out=$arg ;; esac
    case $arg in
      -w|--write-out)
        echo "the examples' curl may not set --write-out: the test uses it" >&2
        return 99 ;;
    esac
    previous=$arg
  done
  local n=$(( $(wc -l < "$CHECKS/calls") + 1 )) status=0
  if [[ -n $out ]]; then
    command curl "$@" -w '%{stderr}%{http_code}\n' 2>>"$CHECKS/status.$n" || status=$?
    if [[ $out != /dev/null && -f $out ]]; then cp "$out" "$CHECKS/answer.$n"; fi
  else
    command curl "$@" -w '%{stderr}%{http_code}\n' 2>>"$CHECKS/status.$n" \
      | tee "$CHECKS/answer.$n" || status=$?
  fi
  echo "$n" >> "$CHECKS/calls"
  return $status
}
__expect() {  # status, not-empty or -, where the text promises it
  local calls; calls=$(wc -l < "$CHECKS/calls")
  if (( calls != __checked + 1 )); then
    echo "PROMISE BROKEN at $3: one curl call per promise, but $((calls - __checked)) ran" >&2
    exit 97
  fi
  __checked=$calls
  local got; got=$(tail -n 1 "$CHECKS/status.$calls")
  if [[ $got != "$1" ]]; then
    echo "PROMISE BROKEN at $3: promised $1, answered $got:" >&2
    head -c 3000 "$CHECKS/answer.$calls" >&2 || true
    exit 97
  fi
  if [[ $2 == not-empty ]] && ! "$CHECKER" "$CHECKS/answer.$calls"; then
    echo "PROMISE BROKEN at $3: promised an answer that is not empty, answered:" >&2
    head -c 3000 "$CHECKS/answer.$calls" >&2 || true
    exit 97
  fi
  echo "$3" >> "$CHECKS/kept"
}
__finish() {
  local calls; calls=$(wc -l < "$CHECKS/calls")
  if (( calls != __checked )); then
    echo "PROMISE MISSING: the last $((calls - __checked)) curl call(s) promise no status" >&2
    exit 97
  fi
}
"""


def not_empty(answer: bytes) -> bool:
    """Whether an answer holds something: a JSON list with an entry (or an object
    with such a list), JSON lines with a line, a report with a figure other than
    zero (as JSON or CSV), or a CSV file with a row under its header. Headers
    printed by `curl -i` or `-D -` are skipped."""
    text = answer.decode("utf-8", errors="replace")
    if text.startswith("HTTP/"):
        text = re.split(r"\r?\n\r?\n", text, maxsplit=1)[-1]
    text = text.strip()
    try:
        value = json.loads(text)
    except ValueError:
        return _lines_hold_something(text.splitlines())
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, dict):
        if "figures" in value:
            return any(_figure(f["value"]) for f in value["figures"])
        return any(isinstance(v, list) and v for v in value.values())
    return False


def _lines_hold_something(lines: list[str]) -> bool:
    try:
        return bool([json.loads(line) for line in lines])  # JSON lines
    except ValueError:
        pass
    rows = list(csv.DictReader(lines))
    if rows and "metric" in rows[0] and "value" in rows[0]:  # the report as CSV
        return any(_figure(row["value"]) for row in rows)
    return bool(rows)


def _figure(value: object) -> bool:
    return Decimal(str(value or 0)) != 0
