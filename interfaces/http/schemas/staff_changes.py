"""Response body of /audit/staff-changes: changes to staff accounts and tokens."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from infrastructure.staff_changes import StaffChange


class StaffChangeOut(BaseModel):
    at: datetime = Field(description="When (UTC)")
    by: str = Field(description="The administrator, or `cli:` and the server's user")
    action: StaffChange
    subject: str = Field(description="The account's user name, the token's id or the read model")
    detail: str = Field(description="What changed (old -> new role or office); never a secret")


class StaffChangesOut(BaseModel):
    items: list[StaffChangeOut] = Field(description="Newest first")
