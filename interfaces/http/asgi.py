"""Entry point for ASGI servers: `uvicorn interfaces.http.asgi:app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from infrastructure.logging import configure_logging
from infrastructure.settings import Settings
from interfaces.http.app import create_app


def app() -> FastAPI:
    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    return create_app(settings)
