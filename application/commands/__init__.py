"""Commands: what users ask the system to do, one module per record kind."""

from application.commands.base import ChangeCommand, Command
from application.commands.dispute import (
    AddEvidence,
    AssignMediator,
    CloseDispute,
    DisputeCommand,
    EscalateDispute,
    OpenDispute,
    RecordSession,
    ReopenDispute,
    SettleDispute,
)
from application.commands.placement import (
    ConfirmMonth,
    EndPlacement,
    PlacementCommand,
    StartPlacement,
)
from application.commands.training import (
    CertifyTraining,
    CompleteTraining,
    EnrollInTraining,
    TrainingCommand,
    WithdrawFromTraining,
)
from application.commands.transfer import (
    ArrangeTransfer,
    CancelTransfer,
    RecordArrival,
    RecordDeparture,
    RecordReturn,
    TransferCommand,
)
from application.commands.worker import (
    ChangeContact,
    ChangePovertyStatus,
    DeactivateWorker,
    ReactivateWorker,
    RecordJobIntention,
    RecordSkills,
    RecordSupportService,
    RegisterWorker,
    WorkerCommand,
)

__all__ = [
    "AddEvidence",
    "ArrangeTransfer",
    "AssignMediator",
    "CancelTransfer",
    "CertifyTraining",
    "ChangeCommand",
    "ChangeContact",
    "ChangePovertyStatus",
    "CloseDispute",
    "Command",
    "CompleteTraining",
    "ConfirmMonth",
    "DeactivateWorker",
    "DisputeCommand",
    "EndPlacement",
    "EnrollInTraining",
    "EscalateDispute",
    "OpenDispute",
    "PlacementCommand",
    "ReactivateWorker",
    "RecordArrival",
    "RecordDeparture",
    "RecordJobIntention",
    "RecordReturn",
    "RecordSession",
    "RecordSkills",
    "RecordSupportService",
    "RegisterWorker",
    "ReopenDispute",
    "SettleDispute",
    "StartPlacement",
    "TrainingCommand",
    "TransferCommand",
    "WithdrawFromTraining",
    "WorkerCommand",
]
