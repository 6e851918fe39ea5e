"""A real server (`laborbridge serve`) and Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium (`apt-get install
chromium`; `.ci/run` installs it). Without it the browser tests are skipped, unless
REQUIRE_BROWSER=1 (as `.ci/run` sets), which makes them fail instead.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from devtools.server import BIN
from tests.conftest import ADMIN_URL, REQUIRE_POSTGRES
from tests.support.server import Server, running_server

CHROMIUM = Path(os.environ.get("LABORBRIDGE_TEST_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
PASSWORD = "correct horse battery"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# Flags the machine's closed network needs (no background fetches to Google).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass
class Staff:
    server: Server

    def create(
        self, user: str, role: str, display_name: str = "李明", office: str = "500237"
    ) -> None:
        subprocess.run(
            [str(BIN / "laborbridge"), "user", "create", "--user", user, "--role", role,
             "--office", office, "--display-name", display_name],
            input=PASSWORD + "\n", env=self.server.env, capture_output=True, text=True, check=True,
        )  # fmt: skip


@pytest.fixture(scope="module")
def playwright_browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if REQUIRE_BROWSER:
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def database(persistence: str, tmp: Path) -> Iterator[str]:
    """A database of the server's own: the other tests empty the run's database
    between tests, which a server living for a whole module must not see."""
    if persistence == "sqlite":
        yield f"sqlite:///{tmp / 'laborbridge.db'}"
        return
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    name = f"laborbridge_browser_{os.getpid()}_{secrets.token_hex(3)}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("browser")
    with database(request.param, tmp) as url, running_server(url, tmp / "server.log") as running:
        running.register_office()  # accounts name an office of the register
        staff = Staff(running)
        staff.create("li.ming", "caseworker", "李明")
        staff.create("wang.fang", "mediator", "王芳")
        staff.create("admin.one", "admin", "管理员")
        yield running


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


FAILED = pytest.StashKey[bool]()
# Where a failed browser test leaves the page it stopped on (a picture and its HTML).
FAILURES = Path(os.environ.get("LABORBRIDGE_BROWSER_FAILURES", "/tmp/laborbridge-browser"))


@pytest.fixture
def page(playwright_browser: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = playwright_browser.new_context(
        base_url=server.base_url, viewport={"width": 1366, "height": 768}, locale="zh-CN"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]", "_", request.node.name)
        page.screenshot(path=str(FAILURES / f"{name}.png"), full_page=True)
        (FAILURES / f"{name}.html").write_text(page.content(), encoding="utf-8")
    context.close()
