"""Request bodies of a worker's handovers between offices (移交)."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from interfaces.http.schemas.common import Stamped
from interfaces.http.schemas.formats import DivisionCode


class OfferHandoverIn(Stamped):
    to_office: DivisionCode = Field(
        description="The office offered the worker: a partner office of the registering"
        " office, or the registering office itself (the worker returns home).",
        examples=["370611"],
    )
    reason: str = Field(min_length=1, max_length=500, examples=["本人由莱山区转至福山区务工"])


class HandoverDecisionIn(Stamped):
    offer_id: UUID


class DeclineHandoverIn(Stamped):
    offer_id: UUID
    reason: str = Field(min_length=1, max_length=500, examples=["该企业不在本区"])
