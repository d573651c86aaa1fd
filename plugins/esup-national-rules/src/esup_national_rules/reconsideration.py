"""Rules of docs/catalog/rules.md#reconsideration-and-litigation, reconsideration part:
行政复议法 — the 2023 revision in force from 2024-01-01, and the 1999 text (amended 2009 and
2017) before it.

**The two texts differ in counting.** The respondent's reply and evidence are due "十日内" of
receiving the copy of the application in both (2023 Art. 48; old Art. 23). The 2023 text makes
the "三日、五日、七日、十日" of the law working days (Art. 88(2)); the old text made only "五日、
七日" working days (old Art. 40(2)), so its ten days were calendar days counted under 民事诉讼法
(old Art. 40(1)), a last day on a rest day rolling over. The 2023 text also brings the simple
procedure (Art. 54: five days, working days). The reviewing organ's 60 days (+ at most 30) are
calendar days under both (2023 Art. 62 and 88(1); old Art. 31 and 40(1)), rolled over as
民事诉讼法 Art. 85 (before 2022: Art. 82) does — the rollover is the law here, not a reading;
the 2023 text asks the extension to be approved by the head of the reconsideration office and
notified in writing, the old one approved by the head of the organ and told to the parties.
The law applied is the one in force on the day the period started (the copy received; the
application accepted). Each text's path is a message kind of its own, citing that text.

**Consequence.** A respondent that does not reply and hand over its evidence in time has the
act treated as having no evidence or basis (2023 Art. 70; old Art. 28(1)(4)); the statement of
reasons says so.

**Agencies and dates.** REV-REPLY's findings go to the respondent, REV-DECISION's to the
reviewing organ: the body that recorded the reconsideration in each role. The date of the
facts is the day of the late act, or the first day past the deadline while it is missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from enforcement_supervision.model import ProceedingRole, Reconsideration, RemedyProcedure
from enforcement_supervision.rules import (
    Context,
    DatedValue,
    LegalBasis,
    Message,
    Parameter,
    Rule,
    Text,
    rule,
)
from enforcement_supervision.statutory_time import Deadline, Extension
from esup_national_rules._law import (
    CIVIL_PROCEDURE_LAW,
    CIVIL_PROCEDURE_LAW_2012,
)
from esup_national_rules._law import RECONSIDERATION_LAW as NEW
from esup_national_rules._law import RECONSIDERATION_LAW_2017 as OLD
from esup_national_rules._licensing_periods import working_day_notes
from esup_national_rules._penalty_common import deadline_unless_decided
from esup_national_rules._texts import joined, part

__all__ = ["RULES", "civil_procedure_periods", "reconsideration_decision", "reconsideration_reply"]

RECORD = "reconsideration"


def civil_procedure_periods(day: dt.date) -> LegalBasis:
    """The article of 民事诉讼法 on periods in force on ``day``: Art. 85 of the 2021 text
    (from 2022-01-01), Art. 82 of the 2012/2017 text before it."""
    if CIVIL_PROCEDURE_LAW.in_force_on(day):
        return CIVIL_PROCEDURE_LAW.art("85")
    return CIVIL_PROCEDURE_LAW_2012.art("82")


def _copy_received(record: Reconsideration) -> dt.date | None:
    return record.copy_received_date


def _accepted(record: Reconsideration) -> dt.date | None:
    return record.accepted_date


def _is_reviewing_organ(record: Reconsideration) -> bool:
    return record.role == ProceedingRole.REVIEWING_ORGAN


# Parts of finding texts.
_REPLY = Text(zh="书面答复", en="the written reply")
_EVIDENCE = Text(zh="证据、依据", en="the evidence and basis")
_NO_SIMPLE_PROCEDURE = (
    "2024-01-01 前无简易程序，按普通程序十日计算",
    "no simple procedure before 2024-01-01: the ordinary ten days apply",
)
_EXTENDED = Message(zh=" + 延长 {days} 日", en=" + {days} days' extension")
_NOT_EXTENDED = Text(zh="", en="")
_EXTENSION_NOT_APPROVED = (
    "延长未经负责人批准，不计入",
    "extension not approved by the head: not counted",
)
_EXTENSION_NOT_IN_WRITING = (
    "延长未书面告知当事人，不计入",
    "extension not notified in writing: not counted",
)
_EXTENSION_NOT_TOLD = (
    "延长未告知申请人和被申请人，不计入",
    "extension not told to the parties: not counted",
)


# --------------------------------------------------------------------------------------------
# REV-REPLY

_REPLY_NEW = [NEW.art("48"), NEW.art("70"), NEW.art("88", "2")]
_REPLY_SIMPLE = [NEW.art("54"), NEW.art("70"), NEW.art("88", "2")]
_REPLY_OLD = [OLD.art("23", "1"), OLD.art("28", "1", "4"), OLD.art("40")]
_CONSEQUENCE_NEW_ZH = "依《行政复议法》第七十条，视为该行政行为没有证据、依据"
_CONSEQUENCE_NEW_EN = "under Art. 70 the act is treated as having no evidence or basis"
_CONSEQUENCE_OLD_ZH = (
    "依原《行政复议法》第二十八条第一款第（四）项，视为该具体行政行为没有证据、依据"
)
_CONSEQUENCE_OLD_EN = (
    "under Art. 28(1)(4) of the former text the act is treated as having no evidence or basis"
)


def _reply_messages(
    suffix: str, period_zh: str, period_en: str, consequence: tuple[str, str], articles: Any
) -> dict[str, Message]:
    zh, en = consequence
    return {
        f"late{suffix}": Message(
            zh="{copy_received_date} 收到行政复议申请书副本，答复和举证期限截至 {deadline}"
            f"（{period_zh}），{{what}}迟至 {{done_date}} 才提交；{zh}",
            en="copy of the reconsideration application received on {copy_received_date}: the "
            f"reply and evidence were due by {{deadline}} ({period_en}); {{what}} came only on "
            f"{{done_date}}; {en}",
            articles=articles,
        ),
        f"missing{suffix}": Message(
            zh="{copy_received_date} 收到行政复议申请书副本，答复和举证期限 {deadline}"
            f"（{period_zh}）已届满，尚未提交{{what}}；{zh}",
            en="copy of the reconsideration application received on {copy_received_date}: the "
            f"deadline {{deadline}} ({period_en}) has passed without {{what}}; {en}",
            articles=articles,
        ),
    }


@rule(
    id="REV-REPLY",
    title_zh="复议答复与举证",
    title_en="Reply and evidence in reconsideration",
    category="procedure",
    severity="S1",
    legal_basis=[*_REPLY_NEW, NEW.art("54"), *_REPLY_OLD],
    applies_to=RECORD,
    parameters=(
        Parameter(
            name="reply_days",
            default=10,
            unit="days",
            doc="被申请人提出书面答复、提交证据依据的期限（普通程序：2023年修订第48条、原第23条"
            "均为十日）/ the respondent's period for the reply and evidence (ordinary procedure: "
            "ten days under both texts)",
        ),
        Parameter(
            name="reply_counting",
            default="CD+R",
            source=OLD.art("40"),
            values=[DatedValue(since=NEW.since, value="WD", source=NEW.art("88", "2"))],
            choices=("CD+R", "WD"),
            doc="十日的计算方式，按收到副本之日有效的法律：2024-01-01 前为日历日并依民事诉讼法"
            "顺延（原第40条只将五日、七日规定为工作日）；此后为工作日（第88条第2款）/ how the "
            "ten days count, by the law in force on the day the copy was received: calendar "
            "days rolled over under civil procedure before 2024-01-01 (old Art. 40), working "
            "days from then (Art. 88(2))",
        ),
        Parameter(
            name="simple_reply_days",
            default=5,
            unit="working days",
            source=NEW.art("54"),
            doc="简易程序的答复期限（第54条：五日，工作日；2024-01-01 起）/ the reply period "
            "under the simple procedure (Art. 54: five working days, from 2024-01-01)",
        ),
    ),
    valid_from=OLD.in_force,
    facts_date=_copy_received,
    messages={
        **_reply_messages(
            "",
            "{days} 个工作日",
            "{days} working days",
            (_CONSEQUENCE_NEW_ZH, _CONSEQUENCE_NEW_EN),
            _REPLY_NEW,
        ),
        **_reply_messages(
            "-simple",
            "简易程序，{days} 个工作日",
            "simple procedure, {days} working days",
            (_CONSEQUENCE_NEW_ZH, _CONSEQUENCE_NEW_EN),
            _REPLY_SIMPLE,
        ),
        **_reply_messages(
            "-2017",
            "{days} 日，末日为休息日顺延",
            "{days} days, rolled over a rest day",
            (_CONSEQUENCE_OLD_ZH, _CONSEQUENCE_OLD_EN),
            _REPLY_OLD,
        ),
    },
)
def reconsideration_reply(record: Reconsideration, ctx: Context) -> None:
    """Flags a respondent whose written reply or evidence came after the deadline, or is
    still missing when it has passed; the act then counts as having no evidence or basis.

    Applies to reconsiderations in which the recording body is the respondent (``role``
    empty or ``respondent``) with a ``copy_received_date``. The deadline is 10 days from the
    copy (the simple procedure: 5 working days, from 2024-01-01), counted under the text in
    force that day. Both the reply (``reply_date``) and the evidence (``evidence_date``; when
    empty, handed over with the reply) must come by the deadline; the later of the two is the
    act judged and its day the date of the facts. **The same day:** a reply on the last
    (working) day is in time — the period ends at 24:00 of that day.

    ## Why
    行政复议法 (2023) Art. 48: "被申请人应当自收到申请书副本或者申请笔录复印件之日起十日内，
    提出书面答复，并提交作出行政行为的证据、依据和其他有关材料"; Art. 54: five days under the
    simple procedure; Art. 88(2): "三日、五日、七日、十日的规定是指工作日，不含法定休假日";
    Art. 70: "被申请人不按照本法第四十八条、第五十四条的规定提出书面答复、提交作出行政行为的
    证据、依据和其他有关材料的，视为该行政行为没有证据、依据". The 1999/2017 text (Arts. 23,
    28(1)(4), 40) had the same ten days as calendar days.

    ## Example that flags
    Copy received Friday 2025-01-24, before the Spring Festival: the 10 working days are
    Sunday 01-26 (make-up), 01-27, [01-28 … 02-04], 02-05, 02-06, 02-07, Saturday 02-08
    (make-up), 02-10, 02-11, 02-12 and 02-13 → deadline 2025-02-13; reply and evidence on
    2025-02-14 → S1, the act treated as having no evidence or basis.

    ## Example that does not flag
    Reply and evidence on 2025-02-13. Under the old text, a copy received Friday 2023-01-20
    and a reply on Monday 2023-01-30 (ten calendar days end 01-30).

    ## Configuration
    ``reply_days`` (10), ``reply_counting`` (dated: ``"CD+R"`` before 2024-01-01, ``"WD"``
    from it) and ``simple_reply_days`` (5): the periods of the two texts, not to be changed
    without a change in the law.
    """
    if _is_reviewing_organ(record):
        return
    copy = record.copy_received_date
    if copy is None:
        return
    new = NEW.in_force_on(copy)
    simple = new and record.procedure == RemedyProcedure.SIMPLE
    days = int(ctx.param("simple_reply_days" if simple else "reply_days"))
    counting = "WD" if simple else str(ctx.param("reply_counting"))
    reply = record.reply_date
    evidence = record.evidence_date or reply
    done_on = max(reply, evidence) if reply is not None and evidence is not None else None

    def build(code: str) -> Deadline:
        return ctx.deadline(
            copy, days, code, start_label="收到申请书副本", start_label_en="copy received"
        )

    deadline = deadline_unless_decided(ctx, done_on, lambda: build(counting), lambda: build("CD"))
    if deadline is None:
        return
    if not ctx.late(deadline, done_on, label="答复和举证期限 / reply deadline"):
        return
    # What was missing on the last day: a reply or evidence dated after it, or none at all.
    late = [
        text
        for text, day in ((_REPLY, reply), (_EVIDENCE, evidence))
        if day is None or not deadline.is_met_by(day)
    ]
    facts: dict[str, Any] = {
        "copy_received_date": copy,
        "reply_date": reply,
        "evidence_date": evidence,
        "done_date": done_on,
        "deadline": deadline.due_date,
        "days": days,
        "procedure": record.procedure,
        "what": joined(late),
        "treated_as_without_evidence": True,
    }
    notes: list[tuple[str, str]] = []
    if deadline.unit.value == "WD":
        notes += working_day_notes(ctx, deadline)
    if record.procedure == RemedyProcedure.SIMPLE and not new:
        notes.append(_NO_SIMPLE_PROCEDURE)
    suffix = "-simple" if simple else ("" if new else "-2017")
    kind = ("late" if done_on is not None else "missing") + suffix
    # The former text counted its ten days under 民事诉讼法 (old Art. 40(1)): cite it too.
    articles = None if new else [*_REPLY_OLD, civil_procedure_periods(copy)]
    ctx.finding(kind, key="reply", facts=facts, articles=articles, notes=notes)


# --------------------------------------------------------------------------------------------
# REV-DECISION


_DECISION_NEW = [NEW.art("62"), NEW.art("88", "1")]
_DECISION_OLD = [OLD.art("31", "1"), OLD.art("40", "1")]


def _decision_articles(new: bool, accepted: dt.date) -> list[LegalBasis]:
    """The articles a late decision applies: the text in force on the day of acceptance,
    and the article of 民事诉讼法 on periods it refers to."""
    return [*(_DECISION_NEW if new else _DECISION_OLD), civil_procedure_periods(accepted)]


def _decision_messages(suffix: str, articles: list[LegalBasis]) -> dict[str, Message]:
    return {
        f"late{suffix}": Message(
            zh="本机关作为行政复议机关 {accepted_date} 受理复议申请，决定期限截至 {deadline}"
            "（{days} 日{extension_text}，末日为休息日顺延），{decision_date} 才作出复议决定",
            en="as reviewing organ the body accepted the application on {accepted_date}: the "
            "decision was due by {deadline} ({days} days{extension_text}, rolled over a rest "
            "day) and came only on {decision_date}",
            articles=articles,
        ),
        f"missing{suffix}": Message(
            zh="本机关作为行政复议机关 {accepted_date} 受理复议申请，决定期限 {deadline}"
            "（{days} 日{extension_text}，末日为休息日顺延）已届满，尚未作出复议决定",
            en="as reviewing organ the body accepted the application on {accepted_date}: the "
            "deadline {deadline} ({days} days{extension_text}, rolled over a rest day) has "
            "passed with no decision",
            articles=articles,
        ),
    }


_EXTENSION_MESSAGE = Message(
    zh="复议决定期限延长 {extension_days} 日，超过最长 30 日",
    en="the decision period was extended by {extension_days} days, more than the 30 allowed",
)


def _decision_extension(
    record: Reconsideration, new: bool, accepted: dt.date
) -> tuple[list[Extension], list[tuple[str, str]]]:
    """The extension that counts and, when one is recorded but does not count, why."""
    ext = record.extension
    if ext is None or ext.days <= 0:
        return [], []
    if ext.approved_by_head is not True:
        return [], [_EXTENSION_NOT_APPROVED]
    written = ext.notified_in_writing is True
    told = written or ext.notified_date is not None
    if new and not written:
        return [], [_EXTENSION_NOT_IN_WRITING]
    if not told:
        return [], [_EXTENSION_NOT_TOLD]
    approved = ext.approved_date or ext.notified_date or accepted
    return [Extension(amount=min(ext.days, 30), approved_on=approved)], []


def _extension_text(days: int) -> Text:
    return part(_EXTENDED, days=days) if days else _NOT_EXTENDED


@rule(
    id="REV-DECISION",
    title_zh="复议决定期限",
    title_en="Deadline for the reconsideration decision",
    category="inaction",
    severity="S2",
    legal_basis=[
        NEW.art("62"),
        NEW.art("88", "1"),
        OLD.art("31", "1"),
        OLD.art("40", "1"),
        CIVIL_PROCEDURE_LAW.art("85"),
        CIVIL_PROCEDURE_LAW_2012.art("82"),
    ],
    applies_to=RECORD,
    valid_from=OLD.in_force,
    facts_date=_accepted,
    messages={
        **_decision_messages("", _DECISION_NEW),
        **_decision_messages("-2017", _DECISION_OLD),
        "extension": Message(
            zh=_EXTENSION_MESSAGE.zh, en=_EXTENSION_MESSAGE.en, articles=[NEW.art("62", "1")]
        ),
        "extension-2017": Message(
            zh=_EXTENSION_MESSAGE.zh, en=_EXTENSION_MESSAGE.en, articles=[OLD.art("31", "1")]
        ),
    },
)
def reconsideration_decision(record: Reconsideration, ctx: Context) -> None:
    """Flags a reconsideration decided later than its deadline by the recording body as the
    reviewing organ, or still undecided when the deadline has passed.

    Applies to reconsiderations with ``role = reviewing_organ`` and an ``accepted_date``. The
    deadline is 60 days from acceptance (a shorter period set by a law,
    ``statutory_period_days``, replaces it), plus an extension of at most 30 days that
    counts only if approved by the head (2023: of the reconsideration office) on or before the
    deadline and notified (2023: in writing); the simple procedure (from 2024-01-01) has 30
    days and no extension. Calendar days; a last day on a rest day rolls over (民事诉讼法 Art.
    85, through Art. 88(1)). An extension of more than 30 days is a finding of its own, dated
    the day it was approved. **The same day:** a decision on the last day is in time, and so
    is an extension approved on the last day of the period it extends.

    ## Why
    行政复议法 (2023) Art. 62: "适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起
    六十日内作出行政复议决定……经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；
    但是延长期限最多不得超过三十日。适用简易程序审理的行政复议案件，行政复议机关应当自受理
    申请之日起三十日内作出行政复议决定"; Art. 88(1): periods as in 民事诉讼法. Old Art. 31:
    60 days, extension "经行政复议机关的负责人批准……并告知申请人和被申请人".

    ## Example that flags
    Accepted 2025-03-03 (ordinary procedure): day 60 is Friday 2025-05-02, inside the Labour
    Day block, rolled over to Tuesday 2025-05-06; decided 2025-05-07 → S2.

    ## Example that does not flag
    Decided 2025-05-06; or with a 30-day extension approved and notified in writing on
    2025-04-25, decided 2025-06-03 (90 days end Sunday 06-01, inside the 端午 block, rolled
    over to 06-03).

    ## Configuration
    None: the periods are statutory.
    """
    if not _is_reviewing_organ(record):
        return
    accepted = record.accepted_date
    if accepted is None:
        return
    new = NEW.in_force_on(accepted)
    suffix = "" if new else "-2017"
    simple = new and record.procedure == RemedyProcedure.SIMPLE
    base = 30 if simple else 60
    if record.statutory_period_days is not None and 0 < record.statutory_period_days < base:
        base = record.statutory_period_days
    counted: list[Extension] = []
    notes: list[tuple[str, str]] = []
    if not simple:
        ext = record.extension
        if ext is not None and ext.days > 30:
            ctx.finding(
                "extension" + suffix,
                key="extension",
                fact_date=ext.approved_date or ext.notified_date or accepted,
                facts={"accepted_date": accepted, "extension_days": ext.days},
                deadlines={},
            )
        counted, notes = _decision_extension(record, new, accepted)
    decided = record.decision_date

    def build(roll: bool) -> Deadline:
        return ctx.deadline(
            accepted,
            base,
            "CD",
            rollover=roll,
            extensions=counted,
            start_label="受理复议申请",
            start_label_en="application accepted",
        )

    deadline = deadline_unless_decided(ctx, decided, lambda: build(True), lambda: build(False))
    if deadline is None:
        return
    if not ctx.late(deadline, decided, label="复议决定期限 / decision deadline"):
        return
    extended = sum(e.amount for e in deadline.extensions_counted)
    facts: dict[str, Any] = {
        "accepted_date": accepted,
        "decision_date": decided,
        "procedure": record.procedure,
        "deadline": deadline.due_date,
        "strict_deadline": deadline.strict_date,
        "days": base,
        "extension_days": extended,
        "extension_text": _extension_text(extended),
    }
    ctx.finding(
        ("late" if decided is not None else "missing") + suffix,
        key="decision",
        facts=facts,
        articles=_decision_articles(new, accepted),
        notes=notes,
    )


RULES: tuple[Rule, ...] = (reconsideration_reply, reconsideration_decision)
