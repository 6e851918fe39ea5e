"""create_app(settings): the FastAPI application and its lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from functools import cache

from fastapi import APIRouter, FastAPI
from starlette.routing import Route

from infrastructure.commit_markers import CommitMarkers
from infrastructure.database_timeouts import for_requests
from infrastructure.idempotency import IdempotencyStore
from infrastructure.ledger_imports import LedgerImports
from infrastructure.metrics_collector import ServiceCollector, event_store_pool, pool_of
from infrastructure.persistence import build_journey
from infrastructure.policy_process import create_facts_table
from infrastructure.projector_service import ProjectorThread
from infrastructure.readmodels.access import LIVE_PREFIX, ReadModels
from infrastructure.readmodels.registry import all_projections
from infrastructure.readmodels.tracking import create_read_model_tables
from infrastructure.schema import create_tables
from infrastructure.service_progress import ServiceProgress, read_progress
from infrastructure.settings import Settings
from infrastructure.sql import SqlDatabase, open_database
from infrastructure.tokens import TokenStore
from interfaces.http import metrics as metrics_route
from interfaces.http.commands import COMMANDS
from interfaces.http.commands.routes import command_router
from interfaces.http.docs_pages import install_docs_pages
from interfaces.http.errors import install_error_handlers, unexpected_error
from interfaces.http.metrics import Metrics
from interfaces.http.middleware import install_middleware
from interfaces.http.openapi import install_openapi
from interfaces.http.routes import (
    audit,
    audit_export,
    audit_integrity,
    audit_records,
    disputes,
    health,
    id_reveal,
    imports,
    offices,
    placements,
    reports,
    subsidies,
    subsidy_ledger,
    trainings,
    transfers,
    workers,
)
from interfaces.ledger_runs import ImportRunner
from interfaces.web.pages import ROUTERS as PAGE_ROUTERS
from interfaces.web.pages import install_pages

DESCRIPTION = """
Event-sourced case tracking for cross-region labour cooperation (东西部劳务协作):
register rural workers, follow their journey, and keep every fact as an event.

Send `Authorization: Bearer <token>` (create one with `laborbridge token create`).
Commands answer with `ETag` (the record's version) and `X-Position` (the log
position); send `If-Match` to refuse a stale write, and `Idempotency-Key` to make
a retry safe. Errors are RFC 9457 `application/problem+json` naming the field.
"""


API = "/api/v1"
RESOURCES = (
    offices,
    workers,
    id_reveal,
    trainings,
    transfers,
    placements,
    disputes,
    subsidies,
    subsidy_ledger,
    audit,
    audit_records,
    audit_integrity,
    audit_export,
    reports,
    imports,
)


@cache
def api_routers() -> tuple[APIRouter, ...]:
    """Every route under API: the declared commands, then the resources' queries.
    Made once per process, like the resources' routers (an app includes copies)."""
    return (command_router(COMMANDS, API), *(resource.router for resource in RESOURCES))


def service_collector(app: FastAPI, db: SqlDatabase) -> ServiceCollector:
    """What /metrics reads at scrape time; the journey exists once the lifespan
    has started (a scrape before then says the database is not up)."""

    def progress() -> ServiceProgress:
        return read_progress(db, app.state.journey, LIVE_PREFIX)

    return ServiceCollector(
        progress,
        {
            "requests": lambda: pool_of(db),
            "event_store": lambda: event_store_pool(getattr(app.state, "journey", None)),
        },
    )


def create_app(settings: Settings) -> FastAPI:
    # Every database wait of a request is bounded: past it, 503 with Retry-After.
    timeouts = for_requests(settings)
    db = open_database(settings.database, timeouts)
    metrics = Metrics()
    idempotency = IdempotencyStore(
        db,
        settings.key_ring,
        CommitMarkers(settings.database),
        ttl=timedelta(hours=settings.idempotency_ttl_hours),
        lease=timedelta(seconds=settings.idempotency_lease_seconds),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Creating tables may wait for another process doing the same, or build
        # an index on a large table: not bounded like a request.
        setup = open_database(settings.database, timeout=settings.postgres_connect_timeout)
        try:
            create_tables(setup)
            create_read_model_tables(setup, all_projections(), LIVE_PREFIX)
            create_facts_table(setup, LIVE_PREFIX)
        finally:
            setup.close()
        journey = build_journey(settings, timeouts)
        app.state.journey = journey
        journey.on_recorded.append(metrics.appended)
        # Imports run long: their database waits are not a request's.
        import_db = open_database(settings.database, timeout=settings.postgres_connect_timeout)
        app.state.ledger_runner = ImportRunner(journey, LedgerImports(import_db))
        projector = ProjectorThread(settings) if settings.run_projector else None
        if projector is not None:
            projector.start()
        try:
            yield
        finally:
            if projector is not None:
                projector.close()
            app.state.ledger_runner.close()
            import_db.close()
            journey.close()
            db.close()

    app = FastAPI(
        title="LaborBridge",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from our own files: install_docs_pages
        redoc_url=None,
        # Client generators name their methods after these: the route's own name.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.metrics = metrics
    metrics.add(service_collector(app, db))
    app.state.tokens = TokenStore(db)
    app.state.idempotency = idempotency
    app.state.read_models = ReadModels(db, wait_seconds=settings.read_wait_seconds)
    install_error_handlers(app)
    install_openapi(app)
    install_docs_pages(app)
    install_pages(app, settings, db)
    app.include_router(health.router)
    app.include_router(metrics_route.router)
    for router in api_routers():
        app.include_router(router, prefix=API)
    served = [("", r) for router in (health.router, metrics_route.router) for r in router.routes]
    served += [(API, r) for router in api_routers() for r in router.routes]
    install_middleware(
        app,
        tokens=app.state.tokens,
        idempotency=idempotency,
        max_body_bytes=settings.max_body_bytes,
        upload_bytes=settings.evidence_max_bytes,
        ledger_bytes=settings.ledger_max_bytes,
        # Path templates, for the log lines and the 405s.
        templates={
            id(r): prefix + getattr(r, "path", "")
            for prefix, r in [*served, *(("", r) for router in PAGE_ROUTERS for r in router.routes)]
        },
        resources=[
            (prefix + r.path, frozenset(r.methods or ()))
            for prefix, r in served
            if isinstance(r, Route)
        ],
        unexpected=unexpected_error,
        metrics=metrics,
    )
    return app
