"""405 for a method the resource does not answer, with every method it does.

Starlette routes a request to the first route whose path and method match,
and only if none does answers 405 with the methods of the first route whose
path matched. Two mistakes follow when several routes share a path or one
path is also a parameter's value: `GET /subsidies/evaluation` reached
`GET /subsidies/{subsidy_id}` (404, "not a subsidy id") though the path names
the evaluation resource, which only takes POST; and a 405 on `/workers` listed
POST alone though `GET /workers` lists workers.

Here a path is the resource of the most specific templates that match it
(fewest parameters: `/subsidies/evaluation` before `/subsidies/{subsidy_id}`);
a method none of them answers is refused with 405 and `Allow` naming all they do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from interfaces.http.middleware.asgi import answer_language
from interfaces.http.problems import problem
from interfaces.i18n.errors import Language, domain_message


@dataclass(frozen=True)
class _Template:
    regex: re.Pattern[str]
    parameters: int
    methods: frozenset[str]


class Resources:
    """The methods each path answers: (path template, methods) of every route the
    app serves, as declared (mounts, such as static files, answer their own)."""

    def __init__(self, routes: Iterable[tuple[str, frozenset[str]]]) -> None:
        self._templates = []
        for path, methods in routes:
            regex, _, convertors = compile_path(path)
            self._templates.append(_Template(regex, len(convertors), methods))

    def allowed(self, path: str) -> frozenset[str] | None:
        """The methods of the resource at `path`; None if no route has that path."""
        matching = [t for t in self._templates if t.regex.match(path)]
        if not matching:
            return None
        fewest = min(t.parameters for t in matching)
        return frozenset().union(*(t.methods for t in matching if t.parameters == fewest))


def method_not_allowed(method: str, allowed: frozenset[str], lang: Language = "en") -> ASGIApp:
    listed = ", ".join(sorted(allowed))
    return problem(
        405,
        "Method not allowed",
        domain_message(f"{method} is not allowed here; this resource answers {listed}", lang),
        slug="http-error",
        lang=lang,
        headers={"Allow": listed},
    )


class MethodMiddleware:
    def __init__(self, app: ASGIApp, *, resources: Resources) -> None:
        self.app = app
        self.resources = resources

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            allowed = self.resources.allowed(str(scope["path"]))
            if allowed is not None and scope["method"] not in allowed:
                refusal = method_not_allowed(scope["method"], allowed, answer_language(scope))
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
