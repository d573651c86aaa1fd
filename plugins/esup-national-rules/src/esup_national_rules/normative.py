"""Rules of docs/catalog/rules.md#normative-documents-and-contracts: 规范性文件与合同
("有件必备、有备必审、有错必纠").

A normative document (行政规范性文件) may not create penalties, licences or obligations without
a basis in law (行政处罚法 Art. 16, 行政许可法 Art. 17, 优化营商环境条例 Art. 64); it is
reviewed for legality before issue (优化营商环境条例 Art. 63(2); the review time of 国办发
〔2018〕115号 is a number the catalog could not verify); a business-related one is put to public
consultation for generally not fewer than 30 days (Art. 62(2)); and it is filed with the level
above within the period a local rule sets (``filing_rule``, the project's default until a
local profile sets the local one). A contract the township signs is reviewed for legality
first: no national statute requires it of every contract, so CONTRACT-REVIEW is the project's
own default (U, cited as such), following the seed township's rule that its legal adviser
gives a written opinion on every contract (docs/catalog/interpretations.md#contract-min-amount).

The number of working days of a review is counted on the official calendar: make-up working
days count, holiday blocks do not.

**Agencies and dates.** A township's normative documents are issued in the name of the
township government, so the document rules are declared ``township_wide`` (a finding names the
issuing body the record gives); a contract belongs to the body that signed it. A document is
judged once issued: the date of the facts is the day of issue (a document that creates a
penalty, a review missing, late or unlawful at issue, a consultation missing), the day a call
that was too short opened, the day a review that was too short ended, or the first day past
the filing deadline; a contract's is the day it was signed.

**The same day.** A legality opinion given on the day of issue or of signature counts as
before it (the order within the day is unknown; as for the legal review of penalties).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import attrs

from enforcement_supervision.model import (
    AdministrativeContract,
    LegalityConclusion,
    LegalityReview,
    NormativeDocument,
)
from enforcement_supervision.rules import Context, Message, Parameter, Rule, Text, rule
from enforcement_supervision.statutory_time import Deadline
from esup_national_rules._bounds import nth_working_day_or_none
from esup_national_rules._law import (
    ALL,
    APL,
    APL_1996,
    NORMATIVE_DOCUMENTS_NOTICE,
    NORMATIVE_REVIEW_OPINION,
    PROJECT_DEFAULTS,
)
from esup_national_rules._law import BUSINESS_ENVIRONMENT as BE
from esup_national_rules._licensing_periods import working_day_notes
from esup_national_rules._penalty_common import deadline_unless_decided

__all__ = [
    "RULES",
    "FilingRule",
    "contract_review",
    "normative_consultation",
    "normative_filing",
    "normative_legality",
    "normative_no_penalty",
    "parse_filing_rule",
]

RECORD = "normative-document"


def _document_day(document: NormativeDocument) -> dt.date | None:
    return document.issued_date or document.published_date


# --------------------------------------------------------------------------------------------
# NORM-NO-PENALTY


@rule(
    id="NORM-NO-PENALTY",
    title_zh="规范性文件不得设定处罚",
    title_en="Documents may not create penalties",
    category="abuse",
    severity="S1",
    legal_basis=[APL.art("16"), APL_1996.art("14"), ALL.art("17"), BE.art("64", "1")],
    applies_to=RECORD,
    valid_from=APL_1996.in_force,
    facts_date=_document_day,
    township_wide=True,
    messages={
        "penalty": Message(
            zh="规范性文件《{title}》设定了行政处罚；法律、法规、规章以外的规范性文件不得设定"
            "行政处罚",
            en='normative document "{title}" creates an administrative penalty, which only '
            "laws, regulations and rules may do",
            articles=[APL.art("16")],
        ),
        "penalty-1996": Message(
            zh="规范性文件《{title}》设定了行政处罚；法律、法规、规章以外的规范性文件不得设定"
            "行政处罚",
            en='normative document "{title}" creates an administrative penalty, which only '
            "laws, regulations and rules may do",
            articles=[APL_1996.art("14")],
        ),
        "licence": Message(
            zh="规范性文件《{title}》设定了行政许可；其他规范性文件一律不得设定行政许可",
            en='normative document "{title}" creates a licence requirement, which no other '
            "normative document may do",
            articles=[ALL.art("17")],
        ),
        "obligation": Message(
            zh="规范性文件《{title}》没有法律、法规或者国务院决定和命令依据，减损市场主体合法"
            "权益或者增加其义务",
            en='normative document "{title}" cuts rights or adds obligations of businesses '
            "without a basis in a law, a regulation or a State Council decision",
            articles=[BE.art("64", "1")],
        ),
    },
)
def normative_no_penalty(document: NormativeDocument, ctx: Context) -> None:
    """Flags a normative document that creates a penalty, creates a licence, or cuts rights
    or adds obligations without a basis in law.

    Each content flag is its own finding (keys ``penalty``, ``licence``, ``obligation``),
    judged once the document is issued (or published), under the text in force on that day:
    penalties from 1996-10-01 (行政处罚法 1996 Art. 14, since 2021-07-15 Art. 16), licences from
    2004-07-01 (行政许可法 Art. 17), obligations without basis from 2020-01-01 (优化营商环境条例
    Art. 64). The findings are dated the day of issue. No two dates are compared.

    ## Why
    行政处罚法 Art. 16: "除法律、法规、规章外，其他规范性文件不得设定行政处罚"; 行政许可法
    Art. 17: "除本法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可"; 优化营商
    环境条例 Art. 64(1): "没有法律、法规或者国务院决定和命令依据的，行政规范性文件不得减损市场
    主体合法权益或者增加其义务".

    ## Example that flags
    A township's village sanitation rules that fine littering 200 yuan (``creates_penalty =
    true``) → S1.

    ## Example that does not flag
    Rules that restate the fines of 固体废物污染环境防治法 without creating new ones.

    ## Configuration
    None.
    """
    day = _document_day(document)
    if day is None:
        return  # a draft: judged when it is issued
    base = {"title": document.title, "document_number": document.document_number}
    if document.creates_penalty is True:
        kind = "penalty" if APL.in_force_on(day) else "penalty-1996"
        ctx.finding(kind, key="penalty", fact_date=day, facts=base)
    if document.creates_licence is True and ALL.in_force_on(day):
        ctx.finding("licence", key="licence", fact_date=day, facts=base)
    if document.adds_obligations_without_basis is True and BE.in_force_on(day):
        ctx.finding("obligation", key="obligation", fact_date=day, facts=base)


# --------------------------------------------------------------------------------------------
# Legality reviews (documents and contracts)


@attrs.frozen(kw_only=True)
class _ReviewProblem:
    kind: str
    #: The day of the facts: the issue or signature, or the end of a review that was too short.
    day: dt.date
    facts: dict[str, Any]


def _review_problems(
    review: LegalityReview | None, before: dt.date, ctx: Context, minimum: int | None
) -> list[_ReviewProblem]:
    """What is wrong with a legality review that had to be done by ``before`` (the day of
    issue or signature): missing, done after, unlawful, or shorter than ``minimum`` working
    days. An opinion given on the day itself counts as before it."""
    if review is None or review.completed_date is None:
        return [_ReviewProblem(kind="missing", day=before, facts={"completed_date": None})]
    completed = review.completed_date
    facts: dict[str, Any] = {
        "submitted_date": review.submitted_date,
        "completed_date": completed,
        "result": review.result,
    }
    problems: list[_ReviewProblem] = []
    if completed > before:
        problems.append(_ReviewProblem(kind="after", day=before, facts=facts))
    if review.result == LegalityConclusion.UNLAWFUL:
        problems.append(_ReviewProblem(kind="unlawful", day=before, facts=facts))
    submitted = review.submitted_date
    if minimum is not None and submitted is not None and submitted <= completed:
        working = ctx.calendar.working_days_between(submitted, completed)
        if working < minimum:
            problems.append(
                _ReviewProblem(
                    kind="short",
                    day=completed,
                    facts={
                        **facts,
                        "working_days": working,
                        "calendar_days": (completed - submitted).days,
                        "minimum": minimum,
                        "earliest_completed_date": nth_working_day_or_none(ctx, submitted, minimum),
                    },
                )
            )
    return problems


def _report_review_problems(
    ctx: Context, problems: list[_ReviewProblem], base: dict[str, Any]
) -> None:
    """One finding per problem; a review that comes after the act keeps the key of the
    missing one (the same finding once the opinion is given)."""
    for problem in problems:
        key = "missing" if problem.kind == "after" else problem.kind
        ctx.finding(problem.kind, key=key, fact_date=problem.day, facts={**base, **problem.facts})


# --------------------------------------------------------------------------------------------
# NORM-LEGALITY

_LEGALITY_ARTICLES = [BE.art("63", "2"), NORMATIVE_REVIEW_OPINION.art(verification="V2")]


@rule(
    id="NORM-LEGALITY",
    title_zh="合法性审核",
    title_en="Legality review",
    category="procedure",
    severity="S1",
    legal_basis=_LEGALITY_ARTICLES,
    applies_to=RECORD,
    parameters=(
        Parameter(
            name="min_review_working_days",
            default=5,
            unit="working days",
            source=NORMATIVE_REVIEW_OPINION.art(verification="U"),
            doc="合法性审核的最短时间（国办发〔2018〕115号：一般不少于5个工作日，最长不超过15个"
            "工作日；U，docs/catalog/interpretations.md#min-review-working-days）/ shortest "
            "legality review (国办发〔2018〕115号: generally 5 to 15 working days; unverified)",
        ),
    ),
    valid_from=BE.in_force,
    facts_date=_document_day,
    township_wide=True,
    messages={
        "missing": Message(
            zh="规范性文件《{title}》{issued_date} 印发前未经合法性审核",
            en='normative document "{title}" was issued on {issued_date} without a legality review',
            articles=_LEGALITY_ARTICLES,
        ),
        "after": Message(
            zh="规范性文件《{title}》{issued_date} 已印发，合法性审核意见 {completed_date} 才出具",
            en='normative document "{title}" was issued on {issued_date}; the legality review '
            "opinion came only on {completed_date}",
            articles=_LEGALITY_ARTICLES,
        ),
        "unlawful": Message(
            zh="规范性文件《{title}》经合法性审核不合法，仍于 {issued_date} 印发",
            en='normative document "{title}" was found unlawful by the legality review and '
            "still issued on {issued_date}",
            articles=_LEGALITY_ARTICLES,
        ),
        "short": Message(
            zh="规范性文件《{title}》合法性审核 {submitted_date} 送审、{completed_date} 出具意见，"
            "仅 {working_days} 个工作日，不足 {minimum} 个工作日",
            en='normative document "{title}": legality review from {submitted_date} to '
            "{completed_date}, {working_days} working days, fewer than {minimum}",
            articles=[NORMATIVE_REVIEW_OPINION.art(verification="U")],
        ),
    },
)
def normative_legality(document: NormativeDocument, ctx: Context) -> None:
    """Flags a normative document issued without a legality review before issue, after an
    "unlawful" opinion, or after a review shorter than the minimum.

    Applies to issued documents (``issued_date``) unless recorded as not touching anyone's
    rights and obligations (``affects_rights = false``): a 行政规范性文件 is by definition one
    that does. The review must be completed on or before the day of issue. A review missing,
    late or unlawful is dated the day of issue; a review that was too short, the day its
    opinion was given. **The same day:** an opinion given on the day of issue counts as
    before it.

    ## Why
    优化营商环境条例 Art. 63(2): "制定涉及市场主体权利义务的行政规范性文件，应当按照国务院的
    规定进行合法性审核"; 国办发〔2018〕115号: every normative document is reviewed before issue,
    "一般不少于5个工作日，最长不超过15个工作日" (number not verified).

    ## Example that flags
    Rules issued 2025-04-14 with no legality review → S1; or a review from 2025-09-29 to
    2025-10-09: 2 working days across the National Day block.

    ## Example that does not flag
    A review submitted 2025-03-31 and completed 2025-04-09 (6 working days), issued
    2025-04-14.

    ## Configuration
    ``min_review_working_days`` (default 5, unverified).
    """
    issued = document.issued_date
    if issued is None or document.affects_rights is False:
        return
    minimum = int(ctx.param("min_review_working_days"))
    problems = _review_problems(document.legality_review, issued, ctx, minimum)
    _report_review_problems(ctx, problems, {"title": document.title, "issued_date": issued})


# --------------------------------------------------------------------------------------------
# NORM-CONSULT-30D

_CONSULT_ARTICLES = [BE.art("62", "2")]


@rule(
    id="NORM-CONSULT-30D",
    title_zh="征求意见",
    title_en="Consultation period",
    category="procedure",
    severity="S2",
    legal_basis=_CONSULT_ARTICLES,
    applies_to=RECORD,
    parameters=(
        Parameter(
            name="min_consultation_days",
            default=30,
            unit="days",
            source=BE.art("62", "2"),
            doc="公开征求意见的最短期限（优化营商环境条例第62条第2款：一般不少于30日）/ shortest "
            "public consultation (Art. 62(2): generally not fewer than 30 days)",
        ),
    ),
    valid_from=BE.in_force,
    facts_date=_document_day,
    township_wide=True,
    messages={
        "missing": Message(
            zh="与市场主体生产经营活动密切相关的规范性文件《{title}》{issued_date} 印发，未向社会"
            "公开征求意见",
            en='business-related normative document "{title}" was issued on {issued_date} '
            "without a public consultation",
            articles=_CONSULT_ARTICLES,
        ),
        "short": Message(
            zh="与市场主体生产经营活动密切相关的规范性文件《{title}》公开征求意见 {start_date} 至 "
            "{end_date}，仅 {days} 日，不足 {minimum} 日",
            en='business-related normative document "{title}": public consultation '
            "{start_date} to {end_date}, {days} days, fewer than {minimum}",
            articles=_CONSULT_ARTICLES,
        ),
    },
)
def normative_consultation(document: NormativeDocument, ctx: Context) -> None:
    """Flags a business-related normative document issued without a public consultation, or
    after one shorter than 30 days without a stated reason.

    Applies to issued documents marked ``business_related = true`` and not confidential. The
    length is ``end_date - start_date`` in calendar days; a reason recorded with the call
    (``urgency_reason``) allows a shorter one ("一般不少于"). A missing consultation is dated
    the day of issue, a short one the day the call opened (its closing day is announced with
    it).

    ## Why
    优化营商环境条例 Art. 62(2): "除依法需要保密外，制定与市场主体生产经营活动密切相关的……行政
    规范性文件，应当通过报纸、网络等向社会公开征求意见……向社会公开征求意见的期限一般不少于
    30日".

    ## Example that flags
    A market-stall regulation consulted on from 2025-03-03 to 2025-03-23 (20 days) → S2.

    ## Example that does not flag
    Consulted on from 2025-07-07 to 2025-08-06 (30 days).

    ## Configuration
    ``min_consultation_days`` (default 30).
    """
    issued = document.issued_date
    if issued is None or document.business_related is not True or document.confidential is True:
        return
    consultation = document.consultation
    base: dict[str, Any] = {"title": document.title, "issued_date": issued}
    if consultation is None:
        ctx.finding("missing", key="consultation", fact_date=issued, facts=base)
        return
    if consultation.end_date is None:
        return
    minimum = int(ctx.param("min_consultation_days"))
    start, end = consultation.start_date, consultation.end_date
    days = (end - start).days
    if days >= minimum or consultation.urgency_reason:
        return
    ctx.finding(
        "short",
        key="consultation",
        fact_date=start,
        facts={
            **base,
            "start_date": start,
            "end_date": end,
            "days": days,
            "minimum": minimum,
            "earliest_end_date": start + dt.timedelta(days=minimum),
        },
    )


# --------------------------------------------------------------------------------------------
# NORM-FILING

_FILING_RULE = re.compile(r"^\s*(\d+)\s*(CD\+R|CD|WD)\s+after\s+(issue|publication)\s*$", re.I)
_FILING_PERIODS = {
    "CD": Message(zh="{event}之日起 {days} 日", en="{days} days after {event}"),
    "CD+R": Message(
        zh="{event}之日起 {days} 日（末日为休息日顺延）",
        en="{days} days after {event}, rolled over a rest day",
    ),
    "WD": Message(zh="{event}之日起 {days} 个工作日", en="{days} working days after {event}"),
}
_FILING_EVENTS = {
    "issue": Text(zh="印发", en="issue"),
    "publication": Text(zh="公布", en="publication"),
}


@attrs.frozen(kw_only=True)
class FilingRule:
    """A local filing rule: ``days`` in ``counting`` after the ``start`` event."""

    days: int
    counting: str
    start: str

    def text(self) -> Text:
        """The rule in words, in both languages."""
        event = _FILING_EVENTS[self.start]
        period = _FILING_PERIODS[self.counting]
        return Text(
            zh=period.render({"event": event.zh, "days": self.days}, "zh"),
            en=period.render({"event": event.en, "days": self.days}, "en"),
        )


def parse_filing_rule(value: Any) -> str:
    """Check a ``filing_rule`` setting (``"30 CD+R after publication"``, ``"3 WD after
    issue"``) and return it normalised."""
    match = _FILING_RULE.match(str(value))
    if match is None or int(match.group(1)) <= 0:
        raise ValueError(
            f"{value!r} is not a filing rule like '30 CD+R after publication' or '3 WD after issue'"
        )
    return f"{int(match.group(1))} {match.group(2).upper()} after {match.group(3).lower()}"


def _filing_rule(text: str) -> FilingRule:
    match = _FILING_RULE.match(text)
    assert match is not None
    return FilingRule(
        days=int(match.group(1)), counting=match.group(2).upper(), start=match.group(3).lower()
    )


_FILING_ARTICLES = [NORMATIVE_DOCUMENTS_NOTICE.art(verification="U")]


@rule(
    id="NORM-FILING",
    title_zh="备案",
    title_en="Filing with the higher level",
    category="supervision-mechanism",
    severity="S3",
    legal_basis=_FILING_ARTICLES,
    applies_to=RECORD,
    parameters=(
        Parameter(
            name="filing_rule",
            default="30 CD+R after publication",
            converter=parse_filing_rule,
            source=PROJECT_DEFAULTS.art(verification="U"),
            doc="本地规范性文件报送备案期限（U，各地规定不同，例如“公布之日起30日内”或“印发之日起"
            "3个工作日内”；docs/catalog/interpretations.md#filing-rule）：“<天数> "
            "<CD|CD+R|WD> after <publication|issue>”，默认 "
            '"30 CD+R after publication" / the local filing rule (U; examples seen: 30 days '
            "after publication, 3 working days after issue) as '<n> <CD|CD+R|WD> after "
            "<publication|issue>', default '30 CD+R after publication'",
        ),
    ),
    facts_date=_document_day,
    township_wide=True,
    messages={
        "late": Message(
            zh="规范性文件《{title}》应于{rule}内（截至 {deadline}）报送备案，{filed_date} 才报送",
            en='normative document "{title}" was to be filed within {rule} (by {deadline}); '
            "filed only on {filed_date}",
            articles=_FILING_ARTICLES,
        ),
        "missing": Message(
            zh="规范性文件《{title}》应于{rule}内（截至 {deadline}）报送备案，期限已届满，尚未报送",
            en='normative document "{title}" was to be filed within {rule} (by {deadline}); the '
            "period has passed and it is not filed",
            articles=_FILING_ARTICLES,
        ),
    },
)
def normative_filing(document: NormativeDocument, ctx: Context) -> None:
    """Flags a normative document filed with the level above later than the local filing
    rule allows, or not filed when the period has passed.

    The period is local: ``filing_rule`` names the days, their counting and the event they
    run from. The default — the project's own, cited as such (U) — is 30 days after
    publication, a last day on a rest day rolled over (as for rules, 法规规章备案条例 Art. 3); a
    county that uses "3 working days after issue" sets ``filing_rule = "3 WD after issue"``
    (or a local profile sets it, citing the county's rule where the deployment names it). A
    document without the start date is not judged. A late filing is dated its day, a missing
    one the first day past the deadline. **The same day:** filing on the last day is in time.

    ## Why
    The principle "有件必备、有备必审、有错必纠" (国办发〔2018〕37号; filing periods set by
    provincial rules, not verified). The seed township files its documents and contracts with
    the justice office.

    ## Example that flags
    Published Monday 2025-09-08: 30 days end Wednesday 2025-10-08, inside the National Day
    block, rolled over to Thursday 2025-10-09; filed Friday 2025-10-10 → S3.

    ## Example that does not flag
    Filed 2025-10-09; or, with ``filing_rule = "3 WD after issue"``, issued Friday 2025-09-26
    and filed Tuesday 2025-09-30 (Sunday 09-28 is a make-up working day).

    ## Configuration
    ``filing_rule`` (default ``"30 CD+R after publication"``; U).
    """
    setting = _filing_rule(str(ctx.param("filing_rule")))
    start = document.published_date if setting.start == "publication" else document.issued_date
    if start is None:
        return
    filed = document.filed_date
    event = _FILING_EVENTS[setting.start]

    def build(code: str) -> Deadline:
        return ctx.deadline(
            start, setting.days, code, start_label=event.zh, start_label_en=event.en
        )

    deadline = deadline_unless_decided(
        ctx, filed, lambda: build(setting.counting), lambda: build("CD")
    )
    if deadline is None or not ctx.late(deadline, filed, label="备案期限 / filing deadline"):
        return
    ctx.finding(
        "late" if filed is not None else "missing",
        key="filing",
        facts={
            "title": document.title,
            "start_date": start,
            "filed_date": filed,
            "deadline": deadline.due_date,
            "rule": setting.text(),
            "filing_body": document.filing_body,
        },
        notes=working_day_notes(ctx, deadline) if deadline.unit.value == "WD" else [],
    )


# --------------------------------------------------------------------------------------------
# CONTRACT-REVIEW

_CONTRACT_ARTICLES = [PROJECT_DEFAULTS.art(verification="U")]


def _signed(contract: AdministrativeContract) -> dt.date | None:
    return contract.signed_date


@rule(
    id="CONTRACT-REVIEW",
    title_zh="合同合法性审查",
    title_en="Legality review of contracts",
    category="procedure",
    severity="S3",
    legal_basis=_CONTRACT_ARTICLES,
    applies_to="contract",
    parameters=(
        Parameter(
            name="contract_min_amount",
            default=Decimal(0),
            unit="yuan",
            doc="需经合法性审查的合同金额下限（U，本系统默认，各地规定不同；"
            "docs/catalog/interpretations.md#contract-min-amount；默认 0：每份合同都审查）/ "
            "contracts of at least this value are reviewed (U, the project's default; local "
            "rules differ; default 0: every contract)",
        ),
    ),
    facts_date=_signed,
    messages={
        "missing": Message(
            zh="合同《{title}》{signed_date} 签订，签订前未经法律顾问合法性审查（无书面审查意见）",
            en='contract "{title}" was signed on {signed_date} without a prior legality review '
            "(no written opinion)",
            articles=_CONTRACT_ARTICLES,
        ),
        "after": Message(
            zh="合同《{title}》{signed_date} 已签订，合法性审查意见 {completed_date} 才出具",
            en='contract "{title}" was signed on {signed_date}; the legality review opinion '
            "came only on {completed_date}",
            articles=_CONTRACT_ARTICLES,
        ),
        "unlawful": Message(
            zh="合同《{title}》经合法性审查不合法，仍于 {signed_date} 签订",
            en='contract "{title}" was found unlawful by the legality review and still signed '
            "on {signed_date}",
            articles=_CONTRACT_ARTICLES,
        ),
    },
)
def contract_review(contract: AdministrativeContract, ctx: Context) -> None:
    """Flags a contract signed without a written legality review before signing, or after an
    "unlawful" opinion.

    No national statute requires the review of every contract (catalog: U): the rule is the
    project's own default, cited as such, taken from the seed township's rule ("凡是镇直部门
    签订的合同，各法律顾问需出具书面的审查意见"). A deployment without such a rule switches it
    off (``enabled = false``); one with a threshold sets ``contract_min_amount``. A contract
    below it is not judged; a contract whose value is not recorded is. The finding goes to the
    body that signed the contract and is dated the day of signature. **The same day:** an
    opinion given on the day of signature counts as before it.

    ## Why
    The seed township's report on law-based government: every contract is reviewed by the
    legal adviser in writing, and the opinion and the signed contract are filed with the
    justice office — "有件必备、有备必审、有错必纠".

    ## Example that flags
    A building-repair contract of 328,500 yuan signed 2025-08-18 with no review → S3.

    ## Example that does not flag
    A cleaning contract reviewed on 2025-02-14 and signed 2025-02-18.

    ## Configuration
    ``contract_min_amount`` (default 0; U).
    """
    signed = contract.signed_date
    if signed is None:
        return
    minimum = Decimal(ctx.param("contract_min_amount"))
    if contract.amount is not None and contract.amount < minimum:
        return
    problems = _review_problems(contract.legality_review, signed, ctx, None)
    base = {"title": contract.title, "signed_date": signed, "amount": contract.amount}
    _report_review_problems(ctx, problems, base)


RULES: tuple[Rule, ...] = (
    normative_no_penalty,
    normative_legality,
    normative_consultation,
    normative_filing,
    contract_review,
)
