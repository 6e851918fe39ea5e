"""Subsidy policies from a TOML file: a new version is data, and bad data is named."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from domain.worker_profile import PovertyStatus
from infrastructure.policy_file import PolicyFileError, load_policies
from infrastructure.settings import Settings

TWO_VERSIONS = """
[[policy]]
version = "2021-鲁渝-1"
effective_from = 2021-01-01

[[policy]]
version = "2027-鲁渝-2"
effective_from = 2027-01-01
stable_job_amount_per_month = "1200.00"
stable_job_cap = "7200.00"
life_adaptation_statuses = ["lifted_out_of_poverty", "monitored_at_risk"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policies.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_version_is_a_table_in_the_file(tmp_path: Path) -> None:
    book = load_policies(write(tmp_path, TWO_VERSIONS))

    old, new = book.in_force(date(2026, 12, 31)), book.in_force(date(2027, 1, 1))
    assert (old.version, old.stable_job_amount_per_month) == ("2021-鲁渝-1", Decimal("1000.00"))
    assert (new.version, new.stable_job_amount_per_month) == ("2027-鲁渝-2", Decimal("1200.00"))
    assert new.transport_amount == Decimal("1500.00")  # left out: the programme's figure
    assert PovertyStatus.MONITORED_AT_RISK in new.life_adaptation_statuses


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ("stable_job_amount_per_month = 1200.5", "stable_job_amount_per_month"),
        ('stable_job_amount_per_month = "12.345"', "stable_job_amount_per_month"),
        ('stable_job_statuses = ["rich"]', "stable_job_statuses"),
        ('stable_months = "six"', "stable_months"),
        ('partner_province = "shandong"', "partner_province"),
        ("bonus = 1", "unknown field bonus"),
    ],
)
def test_a_bad_value_is_refused_naming_the_version_and_field(
    tmp_path: Path, entry: str, named: str
) -> None:
    text = f'[[policy]]\nversion = "v9"\neffective_from = 2027-01-01\n{entry}\n'
    with pytest.raises(PolicyFileError) as refused:
        load_policies(write(tmp_path, text))
    assert "policy v9" in str(refused.value) and named in str(refused.value)


def test_a_book_that_makes_no_sense_is_refused(tmp_path: Path) -> None:
    twice = TWO_VERSIONS.replace("2027-鲁渝-2", "2021-鲁渝-1")
    for text, expected in [
        (twice, "same version twice"),
        ("", "no [[policy]]"),
        ('[[policy]]\nversion = "v1"\n', "required"),
        ('[[policy]]\nversion = "v1"\neffective_from = 2027-01-01T08:00:00\n', "effective_from"),
        ("[[policy", "not valid TOML"),
    ]:
        with pytest.raises(PolicyFileError) as refused:
            load_policies(write(tmp_path, text))
        assert expected in str(refused.value)


def test_settings_refuse_an_unusable_file_at_start(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not valid TOML"):
        Settings(subsidy_policies_file=write(tmp_path, "[[policy"))
    assert Settings(subsidy_policies_file=write(tmp_path, TWO_VERSIONS)).policies.versions[
        1
    ].version == ("2027-鲁渝-2")
