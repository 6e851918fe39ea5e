"""Where the settings put the database, whatever the current directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from infrastructure.settings import Settings

CHECKOUT = Path(__file__).resolve().parents[2]


def test_the_default_database_is_in_the_checkout_whatever_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LABORBRIDGE_DATABASE_URL", raising=False)
    monkeypatch.delenv("LABORBRIDGE_HOME", raising=False)
    monkeypatch.chdir(tmp_path)

    database = Settings().database

    assert database.sqlite_path == CHECKOUT / "data" / "laborbridge.db"
    assert str(database) == f"sqlite:///{CHECKOUT}/data/laborbridge.db"


def test_a_relative_path_resolves_against_the_home_and_an_absolute_one_is_kept(
    tmp_path: Path,
) -> None:
    relative = Settings(database_url="sqlite:///db/lb.db", home=tmp_path)
    absolute = Settings(database_url="sqlite:////var/lib/lb.db", home=tmp_path)

    assert relative.database.sqlite_path == tmp_path / "db" / "lb.db"
    assert absolute.database.sqlite_path == Path("/var/lib/lb.db")


def test_the_database_password_fills_a_url_without_one_and_is_never_shown() -> None:
    given = {"database_password": "from-a-secrets-file"}
    without = Settings(database_url="postgresql://lb@db:5432/lb", **given).database
    within = Settings(database_url="postgresql://lb:in-url@db:5432/lb", **given).database

    assert without.password == "from-a-secrets-file"
    assert within.password == "in-url"
    assert str(without) == str(within) == "postgresql://lb@db:5432/lb"
