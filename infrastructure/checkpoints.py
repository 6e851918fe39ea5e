"""Signed checkpoints of the integrity chain: position, chain hash, time, signature.

A checkpoint kept outside the database (printed, mailed, filed with the finance
office) proves later that the log up to its position has not been rewritten
since — even by someone who can write to the database and rebuild the chain.
The signature is Ed25519 over a canonical text of position, hash and time.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SIGNED_TEXT_TAG = "laborbridge-checkpoint-v1"


class CheckpointInvalid(Exception):
    """The checkpoint file cannot be trusted; the message says why."""


@dataclass(frozen=True)
class Checkpoint:
    position: int
    chain_hash: str  # hex
    made_at: str  # ISO 8601, UTC
    public_key: str  # hex, raw 32 bytes
    signature: str  # hex, Ed25519

    def to_json(self, *, warning: str | None = None) -> str:
        """The file's text; a warning (not signed, ignored when read) goes with
        it for whoever files the checkpoint."""
        fields: dict[str, object] = asdict(self)
        if warning is not None:
            fields["warning"] = warning
        return json.dumps(fields, indent=2) + "\n"


def signed_text(position: int, chain_hash: str, made_at: str) -> bytes:
    """What is signed: unambiguous, as none of the values can contain `|`."""
    return f"{SIGNED_TEXT_TAG}|{position}|{chain_hash}|{made_at}".encode()


def public_key_hex(seed: bytes) -> str:
    return _raw(Ed25519PrivateKey.from_private_bytes(seed).public_key()).hex()


def make_checkpoint(seed: bytes, position: int, chain_hash: str, made_at: datetime) -> Checkpoint:
    key = Ed25519PrivateKey.from_private_bytes(seed)
    when = made_at.isoformat(timespec="seconds")
    signature = key.sign(signed_text(position, chain_hash, when))
    return Checkpoint(position, chain_hash, when, _raw(key.public_key()).hex(), signature.hex())


def read_checkpoint(text: str, seed: bytes) -> Checkpoint:
    """Parse a checkpoint file and check its signature with this installation's
    public key (never with the key the file names)."""
    checkpoint = _parse(text)
    ours = public_key_hex(seed)
    if checkpoint.public_key.lower() != ours:
        raise CheckpointInvalid(
            f"the checkpoint names public key {checkpoint.public_key}, but this installation's"
            f" key is {ours}: it was signed elsewhere, or the key was changed"
        )
    signed = signed_text(checkpoint.position, checkpoint.chain_hash, checkpoint.made_at)
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(ours)).verify(
            bytes.fromhex(checkpoint.signature), signed
        )
    except InvalidSignature:
        raise CheckpointInvalid(
            "the checkpoint's signature does not match its position, hash and time:"
            " the file was altered"
        ) from None
    return checkpoint


def _parse(text: str) -> Checkpoint:
    try:
        data = json.loads(text)
        checkpoint = Checkpoint(
            position=data["position"],
            chain_hash=data["chain_hash"],
            made_at=data["made_at"],
            public_key=data["public_key"],
            signature=data["signature"],
        )
    except (ValueError, KeyError, TypeError) as error:
        raise CheckpointInvalid(f"not a checkpoint file ({type(error).__name__})") from None
    if not isinstance(checkpoint.position, int) or isinstance(checkpoint.position, bool):
        raise CheckpointInvalid("the checkpoint's position is not a whole number")
    for name, length in (("chain_hash", 64), ("public_key", 64), ("signature", 128)):
        if not _is_hex(getattr(checkpoint, name), length):
            raise CheckpointInvalid(f"the checkpoint's {name} is not {length} hex digits")
    if not isinstance(checkpoint.made_at, str) or "|" in checkpoint.made_at:
        raise CheckpointInvalid("the checkpoint's made_at is not a time")
    return checkpoint


def _is_hex(value: object, length: int) -> bool:
    return (
        isinstance(value, str)
        and len(value) == length
        and all(c in "0123456789abcdefABCDEF" for c in value)
    )


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
