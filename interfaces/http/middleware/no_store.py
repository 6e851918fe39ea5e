"""API answers carry personal data (a worker, a timeline, a dispute's notes, an
export): no browser, proxy or client cache may keep them."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.http.middleware.asgi import is_api

NO_STORE = [(b"cache-control", b"no-store"), (b"pragma", b"no-cache")]


class NoStoreMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_api(scope):
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"cache-control", b"pragma")
                ]
                message["headers"] = [*headers, *NO_STORE]
            await send(message)

        await self.app(scope, receive, send_no_store)
