"""The first gate: what no route should ever see is refused before anything reads it.

- Text parameters, for every route in one place: the path and each query
  parameter must be UTF-8 text without control characters (a NUL reaching
  PostgreSQL is an error, not a search), within length bounds. The answer is a
  422 naming the parameter — never the value, which may be an ID number.
- The body: over `max_body_bytes` it is refused with 413, from its
  Content-Length before a byte is read, or as soon as the stream passes the limit.
  The evidence upload routes (`UPLOAD_PATH`) take up to `evidence_max_bytes` plus
  the multipart framing; every other route keeps `max_body_bytes`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote_to_bytes

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.http.middleware.asgi import TrackedSend, answer_language, header
from interfaces.http.problems import invalid, problem
from interfaces.i18n.errors import Language, domain_message

MAX_PATH_CHARACTERS = 1024
MAX_QUERY_BYTES = 8192
MAX_PARAMETER_CHARACTERS = 1000
# What `_text` lets through, for the OpenAPI: no control character (Unicode Cc).
PARAMETER_TEXT_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"


class BodyTooLarge(HTTPException):
    """Raised from `receive` when the body passes the limit. An HTTPException, so
    that FastAPI's own body parsing passes it on instead of calling it a parse error."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")
        self.limit = limit


# The evidence upload routes (API and page) take a file: their body may be as
# big as the largest evidence file plus the multipart framing and form fields.
UPLOAD_PATH = re.compile(r"^(/api/v1)?/disputes/[0-9A-Fa-f-]{36}/evidence-files$")
# A ledger import (API and page) takes a spreadsheet, up to its own limit.
LEDGER_PATH = re.compile(r"^(/api/v1)?/imports/?$")
MULTIPART_OVERHEAD = 64 * 1024


class RequestGuardMiddleware:
    def __init__(
        self, app: ASGIApp, *, max_body_bytes: int, upload_bytes: int = 0, ledger_bytes: int = 0
    ) -> None:
        self.app = app
        self.default_limit = max_body_bytes
        self.upload_limit = max(max_body_bytes, upload_bytes + MULTIPART_OVERHEAD)
        self.ledger_limit = max(max_body_bytes, ledger_bytes + MULTIPART_OVERHEAD)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope)
        refusal = _text_refusal(scope) or self._length_refusal(scope, limit)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, self._limited(receive, limit), tracked)
        except BodyTooLarge as error:
            if tracked.started:
                raise
            await body_too_large(error.limit, answer_language(scope))(scope, receive, send)

    def _limit_for(self, scope: Scope) -> int:
        if scope.get("method") == "POST" and UPLOAD_PATH.match(scope.get("path", "")):
            return self.upload_limit
        if scope.get("method") == "POST" and LEDGER_PATH.match(scope.get("path", "")):
            return self.ledger_limit
        return self.default_limit

    def _length_refusal(self, scope: Scope, limit: int) -> ASGIApp | None:
        declared = header(scope, b"content-length")
        if declared is None:
            return None
        if not declared.strip().isdigit() or len(declared.strip()) > 18:
            return invalid(
                "Content-Length",
                "must be a number of bytes",
                status=400,
                lang=answer_language(scope),
            )
        if int(declared) > limit:
            return body_too_large(limit, answer_language(scope))
        return None

    def _limited(self, receive: Receive, limit: int) -> Receive:
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        return limited_receive


def body_too_large(limit: int, lang: Language = "en") -> JSONResponse:
    return problem(
        413,
        "Request body too large",
        domain_message(f"the request body is larger than {limit} bytes", lang),
        slug="body-too-large",
        lang=lang,
        errors=[
            {"field": "body", "message": domain_message(f"must be at most {limit} bytes", lang)}
        ],
        max_body_bytes=limit,
    )


def _text_refusal(scope: Scope) -> ASGIApp | None:
    refused = _bad_text(scope)
    if refused is None:
        return None
    field, message = refused
    return invalid(field, message, lang=answer_language(scope))


def _bad_text(scope: Scope) -> tuple[str, str] | None:
    """The parameter (path, query or a query parameter's name) that is not text, and why."""
    raw_path = scope.get("raw_path") or str(scope["path"]).encode("utf-8", "surrogateescape")
    path = _text(unquote_to_bytes(bytes(raw_path)))
    if path is None or len(path) > MAX_PATH_CHARACTERS:
        return (
            "path",
            f"must be UTF-8 text without control characters, at most "
            f"{MAX_PATH_CHARACTERS} characters",
        )
    query = bytes(scope.get("query_string", b""))
    if len(query) > MAX_QUERY_BYTES:
        return ("query", f"must be at most {MAX_QUERY_BYTES} bytes")
    for pair in query.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        name = _text(_unquote(raw_name))
        if name is None or len(name) > 100:
            return ("query", "parameter names must be short UTF-8 text")
        value = _text(_unquote(raw_value))
        if value is None:
            return (name, "must be UTF-8 text without control characters")
        if len(value) > MAX_PARAMETER_CHARACTERS:
            return (name, f"must be at most {MAX_PARAMETER_CHARACTERS} characters")
    return None


def _unquote(raw: bytes) -> bytes:
    return unquote_to_bytes(raw.replace(b"+", b" "))


def _text(raw: bytes) -> str | None:
    """The text, or None if it is not UTF-8 or holds a control character."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return None
    return text
