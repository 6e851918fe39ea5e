"""The administrator's workbench: staff accounts, API tokens, read models — and
the record of those changes that auditors read."""

from __future__ import annotations

from fastapi import APIRouter

from interfaces.web.routes import admin_accounts, admin_service

router = APIRouter()
router.include_router(admin_accounts.router)
router.include_router(admin_service.router)
