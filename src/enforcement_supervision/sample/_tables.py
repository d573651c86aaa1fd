"""The fixed facts of the fictional township: places, agencies, officers, matters, items.

Everything here is invented. The region code ``990102`` (province ``99``) does not exist, and
no name below belongs to a real person. Fine ranges follow the shape of the provisions cited
(e.g. "处五百元以上二千元以下的罚款"), but the sample is illustrative, not legal advice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import attrs

from enforcement_supervision.model import (
    DiscretionLevel,
    EvidenceType,
    PenaltyType,
)

__all__ = [
    "AGENCIES",
    "COUNTY_CODE",
    "COUNTY_NAME",
    "COUNTY_PORTAL",
    "ECOLOGY",
    "EMERGENCY",
    "ENFORCING",
    "ENTERPRISE_KINDS",
    "GOV",
    "HEALTH",
    "INSPECTION_ITEMS",
    "JUSTICE",
    "LICENCE_MATTERS",
    "MARKET",
    "MATTERS",
    "MATTER_BY_CODE",
    "OFFICERS",
    "TOWN",
    "TOWNSHIP_CODE",
    "TOWNSHIP_NAME",
    "TOWNSHIP_NAME_EN",
    "UNPUBLISHED_ITEM",
    "VILLAGES",
    "AgencySpec",
    "EnterpriseKind",
    "LicenceMatter",
    "Matter",
    "OfficerSpec",
    "PartyKind",
]

COUNTY_NAME = "青岚县"
COUNTY_CODE = "990102"
TOWNSHIP_NAME = "清河镇"
TOWNSHIP_NAME_EN = "Qinghe Township"
TOWNSHIP_CODE = "990102101"
COUNTY_PORTAL = "https://www.qinglan.example.invalid"

VILLAGES: tuple[str, ...] = (
    "清河社区",
    "东河村",
    "西岭村",
    "柳湾村",
    "石桥村",
    "杏林村",
    "南沟村",
    "北坡村",
)


@attrs.frozen(kw_only=True)
class AgencySpec:
    """An agency of the sample and how it appears in documents."""

    id: str
    name: str
    short: str  # used in document numbers, e.g. 清河政罚〔2025〕12号
    level: Literal["county", "township"]
    kind: Literal["government", "department", "dispatched_office"]
    sector: str | None
    domain: str | None  # matter domain of its enforcement (certificate scope)
    enforces: bool
    parent_id: str | None = None


GOV = "AG-QL-GOV"
JUSTICE = "AG-QL-SFJ"
TOWN = "AG-QHZ"
MARKET = "AG-QL-SCJG"
ECOLOGY = "AG-QL-STHJ"
EMERGENCY = "AG-QL-YJGL"
HEALTH = "AG-QL-WSJK"

AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec(
        id=GOV,
        name="青岚县人民政府",
        short="青岚政",
        level="county",
        kind="government",
        sector=None,
        domain=None,
        enforces=False,
    ),
    AgencySpec(
        id=JUSTICE,
        name="青岚县司法局",
        short="青岚司",
        level="county",
        kind="department",
        sector="justice",
        domain=None,
        enforces=False,
        parent_id=GOV,
    ),
    AgencySpec(
        id=TOWN,
        name="青岚县清河镇人民政府",
        short="清河政",
        level="township",
        kind="government",
        sector="township_comprehensive",
        domain="township_comprehensive",
        enforces=True,
        parent_id=GOV,
    ),
    AgencySpec(
        id=MARKET,
        name="青岚县市场监督管理局",
        short="青岚市监",
        level="county",
        kind="department",
        sector="market_regulation",
        domain="market_regulation",
        enforces=True,
        parent_id=GOV,
    ),
    AgencySpec(
        id=ECOLOGY,
        name="云屏市生态环境局青岚分局",
        short="云环青",
        level="county",
        kind="dispatched_office",
        sector="ecology_environment",
        domain="ecology_environment",
        enforces=True,
    ),
    AgencySpec(
        id=EMERGENCY,
        name="青岚县应急管理局",
        short="青岚应急",
        level="county",
        kind="department",
        sector="emergency_management",
        domain="emergency_management",
        enforces=True,
        parent_id=GOV,
    ),
    AgencySpec(
        id=HEALTH,
        name="青岚县卫生健康局",
        short="青岚卫",
        level="county",
        kind="department",
        sector="health",
        domain="health",
        enforces=True,
        parent_id=GOV,
    ),
)

ENFORCING: tuple[str, ...] = tuple(a.id for a in AGENCIES if a.enforces)


@attrs.frozen(kw_only=True)
class OfficerSpec:
    """An officer of the sample. Roles drive who may be drawn for which act."""

    id: str
    agency_id: str
    name: str
    position: str
    role: Literal["head", "enforcer", "reviewer", "auxiliary", "supervision"]
    born: int
    # Dates are (years relative to the sample year, month, day), so that the story holds in
    # any sample year; None for auxiliary staff, who hold no certificate.
    cert_from: tuple[int, int, int] | None
    cert_to: tuple[int, int, int] | None
    # Hours logged in the last finished year (the year before the sample year): the year a
    # check on the sample's last day can judge (PERS-TRAINING-60H).
    training_hours: float
    first_review_date: tuple[int, int, int] | None = None


OFFICERS: tuple[OfficerSpec, ...] = (
    OfficerSpec(
        id="OF-01",
        agency_id=TOWN,
        name="周明远",
        position="副镇长（分管综合行政执法）",
        role="head",
        born=1976,
        cert_from=(-3, 3, 1),
        cert_to=(2, 2, 28),
        training_hours=64,
    ),
    OfficerSpec(
        id="OF-02",
        agency_id=TOWN,
        name="陈立伟",
        position="综合行政执法队队长",
        role="enforcer",
        born=1981,
        cert_from=(-4, 9, 1),
        cert_to=(1, 8, 31),
        training_hours=72,
    ),
    # The planted personnel story: a certificate that ran out on 30 June while its holder
    # kept going out with the team (PEN-CERT-VALID, docs/catalog/examples.md#e20).
    OfficerSpec(
        id="OF-03",
        agency_id=TOWN,
        name="刘建军",
        position="综合行政执法队队员",
        role="enforcer",
        born=1979,
        cert_from=(-5, 7, 1),
        cert_to=(0, 6, 30),
        training_hours=68,
    ),
    # 56 hours in the last finished year: short of the 60 the seed report promises
    # (PERS-TRAINING-60H, docs/catalog/examples.md#e20).
    OfficerSpec(
        id="OF-04",
        agency_id=TOWN,
        name="孙晓燕",
        position="综合行政执法队队员",
        role="enforcer",
        born=1990,
        cert_from=(-2, 4, 1),
        cert_to=(3, 3, 31),
        training_hours=56,
    ),
    OfficerSpec(
        id="OF-05",
        agency_id=TOWN,
        name="马文博",
        position="综合行政执法队队员",
        role="enforcer",
        born=1993,
        cert_from=(-3, 11, 1),
        cert_to=(2, 10, 31),
        training_hours=80,
    ),
    OfficerSpec(
        id="OF-06",
        agency_id=TOWN,
        name="郑雅琴",
        position="法制审核员",
        role="reviewer",
        born=1988,
        cert_from=(-4, 1, 1),
        cert_to=(1, 12, 31),
        training_hours=90,
        first_review_date=(-4, 3, 1),
    ),
    OfficerSpec(
        id="OF-07",
        agency_id=TOWN,
        name="王小虎",
        position="网格员",
        role="auxiliary",
        born=1996,
        cert_from=None,
        cert_to=None,
        training_hours=62,
    ),
    OfficerSpec(
        id="OF-08",
        agency_id=MARKET,
        name="赵海峰",
        position="清河市场监管所所长",
        role="enforcer",
        born=1978,
        cert_from=(-3, 6, 1),
        cert_to=(2, 5, 31),
        training_hours=66,
    ),
    OfficerSpec(
        id="OF-09",
        agency_id=MARKET,
        name="李婷",
        position="清河市场监管所科员",
        role="enforcer",
        born=1991,
        cert_from=(-2, 2, 1),
        cert_to=(3, 1, 31),
        training_hours=74,
    ),
    OfficerSpec(
        id="OF-10",
        agency_id=ECOLOGY,
        name="吴志刚",
        position="生态环境保护综合行政执法大队中队长",
        role="enforcer",
        born=1983,
        cert_from=(-4, 12, 1),
        cert_to=(1, 11, 30),
        training_hours=70,
    ),
    OfficerSpec(
        id="OF-11",
        agency_id=ECOLOGY,
        name="黄丽华",
        position="生态环境保护综合行政执法大队队员",
        role="enforcer",
        born=1992,
        cert_from=(-3, 8, 1),
        cert_to=(2, 7, 31),
        training_hours=78,
    ),
    OfficerSpec(
        id="OF-12",
        agency_id=EMERGENCY,
        name="何国栋",
        position="应急管理综合行政执法大队中队长",
        role="enforcer",
        born=1980,
        cert_from=(-3, 1, 1),
        cert_to=(1, 12, 31),
        training_hours=64,
    ),
    OfficerSpec(
        id="OF-13",
        agency_id=EMERGENCY,
        name="林静",
        position="应急管理综合行政执法大队队员",
        role="enforcer",
        born=1994,
        cert_from=(-2, 6, 1),
        cert_to=(3, 5, 31),
        training_hours=72,
    ),
    OfficerSpec(
        id="OF-14",
        agency_id=HEALTH,
        name="徐文涛",
        position="卫生健康综合监督执法大队科长",
        role="enforcer",
        born=1985,
        cert_from=(-3, 9, 1),
        cert_to=(2, 8, 31),
        training_hours=68,
    ),
    OfficerSpec(
        id="OF-15",
        agency_id=HEALTH,
        name="高晓梅",
        position="卫生健康综合监督执法大队卫生监督员",
        role="enforcer",
        born=1995,
        cert_from=(-1, 1, 1),
        cert_to=(3, 12, 31),
        training_hours=76,
    ),
    OfficerSpec(
        id="OF-16",
        agency_id=JUSTICE,
        name="罗建平",
        position="清河司法所所长",
        role="supervision",
        born=1977,
        cert_from=(-3, 5, 1),
        cert_to=(2, 4, 30),
        training_hours=84,
    ),
    # The county bodies' legal-review staff (法制审核人员; 国办发〔2018〕118号: in principle
    # at least 5% of an agency's enforcement officers). They review the departments' ordinary
    # cases before decision and never act in the field.
    OfficerSpec(
        id="OF-17",
        agency_id=MARKET,
        name="冯思远",
        position="法规股法制审核员",
        role="reviewer",
        born=1987,
        cert_from=(-3, 3, 1),
        cert_to=(2, 2, 28),
        training_hours=70,
        first_review_date=(-5, 6, 1),
    ),
    OfficerSpec(
        id="OF-18",
        agency_id=ECOLOGY,
        name="邓佳怡",
        position="法制审核员",
        role="reviewer",
        born=1990,
        cert_from=(-2, 10, 1),
        cert_to=(3, 9, 30),
        training_hours=66,
        first_review_date=(-3, 1, 10),
    ),
    OfficerSpec(
        id="OF-19",
        agency_id=EMERGENCY,
        name="曹雨辰",
        position="政策法规股法制审核员",
        role="reviewer",
        born=1989,
        cert_from=(-4, 5, 1),
        cert_to=(1, 4, 30),
        training_hours=72,
        first_review_date=(-4, 5, 20),
    ),
    OfficerSpec(
        id="OF-20",
        agency_id=HEALTH,
        name="彭子涵",
        position="法制审核员",
        role="reviewer",
        born=1992,
        cert_from=(-2, 7, 1),
        cert_to=(3, 6, 30),
        training_hours=64,
        first_review_date=(-2, 9, 1),
    ),
    OfficerSpec(
        id="OF-21",
        agency_id=JUSTICE,
        name="蒋慧敏",
        position="行政执法协调监督股法制审核员",
        role="reviewer",
        born=1986,
        cert_from=(-3, 10, 1),
        cert_to=(2, 9, 30),
        training_hours=80,
        first_review_date=(-6, 4, 1),
    ),
)

PartyKind = Literal["person", "org", "both"]


@attrs.frozen(kw_only=True)
class Matter:
    """An enforcement matter (处罚事项) with its statutory range and discretion benchmark.

    ``benchmark`` lists ``(level, min, max)``; empty means the matter carries no fine and so
    no benchmark. ``summary_weight`` and ``ordinary_weight`` set how often it comes up.
    """

    code: str
    agency_id: str
    cause: str
    fact: str
    basis: str
    party: PartyKind
    penalty_types: tuple[PenaltyType, ...]
    statute_min: Decimal | None
    statute_max: Decimal | None
    benchmark: tuple[tuple[DiscretionLevel, Decimal, Decimal], ...]
    step: int
    summary_weight: int
    ordinary_weight: int
    evidence: tuple[EvidenceType, ...]
    major: bool = False

    @property
    def has_fine(self) -> bool:
        """True when decisions on this matter impose a fine."""
        return PenaltyType.FINE in self.penalty_types


def _d(value: int) -> Decimal:
    return Decimal(value)


_L, _G, _H = DiscretionLevel.LIGHTER, DiscretionLevel.GENERAL, DiscretionLevel.HEAVIER
_FINE = (PenaltyType.FINE,)
_WARN_FINE = (PenaltyType.WARNING, PenaltyType.FINE)
_DOC, _SITE, _AV, _STMT, _PHYS, _ELEC, _WIT, _INSP, _EXPERT = (
    EvidenceType.DOCUMENTARY,
    EvidenceType.ON_SITE_RECORD,
    EvidenceType.AUDIOVISUAL,
    EvidenceType.PARTY_STATEMENT,
    EvidenceType.PHYSICAL,
    EvidenceType.ELECTRONIC_DATA,
    EvidenceType.WITNESS_TESTIMONY,
    EvidenceType.INSPECTION_RECORD,
    EvidenceType.EXPERT_OPINION,
)

MATTERS: tuple[Matter, ...] = (
    Matter(
        code="XZCF-QHZ-001",
        agency_id=TOWN,
        cause="随意倾倒、抛撒、堆放生活垃圾",
        fact="在村道旁随意倾倒生活垃圾",
        basis="《中华人民共和国固体废物污染环境防治法》第一百一十一条第一款第一项、第三款",
        party="person",
        penalty_types=_FINE,
        statute_min=_d(100),
        statute_max=_d(500),
        benchmark=((_L, _d(100), _d(200)), (_G, _d(200), _d(350)), (_H, _d(350), _d(500))),
        step=50,
        summary_weight=25,
        ordinary_weight=8,
        evidence=(_SITE, _AV, _STMT),
    ),
    Matter(
        code="XZCF-QHZ-002",
        agency_id=TOWN,
        cause="露天焚烧秸秆",
        fact="在承包地内露天焚烧秸秆",
        basis="《中华人民共和国大气污染防治法》第一百一十九条第二款",
        party="person",
        penalty_types=_FINE,
        statute_min=_d(500),
        statute_max=_d(2000),
        benchmark=((_L, _d(500), _d(900)), (_G, _d(900), _d(1500)), (_H, _d(1500), _d(2000))),
        step=100,
        summary_weight=0,
        ordinary_weight=18,
        evidence=(_SITE, _AV, _STMT, _WIT),
    ),
    Matter(
        code="XZCF-QHZ-003",
        agency_id=TOWN,
        cause="擅自占用道路摆摊设点",
        fact="擅自占用集镇主街道路摆摊经营",
        basis="《城市市容和环境卫生管理条例》第三十六条第二项",
        party="person",
        penalty_types=_FINE,
        statute_min=_d(50),
        statute_max=_d(500),
        benchmark=((_L, _d(50), _d(100)), (_G, _d(100), _d(300)), (_H, _d(300), _d(500))),
        step=50,
        summary_weight=35,
        ordinary_weight=4,
        evidence=(_SITE, _AV, _STMT),
    ),
    Matter(
        code="XZCF-QHZ-004",
        agency_id=TOWN,
        cause="擅自设置大型户外广告、招牌",
        fact="未经批准在临街建筑外立面设置大型户外广告牌",
        basis="《城市市容和环境卫生管理条例》第三十六条第三项",
        party="both",
        penalty_types=_FINE,
        statute_min=_d(500),
        statute_max=_d(5000),
        benchmark=((_L, _d(500), _d(1500)), (_G, _d(1500), _d(3500)), (_H, _d(3500), _d(5000))),
        step=100,
        summary_weight=0,
        ordinary_weight=16,
        evidence=(_SITE, _AV, _STMT, _DOC),
    ),
    Matter(
        code="XZCF-QHZ-005",
        agency_id=TOWN,
        cause="未经批准在乡村规划区内进行建设",
        fact="未取得乡村建设规划许可证在宅基地外新建砖混结构房屋",
        basis="《中华人民共和国城乡规划法》第六十五条",
        party="person",
        penalty_types=(PenaltyType.OTHER,),
        statute_min=None,
        statute_max=None,
        benchmark=(),
        step=0,
        summary_weight=0,
        ordinary_weight=0,
        evidence=(_SITE, _AV, _STMT, _INSP, _DOC),
        major=True,
    ),
    Matter(
        code="XZCF-SCJG-001",
        agency_id=MARKET,
        cause="经营标签不符合规定的食品（瑕疵）且拒不改正",
        fact="经营的预包装食品标签存在瑕疵，经责令改正后拒不改正",
        basis="《中华人民共和国食品安全法》第一百二十五条第二款",
        party="both",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(2000),
        benchmark=((_L, _d(100), _d(500)), (_G, _d(500), _d(1200)), (_H, _d(1200), _d(2000))),
        step=50,
        summary_weight=14,
        ordinary_weight=12,
        evidence=(_SITE, _PHYS, _DOC, _STMT),
    ),
    Matter(
        code="XZCF-SCJG-002",
        agency_id=MARKET,
        cause="不按规定明码标价",
        fact="销售商品未按规定明码标价",
        basis="《中华人民共和国价格法》第四十二条",
        party="both",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(5000),
        benchmark=((_L, _d(100), _d(1000)), (_G, _d(1000), _d(3000)), (_H, _d(3000), _d(5000))),
        step=100,
        summary_weight=16,
        ordinary_weight=12,
        evidence=(_SITE, _AV, _DOC, _STMT),
    ),
    Matter(
        code="XZCF-SCJG-003",
        agency_id=MARKET,
        cause="未按规定公示营业执照且拒不改正",
        fact="未将营业执照置于住所或者主要经营场所醒目位置，经责令改正后拒不改正",
        basis="《中华人民共和国市场主体登记管理条例》第四十八条第一款",
        party="both",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(30000),
        benchmark=(
            (_L, _d(500), _d(5000)),
            (_G, _d(5000), _d(15000)),
            (_H, _d(15000), _d(30000)),
        ),
        step=500,
        summary_weight=0,
        ordinary_weight=8,
        evidence=(_SITE, _AV, _DOC),
    ),
    Matter(
        code="XZCF-SCJG-004",
        agency_id=MARKET,
        cause="未按规定建立并遵守进货查验记录制度",
        fact="食品经营者未按规定查验供货者许可证和食品出厂检验合格证",
        basis="《中华人民共和国食品安全法》第一百二十六条第一款第三项",
        party="both",
        penalty_types=(PenaltyType.WARNING,),
        statute_min=None,
        statute_max=None,
        benchmark=(),
        step=0,
        summary_weight=10,
        ordinary_weight=10,
        evidence=(_SITE, _DOC, _STMT),
    ),
    Matter(
        code="XZCF-SCJG-005",
        agency_id=MARKET,
        cause="使用不合格的计量器具",
        fact="经营中使用未经检定的电子计价秤",
        basis="《中华人民共和国计量法实施细则》第四十三条",
        party="both",
        penalty_types=(PenaltyType.CONFISCATION_OF_ILLEGAL_PROPERTY, PenaltyType.FINE),
        statute_min=None,
        statute_max=_d(2000),
        benchmark=((_L, _d(100), _d(500)), (_G, _d(500), _d(1200)), (_H, _d(1200), _d(2000))),
        step=100,
        summary_weight=0,
        ordinary_weight=8,
        evidence=(_SITE, _PHYS, _EXPERT, _STMT),
    ),
    Matter(
        code="XZCF-STHJ-001",
        agency_id=ECOLOGY,
        cause="超过噪声排放标准排放工业噪声",
        fact="厂界工业噪声夜间排放超过国家规定的排放标准",
        basis="《中华人民共和国噪声污染防治法》第七十五条",
        party="org",
        penalty_types=_FINE,
        statute_min=_d(20000),
        statute_max=_d(200000),
        benchmark=(
            (_L, _d(20000), _d(60000)),
            (_G, _d(60000), _d(90000)),
            (_H, _d(90000), _d(200000)),
        ),
        step=1000,
        summary_weight=0,
        ordinary_weight=10,
        evidence=(_SITE, _EXPERT, _AV, _STMT),
    ),
    Matter(
        code="XZCF-STHJ-002",
        agency_id=ECOLOGY,
        cause="未采取有效覆盖措施防治扬尘污染",
        fact="露天堆放砂石等易产生扬尘的物料未采取密闭或者有效覆盖措施",
        basis="《中华人民共和国大气污染防治法》第一百一十七条第一项",
        party="org",
        penalty_types=_FINE,
        statute_min=_d(10000),
        statute_max=_d(100000),
        benchmark=(
            (_L, _d(10000), _d(30000)),
            (_G, _d(30000), _d(60000)),
            (_H, _d(60000), _d(100000)),
        ),
        step=1000,
        summary_weight=0,
        ordinary_weight=12,
        evidence=(_SITE, _AV, _STMT, _ELEC),
    ),
    Matter(
        code="XZCF-STHJ-003",
        agency_id=ECOLOGY,
        cause="畜禽养殖场未建设污染防治配套设施即投入生产",
        fact="畜禽养殖场未建设粪污无害化处理设施即投入生产",
        basis="《畜禽规模养殖污染防治条例》第三十九条",
        party="org",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(100000),
        benchmark=(
            (_L, _d(5000), _d(30000)),
            (_G, _d(30000), _d(60000)),
            (_H, _d(60000), _d(100000)),
        ),
        step=1000,
        summary_weight=0,
        ordinary_weight=8,
        evidence=(_SITE, _AV, _STMT, _INSP),
    ),
    Matter(
        code="XZCF-YJGL-001",
        agency_id=EMERGENCY,
        cause="未按照规定对从业人员进行安全生产教育和培训",
        fact="未按照规定对新上岗从业人员进行安全生产教育和培训",
        basis="《中华人民共和国安全生产法》第九十七条第三项",
        party="org",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(100000),
        benchmark=(
            (_L, _d(10000), _d(30000)),
            (_G, _d(30000), _d(60000)),
            (_H, _d(60000), _d(100000)),
        ),
        step=1000,
        summary_weight=0,
        ordinary_weight=12,
        evidence=(_SITE, _DOC, _STMT),
    ),
    Matter(
        code="XZCF-YJGL-002",
        agency_id=EMERGENCY,
        cause="未在有较大危险因素的场所设置明显的安全警示标志",
        fact="未在有较大危险因素的生产经营场所和设备上设置明显的安全警示标志",
        basis="《中华人民共和国安全生产法》第九十九条第一项",
        party="org",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(50000),
        benchmark=(
            (_L, _d(1000), _d(10000)),
            (_G, _d(10000), _d(30000)),
            (_H, _d(30000), _d(50000)),
        ),
        step=500,
        summary_weight=5,
        ordinary_weight=10,
        evidence=(_SITE, _AV, _STMT),
    ),
    Matter(
        code="XZCF-YJGL-003",
        agency_id=EMERGENCY,
        cause="特种作业人员未按照规定取得相应资格上岗作业",
        fact="安排未取得特种作业操作证的人员从事焊接作业",
        basis="《中华人民共和国安全生产法》第九十七条第七项",
        party="org",
        penalty_types=_FINE,
        statute_min=None,
        statute_max=_d(100000),
        benchmark=(
            (_L, _d(10000), _d(30000)),
            (_G, _d(30000), _d(60000)),
            (_H, _d(60000), _d(100000)),
        ),
        step=1000,
        summary_weight=0,
        ordinary_weight=8,
        evidence=(_SITE, _DOC, _STMT, _WIT),
    ),
    Matter(
        code="XZCF-WSJK-001",
        agency_id=HEALTH,
        cause="公共场所安排未获得有效健康合格证明的从业人员上岗",
        fact="安排未获得有效健康合格证明的从业人员从事直接为顾客服务的工作",
        basis="《公共场所卫生管理条例实施细则》第三十八条",
        party="both",
        penalty_types=_WARN_FINE,
        statute_min=_d(500),
        statute_max=_d(5000),
        benchmark=((_L, _d(500), _d(1500)), (_G, _d(1500), _d(3500)), (_H, _d(3500), _d(5000))),
        step=100,
        summary_weight=7,
        ordinary_weight=8,
        evidence=(_SITE, _DOC, _STMT),
    ),
    Matter(
        code="XZCF-WSJK-002",
        agency_id=HEALTH,
        cause="未按照规定对公共场所的空气、水质等进行卫生检测",
        fact="未按照规定对公共场所的空气、微小气候进行卫生检测",
        basis="《公共场所卫生管理条例实施细则》第三十六条第一项",
        party="both",
        penalty_types=_WARN_FINE,
        statute_min=None,
        statute_max=_d(2000),
        benchmark=((_L, _d(100), _d(500)), (_G, _d(500), _d(1200)), (_H, _d(1200), _d(2000))),
        step=50,
        summary_weight=8,
        ordinary_weight=6,
        evidence=(_SITE, _DOC, _STMT),
    ),
    Matter(
        code="XZCF-WSJK-003",
        agency_id=HEALTH,
        cause="医疗机构使用非卫生技术人员从事医疗卫生技术工作",
        fact="诊所使用未取得执业资格的人员从事输液等医疗卫生技术工作",
        basis="《医疗机构管理条例》第四十七条",
        party="org",
        penalty_types=_FINE,
        statute_min=_d(10000),
        statute_max=_d(100000),
        benchmark=(
            (_L, _d(10000), _d(30000)),
            (_G, _d(30000), _d(60000)),
            (_H, _d(60000), _d(100000)),
        ),
        step=1000,
        summary_weight=0,
        ordinary_weight=6,
        evidence=(_SITE, _DOC, _STMT, _WIT),
    ),
)

MATTER_BY_CODE = {m.code: m for m in MATTERS}

# Inspection items each agency published for the year (涉企行政检查事项清单). The last market
# item is deliberately *not* on the published list: one planted inspection checks it.
INSPECTION_ITEMS: dict[str, tuple[tuple[str, str], ...]] = {
    TOWN: (
        ("JC-QHZ-01", "生产经营单位安全生产隐患排查"),
        ("JC-QHZ-02", "餐饮场所燃气使用安全"),
        ("JC-QHZ-03", "门前市容环境卫生责任区"),
        ("JC-QHZ-04", "户外广告和招牌设置"),
    ),
    MARKET: (
        ("JC-SCJG-01", "食品经营许可及从业人员健康管理"),
        ("JC-SCJG-02", "进货查验和索证索票"),
        ("JC-SCJG-03", "食品标签标识"),
        ("JC-SCJG-04", "明码标价"),
        ("JC-SCJG-05", "计量器具使用"),
    ),
    ECOLOGY: (
        ("JC-STHJ-01", "污染防治设施运行"),
        ("JC-STHJ-02", "噪声排放"),
        ("JC-STHJ-03", "扬尘污染防治"),
        ("JC-STHJ-04", "畜禽养殖粪污处理"),
    ),
    EMERGENCY: (
        ("JC-YJGL-01", "安全生产教育培训"),
        ("JC-YJGL-02", "安全警示标志设置"),
        ("JC-YJGL-03", "特种作业人员持证"),
        ("JC-YJGL-04", "烟花爆竹储存"),
    ),
    HEALTH: (
        ("JC-WSJK-01", "公共场所从业人员健康合格证明"),
        ("JC-WSJK-02", "公共场所卫生检测"),
        ("JC-WSJK-03", "医疗机构人员资质"),
    ),
}
UNPUBLISHED_ITEM = ("JC-SCJG-09", "经营场所消防设施")


@attrs.frozen(kw_only=True)
class EnterpriseKind:
    """A kind of enterprise in the township and who inspects it (with item codes)."""

    label: str
    template: str  # trade-name template, {w} is the word
    party: Literal["legal_person", "other_org"]
    count: int
    inspectors: tuple[tuple[str, tuple[str, ...]], ...]
    matters: tuple[str, ...]  # matter codes a violation found there falls under


ENTERPRISE_KINDS: tuple[EnterpriseKind, ...] = (
    EnterpriseKind(
        label="餐饮",
        template="青岚县清河镇{w}餐饮有限公司",
        party="legal_person",
        count=7,
        inspectors=(
            (MARKET, ("JC-SCJG-01", "JC-SCJG-02", "JC-SCJG-04")),
            (TOWN, ("JC-QHZ-02", "JC-QHZ-03")),
        ),
        matters=("XZCF-SCJG-002", "XZCF-SCJG-003", "XZCF-QHZ-004"),
    ),
    EnterpriseKind(
        label="食品零售",
        template="青岚县{w}超市有限公司",
        party="legal_person",
        count=6,
        inspectors=(
            (MARKET, ("JC-SCJG-02", "JC-SCJG-03", "JC-SCJG-04", "JC-SCJG-05")),
            (TOWN, ("JC-QHZ-03", "JC-QHZ-04")),
        ),
        matters=("XZCF-SCJG-001", "XZCF-SCJG-002", "XZCF-SCJG-005", "XZCF-QHZ-004"),
    ),
    EnterpriseKind(
        label="宾馆",
        template="青岚县清河{w}宾馆有限公司",
        party="legal_person",
        count=4,
        inspectors=(
            (HEALTH, ("JC-WSJK-01", "JC-WSJK-02")),
            (MARKET, ("JC-SCJG-01", "JC-SCJG-04")),
            (TOWN, ("JC-QHZ-02", "JC-QHZ-03")),
        ),
        matters=("XZCF-WSJK-001", "XZCF-WSJK-002", "XZCF-SCJG-002"),
    ),
    EnterpriseKind(
        label="美容美发、洗浴",
        template="青岚县清河镇{w}美容美发店",
        party="other_org",
        count=4,
        inspectors=((HEALTH, ("JC-WSJK-01", "JC-WSJK-02")), (MARKET, ("JC-SCJG-04",))),
        matters=("XZCF-WSJK-001", "XZCF-WSJK-002"),
    ),
    EnterpriseKind(
        label="诊所",
        template="青岚县清河镇{w}诊所",
        party="other_org",
        count=3,
        inspectors=((HEALTH, ("JC-WSJK-03",)),),
        matters=("XZCF-WSJK-003",),
    ),
    EnterpriseKind(
        label="加工制造",
        template="青岚县{w}机械加工有限公司",
        party="legal_person",
        count=6,
        inspectors=(
            (ECOLOGY, ("JC-STHJ-01", "JC-STHJ-02")),
            (EMERGENCY, ("JC-YJGL-01", "JC-YJGL-02", "JC-YJGL-03")),
            (TOWN, ("JC-QHZ-01",)),
        ),
        matters=("XZCF-STHJ-001", "XZCF-YJGL-001", "XZCF-YJGL-002", "XZCF-YJGL-003"),
    ),
    EnterpriseKind(
        label="建材",
        template="青岚县{w}建材有限公司",
        party="legal_person",
        count=4,
        inspectors=(
            (ECOLOGY, ("JC-STHJ-01", "JC-STHJ-03")),
            (EMERGENCY, ("JC-YJGL-01", "JC-YJGL-02")),
            (TOWN, ("JC-QHZ-01",)),
        ),
        matters=("XZCF-STHJ-002", "XZCF-YJGL-001", "XZCF-YJGL-002"),
    ),
    EnterpriseKind(
        label="畜禽养殖",
        template="青岚县清河镇{w}养殖专业合作社",
        party="legal_person",
        count=3,
        inspectors=((ECOLOGY, ("JC-STHJ-04",)), (TOWN, ("JC-QHZ-01",))),
        matters=("XZCF-STHJ-003",),
    ),
    EnterpriseKind(
        label="加油站、烟花爆竹",
        template="青岚县{w}石油商贸有限公司",
        party="legal_person",
        count=3,
        inspectors=(
            (EMERGENCY, ("JC-YJGL-01", "JC-YJGL-02", "JC-YJGL-04")),
            (MARKET, ("JC-SCJG-05",)),
        ),
        matters=("XZCF-YJGL-001", "XZCF-YJGL-002", "XZCF-SCJG-005"),
    ),
)


@attrs.frozen(kw_only=True)
class LicenceMatter:
    """A licensing matter handled for the township's applicants."""

    code: str
    agency_id: str
    name: str
    party: PartyKind
    count: int
    special_deadline_wd: int | None = None
    renewable: bool = False


LICENCE_MATTERS: tuple[LicenceMatter, ...] = (
    LicenceMatter(
        code="XK-QHZ-001",
        agency_id=TOWN,
        name="乡村建设规划许可证核发（农村村民住宅）",
        party="person",
        count=12,
    ),
    LicenceMatter(
        code="XK-QHZ-002",
        agency_id=TOWN,
        name="设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批",
        party="both",
        count=8,
    ),
    # 《食品经营许可和备案管理办法》sets 10 working days, which overrides the general 20.
    LicenceMatter(
        code="XK-SCJG-001",
        agency_id=MARKET,
        name="食品经营许可",
        party="both",
        count=20,
        special_deadline_wd=10,
        renewable=True,
    ),
    LicenceMatter(
        code="XK-WSJK-001",
        agency_id=HEALTH,
        name="公共场所卫生许可",
        party="org",
        count=12,
        renewable=True,
    ),
    LicenceMatter(
        code="XK-YJGL-001",
        agency_id=EMERGENCY,
        name="烟花爆竹经营（零售）许可",
        party="both",
        count=8,
        renewable=True,
    ),
)
