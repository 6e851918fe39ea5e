"""What every browser test does: sign in, check accessibility, keep a screenshot."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PASSWORD, SCREENSHOTS
from tests.support.server import Server

AXE = Axe()


def accessible(page: Any) -> None:
    """axe-core finds no serious or critical violation on the page as it is."""
    results = AXE.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def photograph(page: Any, server: Server, name: str) -> None:
    """Screenshots of the page as it is, kept once (from the SQLite run)."""
    if "sqlite" not in server.env["LABORBRIDGE_DATABASE_URL"]:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, user: str = "li.ming", password: str = PASSWORD) -> None:
    page.goto("/sign-in")
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
