"""The architecture holds: layers import inward only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Besides the standard library, the domain may use only these.
DOMAIN_MAY_IMPORT = {"domain", "eventsourcing.domain", "stdnum"}


def test_import_linter_contracts_are_kept() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.replace("0 broken", "")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_domain_imports_only_the_standard_library_the_library_domain_and_stdnum() -> None:
    offending = {}
    for path in (ROOT / "domain").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            allowed = any(name == a or name.startswith(a + ".") for a in DOMAIN_MAY_IMPORT)
            if not allowed and top not in sys.stdlib_module_names:
                offending[f"{path.relative_to(ROOT)}"] = name
    assert offending == {}


def test_the_application_does_not_import_outer_layers() -> None:
    outer = {
        "interfaces",
        "infrastructure",
        "fastapi",
        "starlette",
        "pydantic",
        "psycopg",
        "structlog",
        "uvicorn",
    }
    offending = {
        str(path.relative_to(ROOT)): name
        for path in (ROOT / "application").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in outer
    }
    assert offending == {}
