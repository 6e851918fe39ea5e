"""The auditor's workbench: the audit trail, time travel, integrity, exports, disclosures."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
