"""Rule screens in a check: subjects a rule's screen leaves out count as clean without a call.

A rule's :class:`~enforcement_supervision.rules.Screen` says which subjects could flag as of
the check's day. The run tests the screen's Python form on the payload the scan (or, in an
incremental run, the fetch of the due subjects) decoded anyway. With :data:`SQL_IN_FULL_SCANS`
a full scan asks the database instead, once per screened rule and record type
(:meth:`RunScreens.prepare_full`: the screen's SQL over the current records); measured on
SQLite that costs more than it saves (``json_extract`` parses the whole payload text for
every field it reads: some 0.1 ms per record and rule, against a few microseconds for the
Python form on the decoded payload), so it is off. A subject left
out is answered as a clean evaluation would be answered: its stored findings for the rule
resolve, its state and dependencies are cleared (or its state keeps the screen's recheck
day), its clocks are dropped, and a pair that has nothing stored and no recheck day writes
nothing at all (it only keeps its place in the write batch, so events come in the same order
as without screens).

With ``verify`` every subject is evaluated (the findings are those of a run without
screens) and a finding or statutory clock on a subject outside the screen is reported as an
error of kind ``screen``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from enforcement_supervision._host import RuleErrorRecord
from enforcement_supervision.engine._planner import Track
from enforcement_supervision.rules import Rule
from enforcement_supervision.rules._finding import Subject
from enforcement_supervision.rules._screen import BoundScreen
from enforcement_supervision.statutory_time import SHANGHAI
from enforcement_supervision.statutory_time._tz import to_local_date
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import (
    RecordRow,
    SubjectResult,
    finding_sources,
    records,
    rule_dependencies,
    rule_state,
)

__all__ = ["SQL_IN_FULL_SCANS", "RunScreens"]

#: Whether a full scan selects each screened rule's subjects with one SQL query (else with
#: the screen's Python form on the scanned payload; both select the same, see the module doc).
SQL_IN_FULL_SCANS = False

#: ``(selected, recheck day, content hash)`` of one record, from a full scan's query.
_Answer = tuple[bool, date | None, str]


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))  # SQLite gives dates as text


class RunScreens:
    """The screens of one check run (``verify``: evaluate all, report what they miss)."""

    def __init__(
        self, store: Store, *, as_of: datetime, verify: bool, sql: bool | None = None
    ) -> None:
        self.store = store
        self.sql = SQL_IN_FULL_SCANS if sql is None else sql
        self.as_of = as_of
        self.day = to_local_date(as_of)
        self.verify = verify
        #: Evaluations screens spared, by rule (reset per worker task).
        self.spared: Counter[str] = Counter()
        #: Subjects outside their screen evaluated anyway (verification), by rule.
        self.outside: Counter[str] = Counter()
        self._answers: dict[tuple[str, str], dict[str, _Answer]] = {}
        self._stored: dict[str, set[str]] = {}
        self._excluded: dict[tuple[str, str], str] = {}

    # -- full scans ------------------------------------------------------------------------

    def prepare_full(self, tracks: Iterable[Track], clock_pairs: Iterable[tuple[str, str]]) -> None:
        """Find which subjects have anything stored for each screened rule and, with
        :attr:`sql`, ask the database once per screened rule and record type which current
        records the screen selects (and the recheck day of the others): before the scan (and
        before worker processes fork)."""
        screened = [t for t in tracks if _has_screen(t.rule)]
        if not screened:
            return
        for track in screened if self.sql else ():
            for record_type in track.rule.applies_to:
                bound = track.rule.bound_screen(record_type)
                if bound is not None:
                    self._answers[(track.rule.id, record_type)] = self._query(bound)
        ids = [t.rule.id for t in screened]
        stored: dict[str, set[str]] = {rule_id: set() for rule_id in ids}
        with self.store.engine.connect() as connection:
            for table in (rule_state, finding_sources, rule_dependencies):
                query = (
                    sa.select(table.c.rule_id, table.c.subject_key)
                    .where(table.c.rule_id.in_(ids))
                    .distinct()
                )
                for rule_id, key in connection.execute(query):
                    stored[rule_id].add(key)
        for rule_id, key in clock_pairs:
            if rule_id in stored:
                stored[rule_id].add(key)
        self._stored = stored

    def _query(self, bound: BoundScreen) -> dict[str, _Answer]:
        payload = records.c.payload
        columns = [records.c.record_id, records.c.content_hash, bound.sql(payload, self.day)]
        recheck = bound.recheck_sql(payload, self.day)
        if recheck is not None:
            columns.append(recheck)
        query = (
            sa.select(*columns)
            .where(records.c.is_current.is_(True))
            .where(records.c.record_type == bound.record_type)
        )
        with self.store.engine.connect() as connection:
            return {
                str(row[0]): (bool(row[2]), _day(row[3]) if len(row) > 3 else None, str(row[1]))
                for row in connection.execute(query)
            }

    # -- one record ------------------------------------------------------------------------

    def split(
        self, row: RecordRow, payload: Any, tracks: Sequence[Track]
    ) -> tuple[list[Track], list[SubjectResult | str]]:
        """The tracks to evaluate on ``row``, and the answers for those its screens leave
        out: a clean result, or the rule id alone when the pair has nothing stored and
        nothing to store (it only keeps its place in the batch)."""
        keep: list[Track] = []
        answers: list[SubjectResult | str] = []
        for track in tracks:
            bound = track.rule.bound_screen(row.record_type)
            if bound is None:
                keep.append(track)
                continue
            selected, recheck = self._selects(track, bound, row, payload)
            if selected:
                keep.append(track)
                continue
            if self.verify:
                self._excluded[(track.rule.id, row.key)] = bound.screen.reason
                self.outside[track.rule.id] += 1
                keep.append(track)
                continue
            if track.exhausted:
                continue
            self.spared[track.rule.id] += 1
            answers.append(self._clean(track, row, recheck))
        return keep, answers

    def _selects(
        self, track: Track, bound: BoundScreen, row: RecordRow, payload: Any
    ) -> tuple[bool, date | None]:
        answer = None
        if track.full:
            answer = self._answers.get((track.rule.id, row.record_type), {}).get(row.record_id)
        if answer is None or answer[2] != row.content_hash:
            # Not asked in SQL (an incremental run), or the record changed since the query.
            if payload is None:
                return True, None
            answer = (bound.selects(payload, self.day), bound.recheck(payload, self.day), "")
        selected, recheck, _ = answer
        # A recheck day already come means the subject may flag now: evaluate it.
        if not selected and recheck is not None and recheck <= self.day:
            return True, None
        return selected, recheck

    def _clean(self, track: Track, row: RecordRow, recheck: date | None) -> SubjectResult | str:
        rule = track.rule
        if track.full and recheck is None and row.key not in self._stored.get(rule.id, ()):
            # Nothing stored, nothing to store: what a clean evaluation would write too.
            return rule.id
        recheck_at = (
            None
            if recheck is None
            else datetime(recheck.year, recheck.month, recheck.day, tzinfo=SHANGHAI)
        )
        return SubjectResult(
            rule_id=rule.id,
            rule_version=rule.version,
            plugin=rule.plugin,
            subject_key=row.key,
            findings=(),
            complete=True,
            recheck_at=recheck_at,
            as_of=self.as_of,
            keep_state=False,
            lookups=frozenset(),
            clocks=(),
            input_hash=hashlib.sha256(
                "\n".join([track.digest, row.content_hash]).encode("utf-8")
            ).hexdigest()
            if recheck_at is not None
            else "",
        )

    # -- verification ----------------------------------------------------------------------

    def violation(self, result: SubjectResult) -> RuleErrorRecord | None:
        """The error for a finding or clock on a subject outside its rule's screen."""
        if not self.verify or not (result.findings or result.clocks):
            return None
        reason = self._excluded.get((result.rule_id, result.subject_key))
        if reason is None:
            return None
        what = f"{len(result.findings)} finding(s)" if result.findings else "a statutory clock"
        return RuleErrorRecord(
            rule_id=result.rule_id,
            plugin=result.plugin,
            subject=Subject.of(result.subject_key),
            error_type="ScreenMissedSubject",
            message=f"the rule's screen leaves out {result.subject_key}, but the rule gave "
            f"{what} for it as of {self.day.isoformat()}; the screen's reason: {reason}",
            traceback="",
        )

    def note(self) -> dict[str, Any] | None:
        """The run's note on what screens spared (or what verification evaluated)."""
        if self.verify:
            total = sum(self.outside.values())
            return {
                "kind": "screens-verified",
                "evaluated_outside": total,
                "by_rule": dict(sorted(self.outside.items())),
                "message_zh": f"已核验规则筛选条件：对筛选范围外的 {total} 个对象也作了评估",
                "message_en": f"rule screens verified: {total} evaluation(s) of subjects "
                "outside their screen",
            }
        total = sum(self.spared.values())
        if not total:
            return None
        return {
            "kind": "screens",
            "spared": total,
            "by_rule": dict(sorted(self.spared.items())),
            "message_zh": f"规则筛选条件免去了 {total} 次评估",
            "message_en": f"rule screens spared {total} evaluation(s)",
        }


def _has_screen(rule: Rule) -> bool:
    return rule.screen is not None and not rule.is_group_rule
