"""The last net: an exception no error handler answered.

Starlette would answer it and then raise it on to the server, which logs the
exception whole — message included, and a message may quote what the caller
sent (a name, an ID number). Here it is answered (`answer`, from errors.py) and
stops: the log gets one `request_failed` line with its type and where it was
raised, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from interfaces.http.middleware.asgi import TrackedSend


class UnexpectedErrorMiddleware:
    def __init__(self, app: ASGIApp, *, answer: Callable[[Exception], JSONResponse]) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as error:
            response = self.answer(error)
            if not tracked.started:
                await response(scope, receive, send)
