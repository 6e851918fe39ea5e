"""The administrator's workbench: staff accounts, API tokens, read models."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
