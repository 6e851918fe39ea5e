"""The demo's staff: who records what, from which office."""

from __future__ import annotations

from domain.actor import Actor, Role
from domain.scope import parse_scope

WUSHAN = Actor("demo.wushan.caseworker", Role.CASEWORKER, "500237")
YANTAI = Actor("demo.yantai.caseworker", Role.CASEWORKER, "370600")
# The cooperation pair's mediator: disputes of workers Wushan or Yantai serves.
MEDIATOR = Actor(
    "demo.yantai.mediator", Role.MEDIATOR, "370600", scope=parse_scope("pair:500237-370600")
)
# Who records a fact where the worker is: Yantai from the arrival, Wushan at home.
WHERE_THEY_ARE = {"500237": WUSHAN, "370600": YANTAI}
