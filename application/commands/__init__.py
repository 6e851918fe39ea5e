"""Commands: what users ask the system to do, one module per record kind."""

from application.commands.base import ChangeCommand, Command
from application.commands.training import (
    CertifyTraining,
    CompleteTraining,
    EnrollInTraining,
    TrainingCommand,
    WithdrawFromTraining,
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
    "CertifyTraining",
    "ChangeCommand",
    "ChangeContact",
    "ChangePovertyStatus",
    "Command",
    "CompleteTraining",
    "DeactivateWorker",
    "EnrollInTraining",
    "ReactivateWorker",
    "RecordJobIntention",
    "RecordSkills",
    "RecordSupportService",
    "RegisterWorker",
    "TrainingCommand",
    "WithdrawFromTraining",
    "WorkerCommand",
]
