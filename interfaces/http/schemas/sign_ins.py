"""Response body of /audit/sign-ins: the staff sign-in record."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Outcome = Literal["signed_in", "wrong_password", "unknown_user", "locked", "disabled", "signed_out"]


class SignInOut(BaseModel):
    at: datetime = Field(description="When (UTC)")
    user: str = Field(
        description="The name tried; '(not a user name)' for text no account can have"
    )
    outcome: Outcome
    source: str = Field(description="The client's address")


class SignInsOut(BaseModel):
    items: list[SignInOut] = Field(description="Newest first")
