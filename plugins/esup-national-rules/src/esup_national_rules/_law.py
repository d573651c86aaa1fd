"""The national instruments the pack cites: one registry, one name and one in-force date each.

Every rule cites provisions as ``APL.art("60")`` and declares its validity with the
instrument's own date (``valid_from=APL.in_force``), so 2021-07-15 has one name. Only national
law is here (laws, State Council regulations and documents, ministry rules); local law — a
city's inspection caps, a province's certificate rules — lives in a local profile and is cited
only where a deployment names it (``docs/guide/local-profiles.md``).
"""

from __future__ import annotations

import datetime as dt

from enforcement_supervision.rules import Instrument

__all__ = [
    "ACL",
    "ALL",
    "ALL_INSTRUMENTS",
    "APL",
    "APL_1996",
    "BUSINESS_ENVIRONMENT",
    "CODE_OF_CONDUCT",
    "GOVINFO",
    "LITIGATION_LAW",
    "MOJ_CASES_2",
    "NOISE_LAW",
    "OPINION_54",
    "OPINION_54_QA",
    "OPINION_118",
    "OPINION_2022_27",
    "PLAN_2023_27",
    "RECONSIDERATION_LAW",
    "SAMR_PROCEDURE",
    "SAMR_PUBLICITY",
]

_NPCSC = "全国人民代表大会常务委员会"
_STATE_COUNCIL = "国务院"
_GENERAL_OFFICE = "国务院办公厅"
_MOJ = "司法部"
_SAMR = "国家市场监督管理总局"

#: 行政处罚法 as revised on 2021-01-22; its articles apply to facts from 2021-07-15.
APL = Instrument(
    id="apl-2021",
    title="中华人民共和国行政处罚法",
    short_title="行政处罚法",
    title_en="Administrative Penalty Law",
    issuer=_NPCSC,
    number="中华人民共和国主席令第七十号",
    in_force=dt.date(2021, 7, 15),
)
#: The text before the 2021 revision (1996, amended 2009 and 2017): summary-procedure limits.
APL_1996 = Instrument(
    id="apl-1996",
    title="中华人民共和国行政处罚法（1996年公布，2009年、2017年修正）",
    short_title="行政处罚法（1996年公布，2009年、2017年修正）",
    title_en="Administrative Penalty Law (1996, amended 2009 and 2017)",
    issuer=_NPCSC,
    in_force=dt.date(1996, 10, 1),
    repealed=dt.date(2021, 7, 15),
)
#: 行政许可法 (2003, amended 2019; the articles used are unchanged by the amendment).
ALL = Instrument(
    id="licensing-law",
    title="中华人民共和国行政许可法",
    short_title="行政许可法",
    title_en="Administrative Licensing Law",
    issuer=_NPCSC,
    in_force=dt.date(2004, 7, 1),
)
#: 行政强制法 (2011).
ACL = Instrument(
    id="coercion-law",
    title="中华人民共和国行政强制法",
    short_title="行政强制法",
    title_en="Administrative Coercion Law",
    issuer=_NPCSC,
    in_force=dt.date(2012, 1, 1),
)
NOISE_LAW = Instrument(
    id="noise-law-2021",
    title="中华人民共和国噪声污染防治法",
    short_title="噪声污染防治法",
    title_en="Noise Pollution Prevention Law",
    issuer=_NPCSC,
    in_force=dt.date(2022, 6, 5),
)
RECONSIDERATION_LAW = Instrument(
    id="reconsideration-law-2023",
    title="中华人民共和国行政复议法",
    short_title="行政复议法",
    title_en="Administrative Reconsideration Law",
    issuer=_NPCSC,
    in_force=dt.date(2024, 1, 1),
)
LITIGATION_LAW = Instrument(
    id="litigation-law-2017",
    title="中华人民共和国行政诉讼法",
    short_title="行政诉讼法",
    title_en="Administrative Litigation Law",
    issuer=_NPCSC,
    in_force=dt.date(2017, 7, 1),
)
GOVINFO = Instrument(
    id="govinfo-regulation-2019",
    title="中华人民共和国政府信息公开条例",
    short_title="政府信息公开条例",
    title_en="Regulation on the Disclosure of Government Information",
    issuer=_STATE_COUNCIL,
    number="国务院令第711号",
    in_force=dt.date(2019, 5, 15),
)
BUSINESS_ENVIRONMENT = Instrument(
    id="business-environment-regulation",
    title="优化营商环境条例",
    short_title="优化营商环境条例",
    title_en="Regulation on Optimising the Business Environment",
    issuer=_STATE_COUNCIL,
    number="国务院令第722号",
    in_force=dt.date(2020, 1, 1),
)
#: 国办发〔2018〕118号 (dated 2018-12-05, published 2019-01-03): the three enforcement systems.
OPINION_118 = Instrument(
    id="guobanfa-2018-118",
    title="国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
    "指导意见",
    short_title="国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度"
    "重大执法决定法制审核制度的指导意见（国办发〔2018〕118号）",
    title_en="State Council General Office Guiding Opinions on the three enforcement systems "
    "(Guobanfa [2018] No. 118)",
    issuer=_GENERAL_OFFICE,
    number="国办发〔2018〕118号",
    in_force=dt.date(2019, 1, 3),
)
OPINION_2022_27 = Instrument(
    id="guobanfa-2022-27",
    title="国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见",
    short_title="国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见"
    "（国办发〔2022〕27号）",
    title_en="State Council General Office Opinions on discretion benchmarks "
    "(Guobanfa [2022] No. 27)",
    issuer=_GENERAL_OFFICE,
    number="国办发〔2022〕27号",
)
PLAN_2023_27 = Instrument(
    id="guobanfa-2023-27",
    title="提升行政执法质量三年行动计划（2023—2025年）",
    short_title="提升行政执法质量三年行动计划（2023—2025年）（国办发〔2023〕27号）",
    title_en="Three-year plan to improve enforcement quality 2023-2025 (Guobanfa [2023] No. 27)",
    issuer=_GENERAL_OFFICE,
    number="国办发〔2023〕27号",
)
#: 国办发〔2024〕54号 (dated 2024-12-30, published and in force 2025-01-03).
OPINION_54 = Instrument(
    id="guobanfa-2024-54",
    title="国务院办公厅关于严格规范涉企行政检查的意见",
    short_title="国务院办公厅关于严格规范涉企行政检查的意见（国办发〔2024〕54号）",
    title_en="State Council General Office Opinions on inspections of enterprises "
    "(Guobanfa [2024] No. 54)",
    issuer=_GENERAL_OFFICE,
    number="国办发〔2024〕54号",
    in_force=dt.date(2025, 1, 3),
)
OPINION_54_QA = Instrument(
    id="moj-54-qa-2025",
    title="涉企检查意见有关问题解答",
    short_title="涉企检查意见有关问题解答（司法部，2025-04-18）",
    title_en="Ministry of Justice Q&A on the inspections opinion (2025-04-18)",
    issuer=_MOJ,
    in_force=dt.date(2025, 4, 18),
)
CODE_OF_CONDUCT = Instrument(
    id="moj-code-of-conduct-2025",
    title="行政执法人员行为准则",
    short_title="行政执法人员行为准则",
    title_en="Ministry of Justice Code of Conduct for Administrative Enforcement Officers (2025)",
    issuer=_MOJ,
    in_force=dt.date(2025, 11, 3),
)
MOJ_CASES_2 = Instrument(
    id="moj-typical-cases-2",
    title="司法部第二批行政执法监督典型案例",
    short_title="司法部第二批行政执法监督典型案例（辅警独立执法）",
    title_en="Ministry of Justice typical supervision cases, second batch (auxiliary police "
    "enforcing alone)",
    issuer=_MOJ,
)
SAMR_PROCEDURE = Instrument(
    id="samr-penalty-procedure",
    title="市场监督管理行政处罚程序规定",
    short_title="市场监督管理行政处罚程序规定",
    title_en="Market Regulation Administrative Penalty Procedure Provisions",
    issuer=_SAMR,
)
SAMR_PUBLICITY = Instrument(
    id="samr-order-45",
    title="市场监督管理行政处罚信息公示规定",
    short_title="市场监督管理行政处罚信息公示规定（国家市场监督管理总局令第45号）",
    title_en="SAMR rules on publishing penalty information (SAMR Order No. 45)",
    issuer=_SAMR,
    number="国家市场监督管理总局令第45号",
    in_force=dt.date(2021, 9, 1),
)

#: Every instrument of the pack (for the docs and the pack's tests).
ALL_INSTRUMENTS: tuple[Instrument, ...] = (
    APL,
    APL_1996,
    ALL,
    ACL,
    NOISE_LAW,
    RECONSIDERATION_LAW,
    LITIGATION_LAW,
    GOVINFO,
    BUSINESS_ENVIRONMENT,
    OPINION_118,
    OPINION_2022_27,
    PLAN_2023_27,
    OPINION_54,
    OPINION_54_QA,
    CODE_OF_CONDUCT,
    MOJ_CASES_2,
    SAMR_PROCEDURE,
    SAMR_PUBLICITY,
)
