"""What a page's form sent: its fields, its one-time key and the version it was
rendered from — read only after its CSRF token matched the session's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from interfaces.web.signed_in import CSRF_FIELD, SessionDep, check_csrf
from interfaces.web.submissions import FORM_KEY_FIELD

VERSION_FIELD = "version"
MAX_FIELDS = 100
MAX_VALUE_LENGTH = 5000


@dataclass(frozen=True)
class FormPost:
    values: dict[str, str]
    form_key: str | None
    version: int | None


async def _submitted(request: Request, session: SessionDep) -> FormPost:
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    values = {k: v for k, v in form.items() if isinstance(v, str) and len(v) <= MAX_VALUE_LENGTH}
    check_csrf(session, values.pop(CSRF_FIELD, None))
    version = values.pop(VERSION_FIELD, "")
    return FormPost(
        values=values,
        form_key=values.pop(FORM_KEY_FIELD, None),
        version=int(version)
        if version.isascii() and version.isdigit() and len(version) < 18
        else None,
    )


FormPostDep = Annotated[FormPost, Depends(_submitted)]
