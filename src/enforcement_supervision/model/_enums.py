"""Enumerations of the domain model.

Every enumeration is a :class:`ZhEnum`: a ``StrEnum`` whose values are English snake_case (what
JSON, the database and configuration files hold) and whose members also carry the Chinese term
(``label_zh``) that reports and Chinese spreadsheets use.
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = [
    "ActKind",
    "AgencyKind",
    "AgencyLevel",
    "AppearanceRole",
    "CaseClosureKind",
    "CaseFileGrade",
    "CertificateStatus",
    "CoerciveKind",
    "ComplaintCategory",
    "ComplaintChannel",
    "ComplaintOutcome",
    "DecisionChangeKind",
    "DeliveryMethod",
    "DisclosureKind",
    "DiscretionLevel",
    "DisqualificationKind",
    "EvidenceType",
    "ExcludedPeriodKind",
    "ExecutionMethod",
    "FeedbackChannel",
    "FeedbackKind",
    "FeedbackSourceKind",
    "FilingDecision",
    "InspectionResult",
    "InspectionTrigger",
    "InspectionType",
    "LeadSource",
    "LegalReviewResult",
    "LegalityConclusion",
    "LiaisonCriterion",
    "LiaisonPointStatus",
    "LicenceApplicationKind",
    "LicenceOutcome",
    "MajorDecisionType",
    "MatterListKind",
    "MeasureEndKind",
    "MeetingType",
    "PartyType",
    "PaymentChannel",
    "PenaltyType",
    "PetitionCategory",
    "PetitionChannel",
    "PetitionForm",
    "PetitionHandling",
    "Procedure",
    "ProceedingRole",
    "ProcessStage",
    "RemedyKind",
    "RemedyOutcome",
    "RemedyProcedure",
    "SupervisionCheckType",
    "SupervisorActivityKind",
    "SupervisorStatus",
    "ZhEnum",
]


class ZhEnum(enum.StrEnum):
    """A string enumeration whose members also carry a Chinese label.

    Members are declared as ``NAME = "value", "中文"``. The member *is* its value (a ``str``);
    ``label_zh`` gives the Chinese term.
    """

    _label_zh: str

    # The default for ``label_zh`` only keeps ``Enum("value")`` look-ups well-typed: at run time
    # that call never reaches ``__new__``, which is only used to create the members.
    def __new__(cls, value: str, label_zh: str = "") -> ZhEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label_zh = label_zh
        return member

    @property
    def label_zh(self) -> str:
        """The Chinese term for this member, e.g. ``"罚款"`` for ``PenaltyType.FINE``."""
        return self._label_zh

    @classmethod
    def from_label(cls, label_zh: str) -> Self:
        """The member whose Chinese label is ``label_zh`` (for Chinese spreadsheets).

        Raises ``ValueError`` if no member has that label.
        """
        for member in cls:
            if member.label_zh == label_zh:
                return member
        raise ValueError(f"{label_zh!r} is not a Chinese label of {cls.__name__}")


# --- agencies and officers -------------------------------------------------------------------


class AgencyLevel(ZhEnum):
    """Administrative level of an agency (执法主体层级)."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇（街道）"


class AgencyKind(ZhEnum):
    """What sort of body an agency is; some sorts may never inspect or enforce (INSP-SUBJECT)."""

    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府工作部门"
    DISPATCHED_OFFICE = "dispatched_office", "派出机构"
    AUTHORISED_ORGANISATION = "authorised_organisation", "法律法规授权组织"
    ENTRUSTED_ORGANISATION = "entrusted_organisation", "受委托组织"
    COORDINATION_BODY = "coordination_body", "议事协调机构"
    TESTING_INSTITUTION = "testing_institution", "检验检测机构"
    RESEARCH_INSTITUTE = "research_institute", "科研院所"
    INTERMEDIARY = "intermediary", "中介机构"
    OTHER = "other", "其他"


class CertificateStatus(ZhEnum):
    """Status of an enforcement certificate (执法证状态)."""

    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "吊销"
    EXPIRED = "expired", "过期"
    CANCELLED = "cancelled", "注销"


class DisclosureKind(ZhEnum):
    """Items of ex-ante disclosure an agency must publish (事前公开, PUB-EX-ANTE)."""

    AGENCY = "agency", "执法主体"
    OFFICERS = "officers", "执法人员"
    POWERS = "powers", "职责权限"
    BASIS = "basis", "执法依据"
    PROCEDURES = "procedures", "执法程序"
    REMEDIES = "remedies", "救济方式"
    RANDOM_INSPECTION_LIST = "random_inspection_list", "随机抽查事项清单"
    DISCRETION_BENCHMARKS = "discretion_benchmarks", "行政裁量基准"


class MatterListKind(ZhEnum):
    """Kinds of published lists of matter codes that rules look codes up in."""

    LEGAL_REVIEW_CATALOG = "legal_review_catalog", "重大执法决定法制审核目录"
    INSPECTION_ITEMS = "inspection_items", "涉企行政检查事项清单"
    TOWNSHIP_DELEGATED_POWERS = "township_delegated_powers", "赋予乡镇（街道）行政执法权事项清单"
    POWERS_AND_RESPONSIBILITIES = "powers_and_responsibilities", "权责清单"
    FIRST_VIOLATION_EXEMPT = "first_violation_exempt", "首违不罚清单"
    RANDOM_INSPECTION = "random_inspection", "随机抽查事项清单"
    MAJOR_DECISION_CATALOG = "major_decision_catalog", "重大行政决策事项目录"


class DiscretionLevel(ZhEnum):
    """Level chosen within a discretion benchmark (裁量阶次)."""

    NO_PENALTY = "no_penalty", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    LIGHTER = "lighter", "从轻处罚"
    GENERAL = "general", "一般处罚"
    HEAVIER = "heavier", "从重处罚"


# --- parties ---------------------------------------------------------------------------------


class PartyType(ZhEnum):
    """Legal type of a party (当事人类型); the summary-procedure limits depend on it."""

    NATURAL_PERSON = "natural_person", "自然人"
    LEGAL_PERSON = "legal_person", "法人"
    OTHER_ORG = "other_org", "其他组织"


# --- penalty cases ---------------------------------------------------------------------------


class LeadSource(ZhEnum):
    """Where a case lead came from (案件线索来源)."""

    COMPLAINT = "complaint", "投诉举报"
    REFERRAL = "referral", "移送"
    INSPECTION = "inspection", "检查发现"
    DATA_MONITORING = "data_monitoring", "数据监测"
    HIGHER_ASSIGNMENT = "higher_assignment", "上级交办"
    MEDIA = "media", "媒体曝光"
    OTHER = "other", "其他"


class FilingDecision(ZhEnum):
    """Decision on whether to open a case from a lead (立案决定)."""

    FILED = "filed", "立案"
    NOT_FILED = "not_filed", "不予立案"
    TRANSFERRED = "transferred", "移送"


class Procedure(ZhEnum):
    """Procedure under which a penalty decision is made (处罚程序)."""

    SUMMARY = "summary", "简易程序"
    ORDINARY = "ordinary", "普通程序"


class PenaltyType(ZhEnum):
    """Types of administrative penalty (行政处罚法 Art. 9 and others)."""

    WARNING = "warning", "警告"
    CIRCULATED_CRITICISM = "circulated_criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATION_OF_ILLEGAL_GAINS = "confiscation_of_illegal_gains", "没收违法所得"
    CONFISCATION_OF_ILLEGAL_PROPERTY = "confiscation_of_illegal_property", "没收非法财物"
    LICENCE_SUSPENSION = "licence_suspension", "暂扣许可证件"
    QUALIFICATION_DOWNGRADE = "qualification_downgrade", "降低资质等级"
    LICENCE_REVOCATION = "licence_revocation", "吊销许可证件"
    BUSINESS_RESTRICTION = "business_restriction", "限制开展生产经营活动"
    SUSPENSION_OF_PRODUCTION = "suspension_of_production", "责令停产停业"
    CLOSURE = "closure", "责令关闭"
    EMPLOYMENT_RESTRICTION = "employment_restriction", "限制从业"
    ADMINISTRATIVE_DETENTION = "administrative_detention", "行政拘留"
    OTHER = "other", "其他"


class ActKind(ZhEnum):
    """Kinds of enforcement act carried out by officers within a case (执法行为)."""

    INVESTIGATION = "investigation", "调查询问"
    ON_SITE_INSPECTION = "on_site_inspection", "现场检查（勘验）"
    ON_SITE_DECISION = "on_site_decision", "当场处罚决定"
    EVIDENCE_PRESERVATION = "evidence_preservation", "证据先行登记保存"
    SAMPLING = "sampling", "抽样取证"
    SERVICE = "service", "送达"
    OTHER = "other", "其他"


class ProcessStage(ZhEnum):
    """Stages of an enforcement procedure that need a written record (全过程记录)."""

    INITIATION = "initiation", "启动"
    INVESTIGATION = "investigation", "调查取证"
    REVIEW = "review", "审核"
    DECISION = "decision", "决定"
    SERVICE = "service", "送达"
    EXECUTION = "execution", "执行"


class EvidenceType(ZhEnum):
    """Legal types of evidence (行政处罚法 Art. 46); ``other`` is not a lawful type."""

    DOCUMENTARY = "documentary", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC_DATA = "electronic_data", "电子数据"
    WITNESS_TESTIMONY = "witness_testimony", "证人证言"
    PARTY_STATEMENT = "party_statement", "当事人的陈述"
    EXPERT_OPINION = "expert_opinion", "鉴定意见"
    INSPECTION_RECORD = "inspection_record", "勘验笔录"
    ON_SITE_RECORD = "on_site_record", "现场笔录"
    OTHER = "other", "其他"


class ExcludedPeriodKind(ZhEnum):
    """Why a period is left out of a deadline (中止、听证、公告、检测等期间)."""

    SUSPENSION = "suspension", "中止"
    HEARING = "hearing", "听证"
    ANNOUNCEMENT = "announcement", "公告"
    TESTING = "testing", "检测"
    INSPECTION_TEST = "inspection_test", "检验"
    QUARANTINE = "quarantine", "检疫"
    APPRAISAL = "appraisal", "鉴定"
    EXPERT_REVIEW = "expert_review", "专家评审"
    TENDER = "tender", "招标"
    AUCTION = "auction", "拍卖"
    OTHER = "other", "其他"


class LegalReviewResult(ZhEnum):
    """Outcome of a legal review (法制审核结果)."""

    PASS = "pass", "通过"
    FAIL = "fail", "不通过"
    RETURNED = "returned", "退回补充"


class DecisionChangeKind(ZhEnum):
    """How a decision was later changed (决定被变更、撤销、确认违法或无效)."""

    CHANGED = "changed", "变更"
    REVOKED = "revoked", "撤销"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
    CONFIRMED_VOID = "confirmed_void", "确认无效"


class DeliveryMethod(ZhEnum):
    """How a document was served (送达方式)."""

    ON_SPOT = "on_spot", "当场交付"
    DIRECT = "direct", "直接送达"
    LEFT_AT_RESIDENCE = "left_at_residence", "留置送达"
    ELECTRONIC = "electronic", "电子送达"
    POST = "post", "邮寄送达"
    ENTRUSTED = "entrusted", "委托送达"
    PUBLIC_NOTICE = "public_notice", "公告送达"


class PaymentChannel(ZhEnum):
    """How a fine was paid (缴款方式)."""

    BANK = "bank", "指定银行缴纳"
    ONLINE = "online", "电子支付"
    ON_SPOT = "on_spot", "当场收缴"
    OTHER = "other", "其他"


class RemedyKind(ZhEnum):
    """Legal remedies a party can seek against a decision."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class CaseClosureKind(ZhEnum):
    """How a case was closed (结案方式)."""

    EXECUTED = "executed", "执行完毕"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    DISMISSED = "dismissed", "撤销立案"
    TRANSFERRED = "transferred", "移送"
    TERMINATED = "terminated", "终结"
    OTHER = "other", "其他"


# --- inspections -----------------------------------------------------------------------------


class InspectionType(ZhEnum):
    """Types of inspection of enterprises (司法部《问题解答》2025: 日常/个案/专项)."""

    ROUTINE = "routine", "日常检查"
    CASE_SPECIFIC = "case_specific", "个案检查"
    SPECIAL = "special", "专项检查"


class InspectionTrigger(ZhEnum):
    """What triggered a case-specific inspection (个案检查的起因)."""

    COMPLAINT = "complaint", "投诉举报"
    HOTLINE_12345 = "hotline_12345", "12345热线"
    REFERRAL = "referral", "转办移送"
    PERMIT_VERIFICATION = "permit_verification", "许可核查"
    HIGHER_ASSIGNMENT = "higher_assignment", "上级交办"
    OTHER = "other", "其他"


class InspectionResult(ZhEnum):
    """What an inspection found (检查结果)."""

    NONE = "none", "未发现问题"
    HAZARD = "hazard", "发现隐患或问题"
    VIOLATION = "violation", "发现违法行为"


# --- coercive measures -----------------------------------------------------------------------


class CoerciveKind(ZhEnum):
    """Coercive measures and kinds of coercive enforcement (行政强制措施与行政强制执行)."""

    SEALING = "sealing", "查封场所、设施或者财物"
    SEIZURE = "seizure", "扣押财物"
    FREEZING = "freezing", "冻结存款、汇款"
    OTHER_MEASURE = "other_measure", "其他行政强制措施"
    DIRECT_ENFORCEMENT = "direct_enforcement", "行政机关强制执行"
    FORCED_DEMOLITION = "forced_demolition", "强制拆除"
    PROXY_PERFORMANCE = "proxy_performance", "代履行"
    COURT_ENFORCEMENT = "court_enforcement", "申请人民法院强制执行"


class MeasureEndKind(ZhEnum):
    """How a coercive measure ended."""

    RELEASED = "released", "解除"
    CONFISCATED = "confiscated", "依法没收"
    DESTROYED = "destroyed", "依法销毁"
    OTHER_DISPOSAL = "other_disposal", "其他处理"


class ExecutionMethod(ZhEnum):
    """Methods used when enforcing (执行方式); cutting utilities is barred for homes."""

    DEMOLITION = "demolition", "拆除"
    REMOVAL = "removal", "排除妨碍、恢复原状"
    TRANSFER_OF_FUNDS = "transfer_of_funds", "划拨存款、汇款"
    AUCTION = "auction", "拍卖或者处理财物"
    CUT_WATER = "cut_water", "停止供水"
    CUT_POWER = "cut_power", "停止供电"
    CUT_HEATING = "cut_heating", "停止供热"
    CUT_GAS = "cut_gas", "停止供燃气"
    OTHER = "other", "其他"


# --- licences --------------------------------------------------------------------------------


class LicenceApplicationKind(ZhEnum):
    """Kinds of licence application (许可申请类型)."""

    NEW = "new", "新办"
    CHANGE = "change", "变更"
    RENEWAL = "renewal", "延续"
    OTHER = "other", "其他"


class LicenceOutcome(ZhEnum):
    """Outcome of a licence application (许可决定)."""

    GRANTED = "granted", "准予许可"
    REFUSED = "refused", "不予许可"
    WITHDRAWN = "withdrawn", "申请人撤回"


# --- supervision -----------------------------------------------------------------------------


class SupervisionCheckType(ZhEnum):
    """Kinds of supervision check (监督检查类型)."""

    ROUTINE = "routine", "日常监督检查"
    CASE_FILE_REVIEW = "case_file_review", "案卷评查"
    SPECIAL = "special", "专项监督"
    OTHER = "other", "其他"


class CaseFileGrade(ZhEnum):
    """Grade given to a sampled case file (案卷评查等次)."""

    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class LiaisonCriterion(ZhEnum):
    """Criteria a liaison point must meet (联系点遴选条件)."""

    RULE_OF_LAW = "rule_of_law", "依法治理"
    LAWFUL_OPERATION = "lawful_operation", "合法经营"
    HONESTY = "honesty", "诚实守信"


class LiaisonPointStatus(ZhEnum):
    """Status of a liaison point (联系点状态)."""

    ACTIVE = "active", "有效"
    SUSPENDED = "suspended", "暂停"
    WITHDRAWN = "withdrawn", "撤销"
    EXPIRED = "expired", "期满"


class SupervisorStatus(ZhEnum):
    """Status of a social supervisor (社会监督员状态)."""

    ACTIVE = "active", "在聘"
    SUSPENDED = "suspended", "暂停"
    DISMISSED = "dismissed", "解聘"
    EXPIRED = "expired", "期满"


class DisqualificationKind(ZhEnum):
    """Records that bar a person from serving as a social supervisor."""

    DISCIPLINARY_SANCTION = "disciplinary_sanction", "受到处分"
    CRIMINAL_PENALTY = "criminal_penalty", "受过刑事处罚"
    ADMINISTRATIVE_DETENTION = "administrative_detention", "受过行政拘留"
    DISHONEST_DEBTOR = "dishonest_debtor", "失信被执行人"
    OTHER = "other", "其他"


class SupervisorActivityKind(ZhEnum):
    """What a social supervisor did (履职活动)."""

    OBSERVATION = "observation", "现场观摩执法"
    MEETING = "meeting", "座谈会"
    INSPECTION_ACCOMPANY = "inspection_accompany", "随同检查"
    OPINION = "opinion", "提出意见建议"
    CASE_FILE_REVIEW = "case_file_review", "参与案卷评查"
    TRAINING = "training", "培训"
    OTHER = "other", "其他"


class FeedbackSourceKind(ZhEnum):
    """Who gave a piece of feedback."""

    LIAISON_POINT = "liaison_point", "监督联系点"
    SOCIAL_SUPERVISOR = "social_supervisor", "社会监督员"
    OTHER = "other", "其他"


class FeedbackChannel(ZhEnum):
    """How feedback was collected (收集渠道)."""

    MEETING = "meeting", "座谈会"
    VISIT = "visit", "走访"
    PHONE = "phone", "电话"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网络平台"
    WECHAT = "wechat", "微信"
    QUESTIONNAIRE = "questionnaire", "问卷"
    OTHER = "other", "其他"


class FeedbackKind(ZhEnum):
    """What a piece of feedback is."""

    OPINION = "opinion", "意见"
    SUGGESTION = "suggestion", "建议"
    PROBLEM_REPORT = "problem_report", "问题反映"
    OTHER = "other", "其他"


class ComplaintChannel(ZhEnum):
    """How a complaint about enforcement arrived (投诉举报渠道)."""

    HOTLINE_12345 = "hotline_12345", "12345热线"
    PHONE = "phone", "电话"
    LETTER = "letter", "信函"
    VISIT = "visit", "来访"
    ONLINE = "online", "网络平台"
    EMAIL = "email", "电子邮件"
    REFERRAL = "referral", "转办"
    OTHER = "other", "其他"


class ComplaintCategory(ZhEnum):
    """What a complaint about enforcement alleges."""

    INACTION = "inaction", "不作为"
    SLOW_ACTION = "slow_action", "慢作为"
    ABUSE = "abuse", "乱作为"
    PROCEDURE = "procedure", "程序违法"
    CONDUCT = "conduct", "执法作风"
    OTHER = "other", "其他"


class ComplaintOutcome(ZhEnum):
    """Result of handling a complaint (办理结果)."""

    SUBSTANTIATED = "substantiated", "属实"
    PARTLY_SUBSTANTIATED = "partly_substantiated", "部分属实"
    UNSUBSTANTIATED = "unsubstantiated", "不属实"
    REFERRED = "referred", "转办"
    OTHER = "other", "其他"


# --- petitions (信访工作条例) ----------------------------------------------------------------


class PetitionChannel(ZhEnum):
    """How a petition reached the body that records it (信访工作条例 Arts. 22, 23)."""

    DIRECT = "direct", "信访人直接提出"
    REFERRED = "referred", "信访部门或上级机关转送、交办"


class PetitionForm(ZhEnum):
    """The form in which a petition was made (信访形式)."""

    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    PHONE = "phone", "来电"
    ONLINE = "online", "网上信访"
    OTHER = "other", "其他"


class PetitionCategory(ZhEnum):
    """What a petition asks for (信访事项类别, 信访工作条例 Arts. 29–31)."""

    SUGGESTION = "suggestion", "建议意见类"
    ACCUSATION = "accusation", "检举控告类"
    CLAIM = "claim", "申诉求决类"
    OTHER = "other", "其他"


class PetitionHandling(ZhEnum):
    """How a claim petition is handled (信访工作条例 Art. 31); the 60 days of Art. 34 run only
    for the handling of item (6), the 信访处理意见书."""

    OPINION = "opinion", "出具信访处理意见书（第三十一条第六项）"
    LEGAL_PROCEDURE = "legal_procedure", "导入诉讼、复议、仲裁等法定程序"
    PERFORM_DUTY = "perform_duty", "依法履行职责或者答复"
    OTHER = "other", "其他"


# --- reconsideration and litigation -----------------------------------------------------------


class ProceedingRole(ZhEnum):
    """The recording body's part in a reconsideration (本机关在复议中的地位)."""

    RESPONDENT = "respondent", "被申请人"
    REVIEWING_ORGAN = "reviewing_organ", "行政复议机关"


class RemedyProcedure(ZhEnum):
    """Procedure of a reconsideration or a first-instance lawsuit (审理程序)."""

    ORDINARY = "ordinary", "普通程序"
    SIMPLE = "simple", "简易程序"


class RemedyOutcome(ZhEnum):
    """How a reconsideration or a lawsuit ended (复议决定或裁判结果)."""

    MAINTAINED = "maintained", "维持"
    CLAIM_DISMISSED = "claim_dismissed", "驳回请求"
    REVOKED = "revoked", "撤销"
    CHANGED = "changed", "变更"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
    CONFIRMED_VOID = "confirmed_void", "确认无效"
    ORDERED_TO_PERFORM = "ordered_to_perform", "责令履行"
    MEDIATED = "mediated", "调解结案"
    WITHDRAWN = "withdrawn", "撤回申请（撤诉）"
    TERMINATED = "terminated", "终止审理"
    REJECTED = "rejected", "不予受理（驳回起诉）"
    OTHER = "other", "其他"


class AppearanceRole(ZhEnum):
    """Who appeared in court for the defendant agency (出庭应诉人员, 行诉法解释 Arts. 128–130).

    A "负责人" is the principal head, a deputy head or another leader in charge of the matter
    (Art. 128); "相应的工作人员" are the agency's own staff (Art. 130); a lawyer alone is not
    enough (Art. 128(2): 不得仅委托律师出庭).
    """

    PRINCIPAL_HEAD = "principal_head", "正职负责人"
    DEPUTY_HEAD = "deputy_head", "副职负责人"
    LEADER_IN_CHARGE = "leader_in_charge", "参与分管的负责人"
    STAFF = "staff", "相应的工作人员"
    LAWYER = "lawyer", "律师"
    OTHER = "other", "其他"


# --- major decisions, normative documents and contracts --------------------------------------


class MajorDecisionType(ZhEnum):
    """The kinds of decision item of 重大行政决策程序暂行条例 Art. 3(1)."""

    PUBLIC_POLICY = "public_policy", "重大公共政策和措施"
    PLAN = "plan", "经济和社会发展等方面的重要规划"
    RESOURCES = "resources", "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"
    PUBLIC_PROJECT = "public_project", "重大公共建设项目"
    OTHER_MAJOR = "other_major", "其他重大事项"


class MeetingType(ZhEnum):
    """The meeting at which a draft decision was discussed (集体讨论会议类型)."""

    EXECUTIVE = "executive", "常务会议"
    PLENARY = "plenary", "全体会议"
    JOINT = "joint", "党政联席会议"
    PARTY_COMMITTEE = "party_committee", "党委会议"
    HEAD_OFFICE = "head_office", "（乡镇长）办公会议"
    OTHER = "other", "其他"


class LegalityConclusion(ZhEnum):
    """Conclusion of a legality review (合法性审查、审核意见)."""

    LAWFUL = "lawful", "合法"
    LAWFUL_AFTER_CHANGES = "lawful_after_changes", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"
    RISK_DISCLOSED = "risk_disclosed", "明示法律风险（探索性改革事项）"
