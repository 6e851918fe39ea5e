"""The Application: one method per command of the worker journey."""

from __future__ import annotations

from application.disclosures import Disclosures
from application.dispute_commands import DisputeCommands
from application.export_commands import AuditExportCommands
from application.history import HistoryQueries
from application.placement_commands import PlacementCommands
from application.subsidy_commands import SubsidyCommands
from application.subsidy_queries import SubsidyQueries
from application.training_commands import TrainingCommands
from application.transfer_commands import TransferCommands
from application.worker_commands import WorkerCommands


class Journey(
    WorkerCommands,
    TrainingCommands,
    TransferCommands,
    PlacementCommands,
    DisputeCommands,
    SubsidyCommands,
    SubsidyQueries,
    HistoryQueries,
    AuditExportCommands,
    Disclosures,  # and AuditHistory, which it builds on
):
    """LaborBridge's event-sourced application.

    `name` is stored schema: it prefixes the PostgreSQL tables
    (`laborbridge_events`) and the environment keys. Never change it.
    """

    name = "LaborBridge"
