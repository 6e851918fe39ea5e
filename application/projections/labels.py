"""The domain's codes as people read them, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from domain.audit_export import ExportChannel
from domain.dispute_terms import DisputeKind, DisputeOutcome, EscalationTarget
from domain.offices import OfficeKind
from domain.placement_terms import ContractType, Evidence, PlacementKind
from domain.subsidy import SubsidyKind, SubsidyStatus
from domain.training import TrainingResult, TrainingType
from domain.transfer import TransferChannel, TravelMode
from domain.worker_profile import Education, PovertyStatus, SupportServiceKind

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Label:
    zh: str
    en: str


POVERTY_STATUS = {
    PovertyStatus.LIFTED_OUT_OF_POVERTY: Label("脱贫人口", "lifted out of poverty"),
    PovertyStatus.MONITORED_AT_RISK: Label("防止返贫监测对象", "monitored for risk of relapse"),
    PovertyStatus.GENERAL: Label("一般劳动力", "general"),
}
EDUCATION = {
    Education.NONE: Label("未上学", "no schooling"),
    Education.PRIMARY: Label("小学", "primary school"),
    Education.JUNIOR_SECONDARY: Label("初中", "junior secondary"),
    Education.SENIOR_SECONDARY: Label("高中", "senior secondary"),
    Education.VOCATIONAL: Label("中专/技校", "vocational school"),
    Education.JUNIOR_COLLEGE: Label("大专", "junior college"),
    Education.BACHELOR_OR_ABOVE: Label("本科及以上", "bachelor's degree or above"),
}
SUPPORT_SERVICE = {
    SupportServiceKind.HOLIDAY_VISIT: Label("节日慰问", "holiday visit"),
    SupportServiceKind.HARDSHIP_AID: Label("困难帮扶", "hardship aid"),
    SupportServiceKind.ONBOARDING_HELP: Label("入职援助", "onboarding help"),
    SupportServiceKind.JOB_MATCHING: Label("岗位匹配", "job matching"),
}
TRAINING_TYPE = {
    TrainingType.PRE_JOB: Label("岗前培训", "pre-job"),
    TrainingType.SKILLS_UPGRADE: Label("技能提升", "skills upgrade"),
    TrainingType.SPECIALTY: Label("特色工种", "specialty"),
    TrainingType.ENTREPRENEURSHIP: Label("创业培训", "entrepreneurship"),
}
TRAINING_RESULT = {
    TrainingResult.PASSED: Label("合格", "passed"),
    TrainingResult.FAILED: Label("不合格", "failed"),
}
CHANNEL = {
    TransferChannel.JOB_FAIR: Label("招聘会", "job fair"),
    TransferChannel.ONLINE_RECOMMENDATION: Label("线上荐岗", "online recommendation"),
    TransferChannel.LABOUR_OFFICE: Label("劳务办事处", "labour office"),
}
TRAVEL_MODE = {
    TravelMode.CHARTERED_BUS: Label("包车", "chartered bus"),
    TravelMode.TRAIN: Label("火车", "train"),
    TravelMode.PLANE: Label("飞机", "plane"),
    TravelMode.SELF_ARRANGED: Label("自行前往", "self-arranged"),
}
PLACEMENT_KIND = {
    PlacementKind.CROSS_PROVINCE: Label("转移就业", "cross-province"),
    PlacementKind.LOCAL_ENTERPRISE: Label("就近就业", "local enterprise"),
    PlacementKind.WORKSHOP: Label("扶贫车间", "poverty-relief workshop"),
    PlacementKind.PUBLIC_WELFARE: Label("公益性岗位", "public-welfare job"),
}
CONTRACT_TYPE = {
    ContractType.FIXED_TERM: Label("固定期限合同", "fixed-term contract"),
    ContractType.OPEN_ENDED: Label("无固定期限合同", "open-ended contract"),
    ContractType.TASK_BASED: Label("以完成一定工作任务为期限", "task-based contract"),
    ContractType.LABOUR_DISPATCH: Label("劳务派遣", "labour dispatch"),
    ContractType.PART_TIME: Label("非全日制", "part-time"),
    ContractType.NONE: Label("未签订合同", "no contract"),
}
EVIDENCE = {
    Evidence.PAYROLL: Label("工资表", "payroll"),
    Evidence.BANK_STATEMENT: Label("银行流水", "bank statement"),
    Evidence.EMPLOYER_CERTIFICATE: Label("用工证明", "employer certificate"),
}
DISPUTE_KIND = {
    DisputeKind.WAGE_ARREARS: Label("工资纠纷", "wage arrears"),
    DisputeKind.WORK_INJURY: Label("工伤", "work injury"),
    DisputeKind.CONTRACT: Label("劳动合同纠纷", "contract"),
    DisputeKind.SOCIAL_INSURANCE: Label("社会保险", "social insurance"),
    DisputeKind.OTHER: Label("其他", "other"),
}
ESCALATION_TARGET = {
    EscalationTarget.LABOUR_ARBITRATION: Label("劳动仲裁", "labour arbitration"),
    EscalationTarget.WORK_INJURY_DETERMINATION: Label("工伤认定", "work-injury determination"),
    EscalationTarget.COURT: Label("人民法院", "court"),
}
DISPUTE_OUTCOME = {
    DisputeOutcome.SETTLED: Label("调解成功", "settled"),
    DisputeOutcome.WITHDRAWN: Label("撤回", "withdrawn"),
    DisputeOutcome.REFERRED: Label("移送其他机构", "referred"),
    DisputeOutcome.UNRESOLVED: Label("调解不成", "unresolved"),
}
SUBSIDY_KIND = {
    SubsidyKind.TRANSPORT_LIVING: Label("交通生活补贴", "transport and living subsidy"),
    SubsidyKind.STABLE_JOB: Label("稳岗补贴", "stable-job subsidy"),
    SubsidyKind.LIFE_ADAPTATION: Label("生活适应期补贴", "life-adaptation subsidy"),
}
SUBSIDY_STATUS = {
    SubsidyStatus.ASSESSED: Label("已核定", "assessed"),
    SubsidyStatus.APPROVED: Label("已审批", "approved"),
    SubsidyStatus.REJECTED: Label("不予发放", "rejected"),
    SubsidyStatus.PAID: Label("已发放", "paid"),
    SubsidyStatus.REVOKED: Label("已撤销", "revoked"),
    SubsidyStatus.WITHDRAWN: Label("已撤回", "withdrawn"),
    SubsidyStatus.OVERPAID: Label("多发待追回", "overpaid, to recover"),
}
EXPORT_CHANNEL = {
    ExportChannel.API: Label("接口", "API"),
    ExportChannel.CLI: Label("命令行", "command line"),
    ExportChannel.PAGES: Label("审计页面", "audit pages"),
}
OFFICE_KIND = {
    OfficeKind.SENDING_COUNTY: Label("派出地县级就业部门", "sending county office"),
    OfficeKind.RECEIVING_CITY: Label("接收地市级劳务协作办公室", "receiving city office"),
    OfficeKind.RECEIVING_DISTRICT: Label("接收地区县", "receiving district office"),
    OfficeKind.WORK_STATION: Label("派出地驻外工作站", "work station of the sending county"),
}
# Every table above, with the code list it translates: a test checks each is complete.
ALL = {
    PovertyStatus: POVERTY_STATUS,
    Education: EDUCATION,
    SupportServiceKind: SUPPORT_SERVICE,
    TrainingType: TRAINING_TYPE,
    TrainingResult: TRAINING_RESULT,
    TransferChannel: CHANNEL,
    TravelMode: TRAVEL_MODE,
    PlacementKind: PLACEMENT_KIND,
    ContractType: CONTRACT_TYPE,
    Evidence: EVIDENCE,
    DisputeKind: DISPUTE_KIND,
    EscalationTarget: ESCALATION_TARGET,
    DisputeOutcome: DISPUTE_OUTCOME,
    SubsidyKind: SUBSIDY_KIND,
    SubsidyStatus: SUBSIDY_STATUS,
    ExportChannel: EXPORT_CHANNEL,
    OfficeKind: OFFICE_KIND,
}


def label(table: dict[E, Label], code: object) -> Label:
    """The code's label; a code the table does not know is shown as itself, but
    only if it looks like a code (a future value), never as arbitrary text."""
    for member, found in table.items():
        if member.value == code:
            return found
    shown = str(code) if _looks_like_a_code(code) else "?"
    return Label(shown, shown)


def _looks_like_a_code(value: object) -> bool:
    text = str(value)
    return 0 < len(text) <= 40 and all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in text)
