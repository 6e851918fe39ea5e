"""Response body of `GET /audit/integrity`: the chain's head and the last verification."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from application.integrity_chain import ChainLink
from infrastructure.integrity_verifications import Verification
from infrastructure.signing_keys import DEVELOPMENT_KEY_WARNING


class ChainHeadOut(BaseModel):
    position: int = Field(description="The last log position the hash chain covers")
    chain_hash: str = Field(description="SHA-256 chain hash there (hex)")


class FirstDifferenceOut(BaseModel):
    position: int
    kind: str = Field(
        description="changed, deleted or inserted (the log against the chain), "
        "damaged (a stored payload does not decrypt as the event it is stored as), or "
        "checkpoint (the log no longer extends the checkpoint given)",
        examples=["changed"],
    )
    detail: str


class CheckpointCheckOut(BaseModel):
    position: int
    ok: bool = Field(description="The stored events still hash to the checkpoint's hash")


class VerificationOut(BaseModel):
    verified_at: datetime
    intact: bool
    log_head: int = Field(description="The log's last position when verified")
    chain_position: int = Field(description="Compared with the chain up to here")
    chain_hash: str | None
    checked: int = Field(description="Events found equal to their chain link")
    uncovered: int = Field(description="Events after the chain's head, not chained yet")
    first_difference: FirstDifferenceOut | None
    checkpoint: CheckpointCheckOut | None = Field(description="null: no checkpoint was given")

    @classmethod
    def of(cls, v: Verification) -> VerificationOut:
        first = None
        if v.first_bad_position is not None:
            first = FirstDifferenceOut(
                position=v.first_bad_position,
                kind=v.first_bad_kind or "",
                detail=v.detail or "",
            )
        checkpoint = None
        if v.checkpoint_position is not None:
            checkpoint = CheckpointCheckOut(
                position=v.checkpoint_position, ok=bool(v.checkpoint_ok)
            )
        return cls(
            verified_at=datetime.fromisoformat(v.verified_at),
            intact=v.intact,
            log_head=v.log_head,
            chain_position=v.chain_position,
            chain_hash=v.chain_hash,
            checked=v.checked,
            uncovered=v.uncovered,
            first_difference=first,
            checkpoint=checkpoint,
        )


class IntegrityOut(BaseModel):
    """Where the log and its hash chain stand now, and how the last
    verification (`laborbridge audit verify`) went."""

    log_head: int = Field(description="The log's last position now")
    chain: ChainHeadOut | None = Field(description="null: nothing chained yet")
    last_verification: VerificationOut | None = Field(description="null: never verified")
    signing_key: Literal["development", "configured"] = Field(
        description="The key `laborbridge audit checkpoint` signs with here: `development` is"
        " the built-in key, public with the code, so checkpoints signed with it prove nothing",
        examples=["configured"],
    )
    signing_key_warning: str | None = Field(
        description="null with a configured key; otherwise why its checkpoints prove nothing"
    )

    @classmethod
    def of(
        cls,
        log_head: int,
        head: ChainLink | None,
        last: Verification | None,
        *,
        development_key: bool,
    ) -> IntegrityOut:
        return cls(
            log_head=log_head,
            chain=ChainHeadOut(position=head.position, chain_hash=head.chain_hash)
            if head
            else None,
            last_verification=VerificationOut.of(last) if last else None,
            signing_key="development" if development_key else "configured",
            signing_key_warning=f"checkpoints here are {DEVELOPMENT_KEY_WARNING}"
            if development_key
            else None,
        )
