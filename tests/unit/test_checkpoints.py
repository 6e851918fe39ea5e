"""Signed checkpoints: genuine ones read back; any altered field, or another key, is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from infrastructure.checkpoints import (
    CheckpointInvalid,
    make_checkpoint,
    public_key_hex,
    read_checkpoint,
)

SEED = bytes(range(32))
HASH = "ab" * 32
MADE = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def written(**changes: object) -> str:
    data = json.loads(make_checkpoint(SEED, 1234, HASH, MADE).to_json())
    data.update(changes)
    return json.dumps(data)


def test_a_checkpoint_reads_back_with_the_key_that_signed_it() -> None:
    checkpoint = read_checkpoint(written(), SEED)

    assert (checkpoint.position, checkpoint.chain_hash) == (1234, HASH)
    assert checkpoint.made_at == "2026-03-02T08:30:00+00:00"
    assert checkpoint.public_key == public_key_hex(SEED)
    assert len(checkpoint.signature) == 128


@pytest.mark.parametrize(
    "change",
    [
        {"position": 1233},
        {"chain_hash": "cd" * 32},
        {"made_at": "2026-03-03T08:30:00+00:00"},
        {"signature": "00" * 64},
    ],
    ids=["position", "hash", "time", "signature"],
)
def test_an_altered_checkpoint_is_refused(change: dict[str, object]) -> None:
    with pytest.raises(CheckpointInvalid, match="the file was altered"):
        read_checkpoint(written(**change), SEED)


def test_a_checkpoint_signed_with_another_key_is_refused_naming_both_keys() -> None:
    other = bytes(32)
    forged = make_checkpoint(other, 1234, HASH, MADE).to_json()

    with pytest.raises(CheckpointInvalid) as refused:
        read_checkpoint(forged, SEED)

    assert public_key_hex(other) in str(refused.value)
    assert public_key_hex(SEED) in str(refused.value)


def test_swapping_in_our_public_key_does_not_make_another_keys_signature_pass() -> None:
    forged = json.loads(make_checkpoint(bytes(32), 1234, HASH, MADE).to_json())
    forged["public_key"] = public_key_hex(SEED)

    with pytest.raises(CheckpointInvalid, match="the file was altered"):
        read_checkpoint(json.dumps(forged), SEED)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not a checkpoint file"),
        ('{"position": 1}', "not a checkpoint file"),
        (written(position="1234"), "position is not a whole number"),
        (written(position=True), "position is not a whole number"),
        (written(chain_hash="xyz"), "chain_hash is not 64 hex digits"),
        (written(signature="ab"), "signature is not 128 hex digits"),
    ],
)
def test_a_malformed_checkpoint_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(CheckpointInvalid, match=message):
        read_checkpoint(text, SEED)


def test_the_warning_written_with_a_checkpoint_is_not_part_of_what_is_checked() -> None:
    text = make_checkpoint(SEED, 1234, HASH, MADE).to_json(warning="proves nothing")

    assert json.loads(text)["warning"] == "proves nothing"
    assert read_checkpoint(text, SEED).position == 1234
    assert "warning" not in json.loads(make_checkpoint(SEED, 1234, HASH, MADE).to_json())
