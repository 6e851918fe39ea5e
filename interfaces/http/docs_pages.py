"""/docs (Swagger UI) and /redoc (ReDoc), from the service's own files.

Offices run on intranets without internet: the pages load nothing from a
CDN, a font service or a validator. The files are vendored under
static/docs/ (README.md there names each package, version and checksum).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
ASSETS = "/static/docs"
# The browser may load nothing for these pages but from the service itself,
# whatever a bundle would fetch. Both bundles start from an inline script and
# style their elements inline; ReDoc's search runs in a worker made from a blob.
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:;"
    " frame-ancestors 'none'"
)


def install_docs_pages(app: FastAPI) -> None:
    """Serve /docs, /redoc and their assets. Create the app with
    `docs_url=None, redoc_url=None`: FastAPI's own pages load from a CDN."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    title = f"{app.title} API"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _kept_inside(
            get_swagger_ui_html(
                openapi_url=str(app.openapi_url),
                title=title,
                swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS}/swagger-ui.css",
                swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
                # No validator badge: it would send the document to validator.swagger.io.
                swagger_ui_parameters={"validatorUrl": None},
            )
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _kept_inside(
            get_redoc_html(
                openapi_url=str(app.openapi_url),
                title=title,
                redoc_js_url=f"{ASSETS}/redoc.standalone.js",
                redoc_favicon_url=f"{ASSETS}/favicon-32x32.png",
                with_google_fonts=False,
            )
        )


def _kept_inside(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = POLICY
    return page
