"""Every command of the API, declared once (see `declaration.py`)."""

from interfaces.http.commands.disputes import DISPUTE_COMMANDS
from interfaces.http.commands.handovers import HANDOVER_COMMANDS
from interfaces.http.commands.journey_steps import JOURNEY_STEP_COMMANDS
from interfaces.http.commands.subsidies import SUBSIDY_COMMANDS
from interfaces.http.commands.workers import WORKER_COMMANDS

COMMANDS = (
    *WORKER_COMMANDS,
    *HANDOVER_COMMANDS,
    *JOURNEY_STEP_COMMANDS,
    *DISPUTE_COMMANDS,
    *SUBSIDY_COMMANDS,
)
