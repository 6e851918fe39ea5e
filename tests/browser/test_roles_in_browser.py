"""Each role is refused the others' pages: the 403 page in the reader's
language, with the role's own navigation — never a stack trace, never the data."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Staff
from tests.support.browsing import accessible, sign_in
from tests.support.server import Server

# Who is refused what: every other role's workbench, and for administrators
# every page of case records (they run the service, they do not read the cases).
REFUSED = {
    "li.ming": ["/audit", "/audit/integrity", "/admin/accounts", "/admin/tokens"],
    "wang.fang": ["/workers/new", "/audit", "/audit/exports", "/admin/accounts"],
    "zhao.min": ["/workers/new", "/admin/accounts", "/admin/read-models"],
    "admin.one": ["/workers", "/disputes", "/subsidies", "/dashboard", "/audit"],
}
HOMES = {"li.ming": "/workers", "wang.fang": "/disputes", "zhao.min": "/audit",
         "admin.one": "/admin/accounts"}  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def auditor(server: Server) -> None:
    Staff(server).create("zhao.min", "auditor", "赵敏")


@pytest.mark.parametrize("user", sorted(REFUSED))
def test_each_role_lands_on_its_own_work_and_is_refused_the_others(
    page: Any, server: Server, user: str
) -> None:
    sign_in(page, user)
    page.wait_for_url(f"**{HOMES[user]}")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("heading", name="无权访问").count() == 0
    for path in REFUSED[user]:
        answer = page.goto(path)
        assert answer is not None and answer.status == 403, path
        assert page.get_by_role("heading", name="无权访问").is_visible(), path
        assert "Traceback" not in page.content()
    accessible(page)
