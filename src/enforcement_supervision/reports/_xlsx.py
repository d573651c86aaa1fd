"""The supervision ledger (监督台账) as XLSX, streamed: findings are read from the store in
batches and each row goes straight into the file, so memory stays flat however many
findings there are.

The findings are read by the ledger's light path (``reports._light``: a few columns, no
``Finding`` rebuilt); from :data:`PARALLEL_FROM` findings on, a forked process groups the rows
and writes the workbook while this one reads, so a province's ledger uses two cores.

Sheet 监督台账: one row per matter — the findings on one subject from one event, the rules
listed — fit to print (landscape A4, fit to width, header row repeated on every page, text
wrapped), the header row frozen and filtered. Sheet 概况: the summary counts and the
comparison with the previous period. Sheet 数据 (hidden, for machines): one row per finding
with its ledger row, fingerprint, rule id, subject, agency id and status (the JSON report has
the rest).
"""

from __future__ import annotations

import os
import pickle
import struct
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from enforcement_supervision.errors import EsupError
from enforcement_supervision.reports._light import EMPTY_FOLLOW, LedgerRow
from enforcement_supervision.reports._model import ReportData
from enforcement_supervision.reports._xlsxwriter import (
    STYLE_DATE,
    STYLE_HEADER,
    STYLE_NUMBER,
    STYLE_TEXT,
    STYLE_TITLE,
    Sheet,
    XlsxBook,
)
from enforcement_supervision.reports.vocabulary import (
    SEVERITIES,
    category_label,
    people_text,
    severity_label,
    status_label,
    text,
    yes_no,
)

__all__ = ["LAST_STATS", "LEDGER_COLUMNS", "MACHINE_COLUMNS", "ledger_rows", "render_xlsx"]

#: (label key, width, style) of the ledger's columns, in order.
LEDGER_COLUMNS: tuple[tuple[str, float, int], ...] = (
    ("seq", 6, STYLE_NUMBER),
    ("agency", 20, STYLE_TEXT),
    ("subject", 26, STYLE_TEXT),
    ("subject_type", 12, STYLE_TEXT),
    ("message", 52, STYLE_TEXT),
    ("problems", 7, STYLE_NUMBER),
    ("severity", 12, STYLE_TEXT),
    ("category", 14, STYLE_TEXT),
    ("basis", 36, STYLE_TEXT),
    ("facts_date", 13, STYLE_DATE),
    ("found_on", 13, STYLE_DATE),
    ("deadline", 13, STYLE_DATE),
    ("overdue", 8, STYLE_NUMBER),
    ("status", 12, STYLE_TEXT),
    ("notified_on", 13, STYLE_DATE),
    ("rectified_on", 13, STYLE_DATE),
    ("verified_by", 10, STYLE_TEXT),
    ("closed_on", 13, STYLE_DATE),
    ("waiver", 24, STYLE_TEXT),
)

#: Columns of the hidden machine sheet: one row per finding.
MACHINE_COLUMNS: tuple[str, ...] = (
    "ledger_row",
    "fingerprint",
    "rule_id",
    "subject_type",
    "subject_id",
    "agency_id",
    "status",
)

#: Figures of the last ledger written (rows, seconds spent writing rows): the benchmark
#: reports the writer's rows per second from them.
LAST_STATS: dict[str, float] = {}


def _joined(values: Iterable[str], lang: str) -> str:
    return ("; " if lang == "en" else "；").join(value for value in values if value)


def _latest(values: list[Any]) -> Any:
    known = [value for value in values if value is not None]
    return max(known) if known else None


def _ledger_batches(data: ReportData) -> Iterator[list[LedgerRow]]:
    """The report's findings in ``subject`` order, in batches, as the ledger reads them: by
    the light read path where the rows come from the store, else from the full rows."""
    light = getattr(data.source, "ledger_batches", None)
    if light is not None:
        yield from light("subject")
        return
    for batch in data.iter_batches(order="subject"):
        yield [LedgerRow.of(row) for row in batch]


def _ledger_groups(data: ReportData) -> Iterator[list[LedgerRow]]:
    return _groups_of(_ledger_batches(data))


def _groups_of(batches: Iterable[list[LedgerRow]]) -> Iterator[list[LedgerRow]]:
    """Rows read in ``subject`` order, grouped as :func:`~enforcement_supervision.reports.
    _groups.stream_groups` groups them: the findings on one subject from one event (in the
    order of their first finding), most serious first; one subject's findings in memory at
    a time."""
    subject: tuple[str | None, str, str] | None = None
    held: list[LedgerRow] = []
    for batch in batches:
        for row in batch:
            key = (row.addressed_to, row.subject_type, row.subject_id)
            if key != subject and held:
                yield from _grouped(held)
                held = []
            subject = key
            held.append(row)
    if held:
        yield from _grouped(held)


def _grouped(rows: list[LedgerRow]) -> Iterator[list[LedgerRow]]:
    if len(rows) == 1:
        yield rows
        return
    groups: dict[str, list[LedgerRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    for members in groups.values():
        yield sorted(members, key=lambda row: (row.severity, row.rule_id, row.fingerprint))


class _Ledger:
    """Makes the ledger's rows: one per group of findings, labels looked up once."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.lang = data.lang
        self.unassigned = text("unassigned", self.lang)
        self.yes_no = (yes_no(False, self.lang), yes_no(True, self.lang))
        self._agencies: dict[str | None, str] = {}
        self._severities: dict[str, str] = {}
        self._categories: dict[tuple[str, ...], str] = {}
        self._statuses: dict[tuple[str, ...], str] = {}
        self._citations: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self._people: dict[str, str] = {}

    def agency(self, agency_id: str | None) -> str:
        found = self._agencies.get(agency_id)
        if found is None:
            found = self._agencies[agency_id] = (
                self.data.agency_name(agency_id) if agency_id else self.unassigned
            )
        return found

    def severity(self, severity: str) -> str:
        found = self._severities.get(severity)
        if found is None:
            found = self._severities[severity] = severity_label(severity, self.lang)
        return found

    def categories(self, names: tuple[str, ...]) -> str:
        found = self._categories.get(names)
        if found is None:
            found = self._categories[names] = _joined(
                [category_label(name, self.lang) for name in names], self.lang
            )
        return found

    def statuses(self, statuses: tuple[str, ...]) -> str:
        found = self._statuses.get(statuses)
        if found is None:
            found = self._statuses[statuses] = _joined(
                [status_label(status, self.lang) for status in statuses], self.lang
            )
        return found

    def cited(self, row: LedgerRow) -> list[str]:
        """The articles a finding applies (never another place's law: local instruments
        only as the finding cites them)."""
        citations = row.citations(self.lang)
        key = (row.rule_id, citations)
        found = self._citations.get(key)
        if found is None:
            found = self._citations[key] = list(citations) or [
                b.cite(self.lang) for b in self.data.rule(row.rule_id).legal_basis if not b.is_local
            ]
        return found

    def citations(self, rows: list[LedgerRow]) -> str:
        seen: dict[str, None] = {}
        for row in rows:
            seen.update(dict.fromkeys(self.cited(row)))
        if self.lang == "en":
            return _joined(seen, self.lang)
        shown = []
        for citation in seen:
            found = self._people.get(citation)
            if found is None:
                found = self._people[citation] = people_text(citation)
            shown.append(found)
        return _joined(shown, self.lang)

    def row(self, index: int, rows: list[LedgerRow]) -> list[Any]:
        """The ledger's row of one group of findings (as ``FindingGroup`` computes it)."""
        lang = self.lang
        first = rows[0]
        if len(rows) == 1:
            follow = first.follow
            if follow is EMPTY_FOLLOW:
                notified = rectified = closed = None
                verified = waivers = ""
            else:
                notified, rectified = follow.notified_on, follow.rectified_on
                verified = follow.verified_by or ""
                closed = follow.closed_on
                waivers = (
                    _joined([follow.waiver.justification], lang)
                    if follow.waiver and first.waived
                    else ""
                )
            return [
                index,
                self.agency(first.addressed_to),
                first.subject_label,
                first.record_type_label,
                first.people_message,
                1,
                self.severity(first.severity),
                self.categories(first.categories),
                self.citations(rows),
                first.fact_date,
                first.found_on,
                first.deadline,
                self.yes_no[first.overdue],
                self.statuses((first.status,)),
                notified,
                rectified,
                verified,
                closed,
                waivers,
            ]
        follows = [row.follow for row in rows]
        rules = self.data
        message = "\n".join(
            f"{n}. {rules.rule(row.rule_id).title(lang)}：{row.people_message}"
            for n, row in enumerate(rows, 1)
        )
        categories: dict[str, None] = {}
        for row in rows:
            categories.update(dict.fromkeys(row.categories))
        deadlines = [row.deadline for row in rows if row.deadline is not None and row.active]
        deadlines = deadlines or [row.deadline for row in rows if row.deadline is not None]
        facts = [row.fact_date for row in rows if row.fact_date is not None]
        waivers_of = [
            row.follow.waiver.justification for row in rows if row.follow.waiver and row.waived
        ]
        verified_by = [item.verified_by for item in follows if item.verified_by]
        return [
            index,
            self.agency(first.addressed_to),
            first.subject_label,
            first.record_type_label,
            message,
            len(rows),
            self.severity(min(row.severity for row in rows)),
            self.categories(tuple(categories)),
            self.citations(rows),
            min(facts) if facts else None,
            min(row.found_on for row in rows),
            min(deadlines) if deadlines else None,
            self.yes_no[any(row.overdue for row in rows)],
            self.statuses(tuple(dict.fromkeys(row.status for row in rows))),
            _latest([item.notified_on for item in follows]),
            _latest([item.rectified_on for item in follows]),
            _joined(list(dict.fromkeys(verified_by)), lang),
            _latest([item.closed_on for item in follows])
            if all(item.closed_on for item in follows)
            else None,
            _joined(waivers_of, lang),
        ]


def ledger_rows(data: ReportData) -> list[list[Any]]:
    """The ledger as rows of values (header first), as written to the first sheet."""
    header: list[Any] = [text(key, data.lang) for key, _, _ in LEDGER_COLUMNS]
    ledger = _Ledger(data)
    return [header] + [
        ledger.row(index, rows) for index, rows in enumerate(_ledger_groups(data), 1)
    ]


def _summary_lines(data: ReportData) -> list[list[Any]]:
    lang = data.lang
    counts = data.summary
    lines: list[list[Any]] = [
        [text("as_of", lang), data.as_of],
        [text("audience", lang), text(f"audience_{data.audience}", lang)],
        [text("active", lang), counts.active],
        [text("total", lang), counts.total],
        [text("new_since_run", lang), counts.new_since_last_run],
        [
            text("new_since_baseline", lang),
            text("no_baseline", lang)
            if counts.new_since_baseline is None
            else counts.new_since_baseline,
        ],
        [text("overdue", lang), counts.overdue],
        [text("waived", lang), counts.waived],
        [],
        [text("by_severity", lang)],
    ]
    lines += [
        [severity_label(severity, lang), counts.by_severity.get(severity, 0)]
        for severity in SEVERITIES
    ]
    lines += [[], [text("by_category", lang)]]
    lines += [[category_label(name, lang), count] for name, count in counts.by_category.items()]
    lines += [[], [text("by_agency", lang)]]
    lines += [
        [data.agency_name(agency) if agency else text("unassigned", lang), sum(c.values())]
        for agency, c in counts.by_agency.items()
    ]
    comparison = data.comparison
    if comparison is not None:
        keys = ("new", "resolved", "still_open", "overdue", "overdue_before")
        header = [
            text(name, lang)
            for name in (
                "new_findings",
                "resolved_findings",
                "still_open",
                "overdue_now",
                "overdue_before",
            )
        ]
        lines += [[], [text("compare", lang), text("compare_since", lang), comparison.since]]
        lines += [[text("total", lang), *header]]
        lines += [["", *(comparison.total.to_dict()[key] for key in keys)]]
        lines += [[text("agency", lang), *header]]
        lines += [
            [
                data.agency_name(agency) if agency else text("unassigned", lang),
                *(values.to_dict()[key] for key in keys),
            ]
            for agency, values in comparison.by_agency.items()
        ]
        lines += [[text("category", lang), *header]]
        lines += [
            [category_label(name, lang), *(values.to_dict()[key] for key in keys)]
            for name, values in comparison.by_category.items()
        ]
    return lines


#: From this many findings on, the workbook is written by a second process (forked where the
#: platform can) while this one reads the findings: two cores instead of one.
PARALLEL_FROM = 20_000


def render_xlsx(data: ReportData, out: Path) -> list[Path]:
    """Write the ledger workbook, streaming (one batch of findings in memory at a time).

    The findings are read from the store here; from :data:`PARALLEL_FROM` findings on, the
    rows go in batches to a forked process that groups them and writes the workbook (the
    same bytes: the grouping and the writing are the same code either way)."""
    context = _fork_context() if data.summary.total >= PARALLEL_FROM else None
    if context is None:
        stats = _write_book(data, out, _ledger_batches(data))
    else:
        stats = _write_book_in_child(context, data, out)
    LAST_STATS.clear()
    LAST_STATS.update(stats)
    return [out]


def _fork_context() -> Any:
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: one process
        return None


def _write_book(
    data: ReportData, out: Path, batches: Iterable[list[LedgerRow]]
) -> dict[str, float]:
    """Group ``batches`` and write the workbook; the writer's figures (rows, findings,
    seconds spent writing)."""
    lang = data.lang
    book = XlsxBook(title=text("ledger", lang), creator=data.settings.issuing_office or "")
    ledger = book.add(
        Sheet(
            text("ledger", lang),
            widths=[width for _, width, _ in LEDGER_COLUMNS],
            styles=[style for _, _, style in LEDGER_COLUMNS],
            frozen_rows=1,
            print_setup=True,
            title_rows=1,
            auto_filter=True,
        )
    )
    summary = book.add(Sheet(text("summary", lang), widths=[30, 14, 14, 14, 14, 14]))
    machine = book.add(Sheet(text("machine_sheet", lang), hidden=True))
    ledger.append([text(key, lang) for key, _, _ in LEDGER_COLUMNS], style=STYLE_HEADER)
    machine.append(list(MACHINE_COLUMNS), style=STYLE_HEADER)
    writing = 0.0
    writing_cpu = 0.0
    written = 0
    ledger_values = _Ledger(data).row
    append_ledger = ledger.append
    append_machine = machine.append
    # The writer's own time is measured per batch of groups (a clock read per row would cost
    # more than some of the rows).
    pending: list[tuple[int, list[LedgerRow], list[Any]]] = []

    def flush() -> tuple[float, float]:
        began, began_cpu = time.perf_counter(), time.thread_time()
        for index, rows, values in pending:
            append_ledger(values)
            for row in rows:
                append_machine(
                    (
                        index,
                        row.fingerprint,
                        row.rule_id,
                        row.subject_type,
                        row.subject_id,
                        row.agency_id,
                        row.status,
                    )
                )
        pending.clear()
        return time.perf_counter() - began, time.thread_time() - began_cpu

    for index, rows in enumerate(_groups_of(batches), 1):
        pending.append((index, rows, ledger_values(index, rows)))
        written += 1
        if len(pending) >= 500:
            spent, spent_cpu = flush()
            writing += spent
            writing_cpu += spent_cpu
    spent, spent_cpu = flush()
    writing += spent
    writing_cpu += spent_cpu
    summary.append([text("report_title", lang)], style=STYLE_TITLE)
    for line in _summary_lines(data):
        summary.append(line)
    began, began_cpu = time.perf_counter(), time.thread_time()
    book.save(out)
    writing += time.perf_counter() - began
    writing_cpu += time.thread_time() - began_cpu
    return {
        "rows": float(written),
        "findings": float(machine.rows - 1),
        "seconds": writing,
        "cpu_seconds": writing_cpu,
    }


# --------------------------------------------------------------------------------------------
# Two processes: this one reads, a forked one groups and writes


def _wire(rows: list[LedgerRow], lang: str) -> bytes:
    """A batch of rows as bytes for the writing process (dates as ordinals, the common empty
    follow-through as ``None``, the citations of the report's language only)."""
    english = lang == "en"
    return pickle.dumps(
        [
            (
                row.fingerprint,
                row.rule_id,
                row.severity,
                row.categories,
                row.status,
                row.active,
                row.agency_id,
                row.subject_type,
                row.subject_id,
                row.addressed_to,
                row.subject_label,
                row.record_type_label,
                row.people_message,
                row.found_on.toordinal(),
                None if row.fact_date is None else row.fact_date.toordinal(),
                None if row.deadline is None else row.deadline.toordinal(),
                row.overdue,
                None if row.follow is EMPTY_FOLLOW else row.follow,
                row.group,
                row.citations_en if english else row.citations_zh,
            )
            for row in rows
        ],
        protocol=pickle.HIGHEST_PROTOCOL,
    )


def _unwire(data: bytes, lang: str) -> list[LedgerRow]:
    english = lang == "en"
    ordinal = date.fromordinal
    rows = []
    for (
        fingerprint,
        rule_id,
        severity,
        categories,
        status,
        active,
        agency_id,
        subject_type,
        subject_id,
        addressed_to,
        subject_label,
        record_type_label,
        people_message,
        found_on,
        fact_date,
        deadline,
        overdue,
        follow,
        group,
        citations,
    ) in pickle.loads(data):
        rows.append(
            LedgerRow(
                fingerprint=fingerprint,
                rule_id=rule_id,
                severity=severity,
                categories=categories,
                status=status,
                active=active,
                agency_id=agency_id,
                subject_type=subject_type,
                subject_id=subject_id,
                addressed_to=addressed_to,
                subject_label=subject_label,
                record_type_label=record_type_label,
                people_message=people_message,
                found_on=ordinal(found_on),
                fact_date=None if fact_date is None else ordinal(fact_date),
                deadline=None if deadline is None else ordinal(deadline),
                overdue=overdue,
                follow=EMPTY_FOLLOW if follow is None else follow,
                group=group,
                citations_zh=() if english else citations,
                citations_en=citations if english else (),
            )
        )
    return rows


def _child(data: ReportData, out: Path, connection: Any) -> None:
    """The writing process: batches until an empty message, then the figures (or the
    error) back."""
    try:

        def batches() -> Iterator[list[LedgerRow]]:
            while True:
                message = connection.recv_bytes()
                if not message:
                    return
                yield _unwire(message, data.lang)

        stats = _write_book(data, out, batches())
        stats["process_cpu_seconds"] = time.process_time()
        connection.send(("ok", stats))
    except BaseException as error:  # reported to the reading process
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


#: From this many findings on (the workbook written by a forked process), a second forked
#: process reads the second part of the findings while this one reads the first: the reading
#: is most of the work, and three processes keep two cores busy where two left one waiting.
SPLIT_FROM = 50_000
#: The share of the findings this process reads (the second reader also skips, in SQL, the
#: findings before its part, and this one forwards the second part's rows to the writer).
FIRST_SHARE = 0.5


def _cut(data: ReportData) -> int:
    """Where the second reader starts (a finding's position in the ledger's stream, a
    multiple of the batch size, so both parts read the same batches as one reader would),
    or 0 for one reader."""
    source = data.source
    size_of = getattr(source, "ledger_stream_size", None)
    batch_size = getattr(source, "batch_size", 0)
    if size_of is None or not batch_size or data.summary.total < SPLIT_FROM or not _idle_core():
        return 0
    size = size_of()
    if size is None:
        return 0
    cut = round(size * FIRST_SHARE / batch_size) * batch_size
    return cut if 0 < cut < size else 0


def _idle_core() -> bool:
    """Whether a core is likely to be idle: the second reader costs up to about a tenth more
    CPU in all than one reader (its own connections and caches warmed again), which pays only
    where it runs beside the other two on a core nobody else wants; on a machine already busy
    it only takes CPU from others (measured at load 9-14 on two cores: the same wall time,
    2-12 % more CPU)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = os.getloadavg()[0]
    except OSError:  # not known here: assume the machine is not busy
        return True
    return (cores or 1) >= 2 and load < (cores or 1) - 0.5


def _read_part(data: ReportData, start: int, sink: IO[bytes], connection: Any) -> None:
    """The second reader: the ledger's batches from finding ``start`` on, as the writer
    takes them, into ``sink`` (each prefixed by its length; the writer takes them after
    the first part's, so they wait in a file, not in memory), then its figures (or the
    error) back."""
    try:
        source: Any = data.source  # the store's rows (_cut found its ledger_stream_size)
        source.forked()
        for batch in source.ledger_batches("subject", start):
            payload = _wire(batch, data.lang)
            sink.write(_LENGTH.pack(len(payload)))
            sink.write(payload)
        sink.flush()
        connection.send(("ok", time.process_time()))
    except BaseException as error:  # reported to the first reader
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


_LENGTH = struct.Struct("<Q")


def _forward(sink: IO[bytes], send: Any) -> None:
    """The second part's batches, from its file to the writer."""
    sink.seek(0)
    while True:
        head = sink.read(_LENGTH.size)
        if not head:
            return
        send(sink.read(_LENGTH.unpack(head)[0]))


def _failed(result: Any) -> EsupError:
    return EsupError(f"台账写入失败：{result}", f"writing the ledger failed: {result}")


def _write_book_in_child(context: Any, data: ReportData, out: Path) -> dict[str, float]:
    cut = _cut(data)
    mine, theirs = context.Pipe(duplex=True)
    process = context.Process(target=_child, args=(data, out, theirs), daemon=True)
    process.start()
    theirs.close()
    reader: Any = None
    sink: IO[bytes] | None = None
    if cut:
        data.source.before_fork()  # type: ignore[attr-defined]
        # Forked before this process starts any thread (its reading ahead).
        sink = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
        answer, theirs = context.Pipe(duplex=False)
        reader = context.Process(target=_read_part, args=(data, cut, sink, theirs), daemon=True)
        reader.start()
        theirs.close()
    try:
        second_cpu = 0.0
        try:
            if cut:
                for batch in data.source.ledger_batches("subject", 0, cut):  # type: ignore[attr-defined]
                    mine.send_bytes(_wire(batch, data.lang))
                try:
                    outcome, result = answer.recv()
                except EOFError:
                    outcome, result = "error", f"the reading process ended ({reader.exitcode})"
                if outcome != "ok":
                    raise _failed(result)
                second_cpu = float(result)
                assert sink is not None
                _forward(sink, mine.send_bytes)
            else:
                for batch in _ledger_batches(data):
                    mine.send_bytes(_wire(batch, data.lang))
            mine.send_bytes(b"")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the writer stopped: its answer below says why
        try:
            outcome, result = mine.recv()
        except EOFError:
            outcome, result = "error", f"the writing process ended with status {process.exitcode}"
        if outcome != "ok":
            raise _failed(result)
        process.join()
        stats = dict(result)
        if cut:
            stats["reader2_cpu_seconds"] = second_cpu
            stats["reader2_from"] = float(cut)
        return stats
    finally:
        mine.close()
        for child in (process, reader):
            if child is not None:
                if child.is_alive():
                    child.terminate()
                child.join()
        if reader is not None:
            answer.close()
        if sink is not None:
            sink.close()
