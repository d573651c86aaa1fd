"""The store's tables (SQLAlchemy Core).

The schema changes only through Alembic migrations in ``migrations/versions``; a test checks
that the migrated database and these definitions agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)

from enforcement_supervision.store._types import UtcDateTime

__all__ = [
    "check_locks",
    "clock_notices",
    "clocks",
    "finding_baselines",
    "finding_chain",
    "finding_events",
    "finding_followup",
    "finding_sources",
    "finding_waivers",
    "findings",
    "group_members",
    "metadata",
    "records",
    "rule_checkpoints",
    "rule_dependencies",
    "rule_state",
    "runs",
    "schedule_runs",
    "schedule_state",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# BigInteger ids autoincrement everywhere except SQLite, which only autoincrements INTEGER.
_BigId = BigInteger().with_variant(Integer(), "sqlite")

#: Every version of every imported record. ``row_id`` grows with each stored version, so
#: "what changed since run N" is a range scan on it.
records = Table(
    "records",
    metadata,
    Column("row_id", _BigId, primary_key=True, autoincrement=True),
    Column("record_type", String(40), nullable=False),
    Column("record_id", String(128), nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("agency_id", String(128), nullable=True),
    Column("is_current", Boolean, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("source", String(255), nullable=True),
    UniqueConstraint("record_type", "record_id", "version"),
    Index(None, "record_type", "is_current", "record_id"),
    Index(None, "agency_id"),
)

#: One row per finding, identified by its fingerprint; its history is in ``finding_events``.
findings = Table(
    "findings",
    metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("rule_id", String(64), nullable=False),
    Column("rule_version", String(32), nullable=False),
    Column("plugin", String(128), nullable=True),
    Column("subject_type", String(40), nullable=False),
    Column("subject_id", String(128), nullable=False),
    Column("agency_id", String(128), nullable=True),
    Column("severity", String(2), nullable=False),
    Column("categories", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("message_zh", Text, nullable=False),
    Column("message_en", Text, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("due_date", Date, nullable=True),
    Column("first_seen_run", String(36), nullable=True),
    Column("last_seen_run", String(36), nullable=True),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, nullable=True),
    Column("in_baseline", Boolean, nullable=False, default=False),
    # The rule-chosen key that entered the fingerprint (needed to rebuild the Finding).
    Column("finding_key", String(255), nullable=False, server_default=""),
    # Whether the latest evaluation still produces it. The engine manages the status only
    # while it is open/resolved/reopened; for statuses people set (notified, rectified, ...)
    # it flips this flag instead, so a person's decision is never overwritten.
    Column("detected", Boolean, nullable=False, server_default=true()),
    # The date of the facts (the act, or the first day past a deadline that passed without
    # it): what reports group findings by. NULL only for findings stored before 0007.
    Column("fact_date", Date, nullable=True),
    Index(None, "rule_id"),
    Index(None, "fact_date"),
    Index(None, "status"),
    Index(None, "agency_id"),
    Index(None, "subject_type", "subject_id"),
)

#: Append-only log of finding transitions; each event's hash chains to the previous one.
finding_events = Table(
    "finding_events",
    metadata,
    Column("event_id", _BigId, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(128), nullable=True),
    Column("reason", Text, nullable=True),
    Column("run_id", String(36), nullable=True),
    Column("data", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=True),
    Column("hash", String(64), nullable=False),
    Index(None, "fingerprint"),
)

#: One row per check run.
runs = Table(
    "runs",
    metadata,
    Column("run_id", String(36), primary_key=True),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("as_of", UtcDateTime, nullable=False),
    Column("mode", String(16), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("schedule", String(128), nullable=True),
    Column("slot", UtcDateTime, nullable=True),
    Column("record_watermark", BigInteger, nullable=True),
    Column("counts", JSON, nullable=False),
    Column("rule_timings", JSON, nullable=False),
    Column("errors", JSON, nullable=False),
    Column("notes", JSON, nullable=True),
    Column("rules", JSON, nullable=True),
    Index(None, "started_at"),
)

#: The engine's memory per (rule, subject): what it last evaluated and when the answer can
#: next change without any new data (the recheck time). A full evaluation keeps a row only
#: where it carries information (the subject has findings, a recheck time, or an unfinished
#: evaluation); an incremental one keeps a row per subject it evaluated, so that a later run
#: for an earlier instant finds them. A subject without a row needs evaluating again only when
#: its record or a record it looked up changes, or before its rule's ``full_as_of``.
rule_state = Table(
    "rule_state",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("subject_key", String(256), primary_key=True),
    Column("rule_version", String(32), nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("recheck_at", UtcDateTime, nullable=True),
    Column("evaluated_at", UtcDateTime, nullable=False),
    # The evaluation instant the stored answer was computed for: it holds from ``as_of`` up
    # to ``recheck_at``; a later run with an earlier instant must evaluate again.
    Column("as_of", UtcDateTime, nullable=True),
    Column("run_id", String(36), nullable=True),
    Index(None, "rule_id", "recheck_at"),
    Index(None, "rule_id", "as_of"),
)

#: Per rule: the settings/calendar digest and the records watermark it was last brought up
#: to date with. A missing row means "evaluate every subject of this rule".
rule_checkpoints = Table(
    "rule_checkpoints",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("rule_version", String(32), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("watermark", BigInteger, nullable=False),
    Column("run_id", String(36), nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    # The instant of the rule's last full evaluation: a run for an earlier instant evaluates
    # the rule in full again (stored answers hold only forwards in time).
    Column("full_as_of", UtcDateTime, nullable=True),
    # What the rule's subjects are (see RuleCheckpoint.subjects).
    Column("subjects", String(512), nullable=True),
)

#: The records a (rule, subject) looked up through ``ctx.lookup``: when one changes, the
#: subject is evaluated again.
rule_dependencies = Table(
    "rule_dependencies",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("subject_key", String(256), primary_key=True),
    Column("dep_key", String(256), primary_key=True),
    Index(None, "rule_id", "dep_key"),
)

#: Group membership per group rule ("rule R's group enterprise/E-17 has inspection/I-3"),
#: kept up to date from changed records so a group can be rebuilt without a full scan.
group_members = Table(
    "group_members",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("group_key", String(256), primary_key=True),
    Column("member_key", String(256), primary_key=True),
    Index(None, "rule_id", "member_key"),
)

#: Which (rule, evaluated subject) produced which finding. A finding is resolved when its
#: last source stops producing it (two subjects may produce the same fingerprint).
finding_sources = Table(
    "finding_sources",
    metadata,
    Column("rule_id", String(64), primary_key=True),
    Column("subject_key", String(256), primary_key=True),
    Column("fingerprint", String(64), primary_key=True),
    Index(None, "fingerprint"),
)

#: One row (id 1): the head of the finding-event hash chain. Writers update it first, which
#: serialises appends on every backend, and verification checks that nothing was cut off
#: the end of the chain.
finding_chain = Table(
    "finding_chain",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last_event_id", BigInteger, nullable=True),
    Column("last_hash", String(64), nullable=True),
)

#: One row per schedule of the configuration (``esup schedule``): from when its slots are
#: due (``since``), the latest slot handled, and the lease of the process handling it now.
schedule_state = Table(
    "schedule_state",
    metadata,
    Column("schedule", String(128), primary_key=True),
    Column("since", UtcDateTime, nullable=False),
    Column("last_slot", UtcDateTime, nullable=True),
    Column("enabled", Boolean, nullable=False),
    Column("owner", String(255), nullable=True),
    Column("lease_until", UtcDateTime, nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
)

#: One row per (schedule, slot): the idempotent run key. Claimed by inserting the row (a
#: second insert fails on the primary key), leased while the check runs, then the outcome
#: and counts of the run; ``run_id`` links to ``runs``.
schedule_runs = Table(
    "schedule_runs",
    metadata,
    Column("schedule", String(128), primary_key=True),
    Column("slot", UtcDateTime, primary_key=True),
    Column("outcome", String(16), nullable=False),
    Column("owner", String(255), nullable=True),
    Column("attempt", Integer, nullable=False),
    Column("lease_until", UtcDateTime, nullable=True),
    Column("as_of", UtcDateTime, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("started_at", UtcDateTime, nullable=True),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("run_id", String(36), nullable=True),
    Column("opened", Integer, nullable=True),
    Column("resolved", Integer, nullable=True),
    Column("reopened", Integer, nullable=True),
    Column("rule_errors", Integer, nullable=True),
    Column("duration", Float, nullable=True),
    Column("error", Text, nullable=True),
    Index(None, "outcome"),
    Index(None, "run_id"),
)

#: The follow-through of a finding (``esup findings notify|rectify|close``), one row per
#: finding that was ever notified: what the events say, kept queryable (overdue). The
#: events in ``finding_events`` are the record; this table is derived from them.
finding_followup = Table(
    "finding_followup",
    metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("notice_number", String(128), nullable=True),
    Column("notified_on", Date, nullable=True),
    Column("rectification_due", Date, nullable=True),
    Column("rectified_on", Date, nullable=True),
    Column("rectified_by", String(128), nullable=True),
    Column("closed_on", Date, nullable=True),
    Column("closed_by", String(128), nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "rectification_due"),
)

#: Waivers: requested (``pending``), approved by someone else (``active``), then ``expired``
#: (the finding resurfaces) or ``revoked`` (the finding was reopened by hand).
finding_waivers = Table(
    "finding_waivers",
    metadata,
    Column("waiver_id", _BigId, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("reason_category", String(32), nullable=False),
    Column("justification", Text, nullable=False),
    Column("requested_by", String(128), nullable=False),
    Column("requested_at", UtcDateTime, nullable=False),
    Column("approved_by", String(128), nullable=True),
    Column("approved_at", UtcDateTime, nullable=True),
    Column("expires", Date, nullable=False),
    Column("ended_at", UtcDateTime, nullable=True),
    Index(None, "fingerprint"),
    Index(None, "state"),
)

#: Baselines for gradual adoption (``esup baseline create``): when and by whom, and how many
#: findings entered; membership is ``findings.in_baseline`` and only ever shrinks.
finding_baselines = Table(
    "finding_baselines",
    metadata,
    Column("baseline_id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(128), nullable=True),
    Column("note", Text, nullable=True),
    Column("size", Integer, nullable=False),
)


#: The check lock (``esup check`` and scheduled checks): one row per scope while a check
#: that writes findings holds it. ``lease_until`` is pushed forward by the run itself as it
#: makes progress, never by a background thread, so a run that is killed or stuck lets its
#: lease lapse; the next check then takes the lock and marks that run ``abandoned``.
check_locks = Table(
    "check_locks",
    metadata,
    Column("scope", String(64), primary_key=True),
    Column("run_id", String(36), nullable=False),
    Column("owner", String(255), nullable=False),
    Column("acquired_at", UtcDateTime, nullable=False),
    Column("lease_until", UtcDateTime, nullable=False),
    Index(None, "run_id"),
)

#: The statutory clocks (红黄灯预警): one row per open deadline of a subject, as the last
#: check that evaluated it left it (``docs/guide/early-warning.md``). ``state`` is ``open``
#: while the period runs and ``overdue`` once it has passed and its finding opened; a clock
#: whose act is done is deleted. ``yellow_from``/``red_from`` are the days its light changes
#: (so listing by light is an index range); ``light`` is the light as of ``light_on``, the
#: date of the last check that looked at it (what the daily digest compares).
clocks = Table(
    "clocks",
    metadata,
    Column("clock_id", String(32), primary_key=True),
    Column("rule_id", String(64), nullable=False),
    Column("subject_key", String(256), nullable=False),
    Column("subject_type", String(40), nullable=False),
    Column("subject_id", String(128), nullable=False),
    Column("agency_id", String(128), nullable=True),
    Column("categories", String(128), nullable=True),
    Column("label", String(255), nullable=False),
    Column("started_by", String(255), nullable=True),
    Column("started_by_en", String(255), nullable=True),
    Column("start_date", Date, nullable=False),
    Column("unit", String(4), nullable=False),
    Column("amount", Integer, nullable=False),
    Column("period", Integer, nullable=False),
    Column("strict_date", Date, nullable=False),
    Column("rolled_date", Date, nullable=True),
    Column("due_date", Date, nullable=False),
    Column("rollover", Boolean, nullable=False),
    Column("extensions", JSON, nullable=False),
    Column("excluded", Integer, nullable=False),
    Column("provisional", Boolean, nullable=False),
    Column("trace_zh", Text, nullable=False),
    Column("trace_en", Text, nullable=False),
    Column("yellow_from", Date, nullable=False),
    Column("red_from", Date, nullable=False),
    Column("thresholds", String(16), nullable=False),
    Column("state", String(8), nullable=False),
    Column("light", String(8), nullable=False),
    Column("light_on", Date, nullable=False),
    Column("run_id", String(36), nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    # The yellow ones are one range of this index, filtered on red_from inside it.
    Index(None, "state", "yellow_from", "red_from"),
    Index(None, "state", "due_date"),
    Index(None, "rule_id", "subject_key"),
    Index(None, "agency_id"),
    Index(None, "run_id"),
)

#: What the daily digest sent: one row per clock, light and channel, so each yellow clock is
#: named once (``esup-notify``).
clock_notices = Table(
    "clock_notices",
    metadata,
    Column("clock_id", String(32), primary_key=True),
    Column("light", String(8), primary_key=True),
    Column("channel", String(64), primary_key=True),
    Column("sent_on", Date, nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
)
