"""Entry point for ASGI servers: `uvicorn interfaces.http.asgi:app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from infrastructure.logging import configure_logging
from infrastructure.settings import settings_from_environment
from interfaces.http.app import create_app


def app() -> FastAPI:
    settings = settings_from_environment()
    configure_logging(settings.log_format, settings.log_level)
    return create_app(settings)
