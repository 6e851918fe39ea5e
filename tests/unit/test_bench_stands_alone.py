"""The benchmarks measure the service, not the test suite: bench/ never imports
tests/ (a test helper's change must not change a figure), and tests never
import bench/ (a benchmark is not test infrastructure). What both need to run
the service (a server process, a throwaway PostgreSQL) lives in devtools/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, wherever in it (functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _importers(directory: str, package: str) -> list[str]:
    return sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / directory).rglob("*.py")
        if package in _imported_packages(path)
    )


def test_the_benchmarks_do_not_import_the_tests() -> None:
    assert list((ROOT / "bench").glob("*.py")), "no benchmark found: the check would be empty"
    assert _importers("bench", "tests") == []


def test_the_tests_do_not_import_the_benchmarks() -> None:
    assert _importers("tests", "bench") == []


def test_the_check_sees_an_import_of_the_tests(tmp_path: Path) -> None:
    # Both forms a benchmark could use, at module level and inside a function.
    (tmp_path / "a.py").write_text("from tests.support import factories\n")
    (tmp_path / "b.py").write_text("def f():\n    import tests.support.server\n")
    assert _imported_packages(tmp_path / "a.py") == {"tests"}
    assert _imported_packages(tmp_path / "b.py") == {"tests"}
