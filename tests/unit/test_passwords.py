"""Passwords are kept as argon2id hashes: salted, verified, never stored plain."""

from __future__ import annotations

from argon2 import PasswordHasher, Type

from infrastructure.passwords import (
    hash_password,
    needs_rehash,
    verify_for_unknown_user,
    verify_password,
)


def test_a_hash_is_argon2id_salted_and_holds_no_password() -> None:
    first = hash_password("长城-password-2026")
    second = hash_password("长城-password-2026")
    assert first.startswith("$argon2id$")
    assert first != second  # a fresh salt each time
    assert "password" not in first


def test_only_the_right_password_verifies() -> None:
    stored = hash_password("correct horse battery")
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterY")
    assert not verify_password(stored, "")


def test_a_stored_value_that_is_not_a_hash_matches_nothing() -> None:
    assert not verify_password("plain-text-password", "plain-text-password")
    assert needs_rehash("plain-text-password")


def test_a_weaker_hash_verifies_and_asks_to_be_made_again() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
    stored = weak.hash("an old password")
    assert verify_password(stored, "an old password")
    assert needs_rehash(stored)
    assert not needs_rehash(hash_password("an old password"))


def test_an_unknown_user_never_verifies() -> None:
    assert verify_for_unknown_user("anything at all") is False
