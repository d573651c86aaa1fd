"""The national instruments the pack cites: one registry, one name and one in-force date each.

Every rule cites provisions as ``APL.art("60")`` and declares its validity with the
instrument's own date (``valid_from=APL.in_force``), so 2021-07-15 has one name. Only national
law is here (laws, State Council regulations and documents, ministry rules); local law — a
city's inspection caps, a province's certificate rules — lives in a local profile and is cited
only where a deployment names it (``docs/guide/local-profiles.md``). One entry is not law:
:data:`PROJECT_DEFAULTS`, cited (marked U) where a rule or a number is the project's own
default because the catalog found no national provision.
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
    "CIVIL_PROCEDURE_LAW",
    "CIVIL_PROCEDURE_LAW_2012",
    "CODE_OF_CONDUCT",
    "GOVINFO",
    "LITIGATION_INTERPRETATION",
    "LITIGATION_LAW",
    "LITIGATION_LAW_2014",
    "MAJOR_DECISIONS",
    "MOJ_CASES_2",
    "NOISE_LAW",
    "NORMATIVE_DOCUMENTS_NOTICE",
    "NORMATIVE_REVIEW_OPINION",
    "OPINION_54",
    "OPINION_54_QA",
    "OPINION_118",
    "OPINION_2022_27",
    "PETITION_REGULATION",
    "PLAN_2023_27",
    "PROJECT_DEFAULTS",
    "RECONSIDERATION_LAW",
    "RECONSIDERATION_LAW_2017",
    "SAMR_PROCEDURE",
    "SAMR_PUBLICITY",
]

_NPCSC = "全国人民代表大会常务委员会"
_STATE_COUNCIL = "国务院"
_GENERAL_OFFICE = "国务院办公厅"
_MOJ = "司法部"
_SAMR = "国家市场监督管理总局"
_NPC = "全国人民代表大会"

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
#: The text before the 2023 revision (1999, amended 2009 and 2017): its ten reply days were
#: calendar days (Art. 40 made only "五日、七日" working days).
RECONSIDERATION_LAW_2017 = Instrument(
    id="reconsideration-law-2017",
    title="中华人民共和国行政复议法（1999年公布，2009年、2017年修正）",
    short_title="行政复议法（2017年修正）",
    title_en="Administrative Reconsideration Law (1999, amended 2009 and 2017)",
    issuer=_NPCSC,
    in_force=dt.date(1999, 10, 1),
    repealed=dt.date(2024, 1, 1),
)
#: 行政诉讼法 as amended in 2014 (in force 2015-05-01): Arts. 3(3), 34(2), 67 and 101 as the
#: 2017 amendment left them.
LITIGATION_LAW_2014 = Instrument(
    id="litigation-law-2014",
    title="中华人民共和国行政诉讼法（2014年修正）",
    short_title="行政诉讼法（2014年修正）",
    title_en="Administrative Litigation Law (as amended in 2014)",
    issuer=_NPCSC,
    in_force=dt.date(2015, 5, 1),
    repealed=dt.date(2017, 7, 1),
)
#: 法释〔2018〕1号: the court's evidence period in the simple procedure (Art. 104) and the head's
#: appearance in court (Arts. 128–132).
LITIGATION_INTERPRETATION = Instrument(
    id="spc-litigation-interpretation-2018",
    title="最高人民法院关于适用《中华人民共和国行政诉讼法》的解释",
    short_title="行诉法解释",
    title_en="Supreme People's Court Interpretation on the Administrative Litigation Law",
    issuer="最高人民法院",
    number="法释〔2018〕1号",
    in_force=dt.date(2018, 2, 8),
)
#: 民事诉讼法 as revised in 2021 (in force 2022-01-01; Art. 85 on periods, unchanged by the
#: 2023 amendment). Reconsideration (复议法 Art. 88(1)) and litigation (诉讼法 Art. 101) count
#: their periods by it.
CIVIL_PROCEDURE_LAW = Instrument(
    id="civil-procedure-law-2021",
    title="中华人民共和国民事诉讼法",
    short_title="民事诉讼法",
    title_en="Civil Procedure Law",
    issuer=_NPC,
    in_force=dt.date(2022, 1, 1),
)
#: The 2012 text (amended 2017), in which the article on periods was Art. 82.
CIVIL_PROCEDURE_LAW_2012 = Instrument(
    id="civil-procedure-law-2012",
    title="中华人民共和国民事诉讼法（2012年修正，2017年修正）",
    short_title="民事诉讼法（2017年修正）",
    title_en="Civil Procedure Law (as amended in 2012 and 2017)",
    issuer=_NPC,
    in_force=dt.date(2013, 1, 1),
    repealed=dt.date(2022, 1, 1),
)
#: 信访工作条例 (issued by the Party Central Committee and the State Council, published
#: 2022-02-25, in force 2022-05-01).
PETITION_REGULATION = Instrument(
    id="petition-work-regulation-2022",
    title="信访工作条例",
    short_title="信访工作条例",
    title_en="Regulation on Petition Work",
    issuer="中共中央、国务院",
    in_force=dt.date(2022, 5, 1),
)
#: 国务院令第713号; Art. 42 applies it to township governments by analogy.
MAJOR_DECISIONS = Instrument(
    id="state-council-decree-713",
    title="重大行政决策程序暂行条例",
    short_title="重大行政决策程序暂行条例",
    title_en="Interim Regulation on Major Administrative Decision-Making Procedures",
    issuer=_STATE_COUNCIL,
    number="国务院令第713号",
    in_force=dt.date(2019, 9, 1),
)
#: 国办发〔2018〕115号: the legality review of normative documents (its review time of 5 to 15
#: working days is not verified by the catalog).
NORMATIVE_REVIEW_OPINION = Instrument(
    id="guobanfa-2018-115",
    title="国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见",
    short_title="国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见"
    "（国办发〔2018〕115号）",
    title_en="State Council General Office Guiding Opinions on the legality review of "
    "normative documents (Guobanfa [2018] No. 115)",
    issuer=_GENERAL_OFFICE,
    number="国办发〔2018〕115号",
)
#: 国办发〔2018〕37号: making and supervising normative documents, filing included
#: ("有件必备、有备必审、有错必纠").
NORMATIVE_DOCUMENTS_NOTICE = Instrument(
    id="guobanfa-2018-37",
    title="国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知",
    short_title="国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）",
    title_en="State Council General Office Notice on making and supervising normative "
    "documents (Guobanfa [2018] No. 37)",
    issuer=_GENERAL_OFFICE,
    number="国办发〔2018〕37号",
)
#: Not law: the project's own default where the catalog found no national provision (mark U,
#: docs/catalog/interpretations.md#unverified) — a contract reviewed before it is signed, a
#: filing period. Findings cite it as what it is; a deployment with a local rule of its own
#: sets the number from a local profile, whose local instrument is then cited where named.
PROJECT_DEFAULTS = Instrument(
    id="esup-project-defaults",
    title="行政执法监督系统默认规则（无全国性规定的事项，见解释选择说明）",
    short_title="本系统默认规则（无全国性规定）",
    title_en="the project's own default (no national provision; see the interpretation choices)",
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
    RECONSIDERATION_LAW_2017,
    LITIGATION_LAW,
    LITIGATION_LAW_2014,
    LITIGATION_INTERPRETATION,
    CIVIL_PROCEDURE_LAW,
    CIVIL_PROCEDURE_LAW_2012,
    PETITION_REGULATION,
    MAJOR_DECISIONS,
    NORMATIVE_REVIEW_OPINION,
    NORMATIVE_DOCUMENTS_NOTICE,
    PROJECT_DEFAULTS,
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
