"""The register of offices (机构名录) as administrators keep it, from the command
line or the administrator's page: each office added and each partnership
linked is also a row of staff_changes, where auditors read who changed what.

The register itself is an event-sourced record (domain/offices.py): adding an
office again as it is, or a partnership it holds, changes nothing and is not
recorded twice.
"""

from __future__ import annotations

from application import commands as c
from application.handover_commands import OfficeDetails
from application.journey import Journey
from domain.actor import Actor
from infrastructure.staff_changes import StaffChange, StaffChanges


class OfficeAdministration:
    def __init__(self, journey: Journey, changes: StaffChanges) -> None:
        self.journey = journey
        self.changes = changes

    def offices(self) -> list[OfficeDetails]:
        return self.journey.offices()

    def office_exists(self, code: str) -> bool:
        return self.journey.office(code) is not None

    def add_office(
        self, actor: Actor, *, code: str, name: str, kind: str, partners: list[str]
    ) -> bool:
        """False if the register holds this office already, as it is.
        InvalidValue or InvalidTransition (another office with this code) if refused."""
        before = {o.code for o in self.journey.offices()}
        self.journey.add_office(
            c.AddOffice(actor=actor, code=code, name=name, kind=kind, partners=partners)
        )
        added = [o for o in self.journey.offices() if o.code not in before]
        for office in added:
            detail = f"{office.kind} {office.name}"
            if office.partners:
                detail += f" partners {','.join(office.partners)}"
            self.changes.record(actor.user, StaffChange.OFFICE_ADDED, office.code, detail)
        return bool(added)

    def link_partners(self, actor: Actor, *, code: str, partner: str) -> bool:
        """False if the two offices are partners already."""
        before = self._partnerships()
        self.journey.link_partners(c.LinkPartners(actor=actor, code=code, partner=partner))
        linked = sorted(self._partnerships() - before)
        for first, second in linked:
            self.changes.record(actor.user, StaffChange.PARTNERS_LINKED, first, second)
        return bool(linked)

    def _partnerships(self) -> set[tuple[str, str]]:
        return {
            (o.code, partner)
            for o in self.journey.offices()
            for partner in o.partners
            if o.code < partner
        }
