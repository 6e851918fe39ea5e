"""The demo's staff: who records what, from which office."""

from __future__ import annotations

from domain.actor import Actor, Role

WUSHAN = Actor("demo.wushan.caseworker", Role.CASEWORKER, "500237")
YANTAI = Actor("demo.yantai.caseworker", Role.CASEWORKER, "370600")
MEDIATOR = Actor("demo.yantai.mediator", Role.MEDIATOR, "370600")
