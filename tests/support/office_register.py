"""The programme's offices registered in a test's database before a command
names one (staff accounts and tokens name an office of the register)."""

from __future__ import annotations

from infrastructure.persistence import build_journey
from tests.conftest import settings_for
from tests.support.offices import register_offices


def offices_registered(database_url: str, *, districts: bool = False) -> None:
    """巫山县 500237 and 烟台市 370600 (partners); with `districts`, 莱山区 and 福山区."""
    journey = build_journey(settings_for(database_url))
    try:
        register_offices(journey, districts=districts)
    finally:
        journey.close()
