"""The mediator's workbench: the dispute register, a dispute's page, evidence files."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
