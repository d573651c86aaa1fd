"""The public API: the package root re-exports lazily, and every public module's ``__all__``
is pinned against the reviewed lists below.

A change to a list here is an API change: review it (is the name meant for rule authors,
embedders, or only the host?), say it in the changelog, and keep the old name importable for
one release with a DeprecationWarning when plugins may use it.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import enforcement_supervision

# fmt: off
PUBLIC_NAMES: dict[str, list[str]] = {
    "enforcement_supervision": [
        "CalendarUnavailable", "Category", "ConfigurationError", "Context", "Deadline",
        "EsupError", "FieldErrorRecord", "Finding", "FindingStatus", "FollowupError",
        "Group", "GroupBy", "ImportReport", "LegalBasis", "Parameter", "PluginManager",
        "RECORD_TYPES", "RecordValidationError", "Rule", "RunResult", "Severity",
        "StatutoryCalendar", "Store", "StoredFinding", "TransitionError", "__version__",
        "default_calendar", "export_jsonl", "finding_history", "followup", "get_finding",
        "hookimpl", "import_file", "list_findings", "list_runs", "load_plugins",
        "open_findings", "overdue_findings", "query_findings", "rule", "run_check",
        "structure_record", "unstructure_record"
    ],
    "enforcement_supervision.rules": [
        "AS_OF", "Category", "Context", "DatedValue", "DeadlineReason", "Evidence", "Finding",
        "Group", "GroupBy", "Instrument", "LawInForce", "LegalBasis", "Message",
        "Parameter", "Rule", "RuleConfigurationError", "Screen", "Severity", "Text",
        "Undecided", "all_of", "any_of", "field", "hookimpl", "pack_parameter", "rule"
    ],
    "enforcement_supervision.rules.hookspecs": [
        "EsupHookDeprecationWarning", "HOOK_API_MIN", "HOOK_API_VERSION", "PROJECT_NAME",
        "RecordSource", "RunInfo", "hookimpl", "hookspec"
    ],
    "enforcement_supervision._host": [
        "Case", "CaseFile", "CaseReport", "CaseResult", "CheckFunction",
        "DuplicateRuleError", "ENTRY_POINT_GROUP", "EsupHookDeprecationWarning",
        "Evaluator", "HOOK_API_MIN", "HOOK_API_VERSION", "HookCallResult", "HookError",
        "HookErrorRecord", "JSONValue", "MappingLookup", "Note", "Outcome", "PluginInfo",
        "PluginManager", "PluginStatus", "Reasons", "RecordLookup", "RecordSource",
        "RuleCoverage", "RuleDefinitionError", "RuleDeprecationWarning", "RuleDocs",
        "RuleError", "RuleErrorRecord", "RuleSettings", "RuleUsageError", "RunInfo",
        "Subject", "UnknownRuleError", "build_record", "fingerprint", "hookspec",
        "instruments_cited", "load_case_file", "load_cases", "load_plugins", "make_groups",
        "record_defaults", "run_case", "run_cases", "to_json_value"
    ],
    "enforcement_supervision.testing": [
        "DEFAULT_AS_OF", "LABEL_KEYWORDS", "PluginManager", "PluginStatus", "as_of_instant",
        "assert_cases_pass", "assert_flags", "assert_passes", "build_record",
        "citation_problems", "code_without_declarations", "evaluate", "message_text_in_code",
        "rule_case_params", "run_rule_case", "template_language_problems"
    ],
    "enforcement_supervision.store": [
        "ChainBreak", "CheckLock", "CheckLockLostError", "CheckLockedError", "DeliveryLedger",
        "EXIT_LOCKED",
        "EventKind", "FindingEvent", "FindingNotFoundError", "FindingStatus",
        "PutResult", "RunNotFoundError", "RunOutcome", "RunRecord", "Store", "StoreError",
        "StoreReader", "StoredFinding", "StoredRecord", "active_finding_counts",
        "chain_lock", "count_finding_events", "finding_events_of",
        "get_finding", "get_run", "iter_chain", "iter_findings", "list_runs",
        "query_findings", "resolve_db_url", "verify_event_chain"
    ],
    "enforcement_supervision.model": [
        "Acceptance", "ActKind", "AdministrativeContract", "Agency", "AgencyKind",
        "AgencyLevel", "AgencyRecord", "AnnualReview", "AppearanceRole", "AsOfView",
        "BenchmarkRange", "CaseClosure", "CaseClosureKind", "CaseFileGrade",
        "CertificateStatus", "CoerciveKind", "CoerciveMeasure", "CollectiveDiscussion",
        "CollectiveMeeting", "Complaint", "ComplaintCategory", "ComplaintChannel",
        "ComplaintOutcome", "ConflictOfInterest", "CorrectionNotice", "CourtApplication",
        "CourtSession", "CriterionAssessment", "Cuigao", "DecisionChange",
        "DecisionChangeKind", "DecisionHearing", "Delegation", "Delivery", "DeliveryMethod",
        "Disclosure", "DisclosureKind", "DiscretionBenchmark", "DiscretionLevel",
        "Disqualification", "DisqualificationKind", "EnforcementAct", "EnforcementDecision",
        "EventField", "EvidenceItem", "EvidencePreservation", "EvidenceType",
        "ExcludedPeriod", "ExcludedPeriodKind", "Execution", "ExecutionMethod", "Expert",
        "ExpertReview", "Extension", "Feedback", "FeedbackChannel", "FeedbackKind",
        "FeedbackSourceKind", "FieldErrorRecord", "FieldInfo", "FilingDecision", "Hearing",
        "InformationDisclosure", "InformationRequest", "Inspection", "InspectionResult",
        "InspectionTrigger", "InspectionType", "Lawsuit", "Lead", "LeadSource", "LegalNorm",
        "LegalReview", "LegalReviewResult", "LegalityConclusion", "LegalityReview",
        "LiaisonCriterion", "LiaisonPoint", "LiaisonPointStatus", "LicenceApplication",
        "LicenceApplicationKind", "LicenceCertificate", "LicenceDecision", "LicenceHearing",
        "LicenceOutcome", "MAX_ID_LENGTH", "MajorDecision", "MajorDecisionType",
        "MatterList", "MatterListItem", "MatterListKind", "MeasureEndKind", "MeetingType",
        "MonitoringDevice", "NormativeDocument", "Officer", "OnSiteProcedure",
        "PERSONAL_KINDS", "Party", "PartyType", "Payment", "PaymentChannel", "PenaltyCase",
        "PenaltyDecision", "PenaltyType", "PersonalKind", "Petition", "PetitionCategory",
        "PetitionChannel", "PetitionForm", "PetitionHandling", "PetitionRecheck",
        "PetitionReview", "PriorNotice", "Procedure", "ProceedingRole", "ProcessStage",
        "ProxyPerformance", "PublicConsultation", "PublicNotice", "Publication",
        "RECORD_TYPES", "Reconsideration", "Record", "RecordRef", "RecordValidationError",
        "Recusal", "RemedyKind", "RemedyOutcome", "RemedyProcedure", "RemedyProceeding",
        "RiskAssessment", "SampledCase", "ScanRecord", "SeizureDocuments",
        "SocialSupervisor", "StageRecord", "SupervisionCheck", "SupervisionCheckType",
        "SupervisionOpinion", "SupervisorActivity", "SupervisorActivityKind",
        "SupervisorStatus", "Surcharge", "TrainingRecord", "UnknownRecordType",
        "ViolationFact", "Waiver", "ZhEnum", "as_of_view", "content_hash",
        "describe_fields", "event_fields", "json_schema", "personal_fields", "record_class",
        "structure_record", "structure_trusted", "unstructure_record"
    ],
    "enforcement_supervision.statutory_time": [
        "CalendarUnavailable", "DayKind", "Deadline", "ExcludedPeriod", "Extension",
        "Holiday", "HolidaySchedule", "ProvisionalDate", "SHANGHAI", "ScheduleError",
        "ScheduleSource", "StatutoryCalendar", "TimeUnit", "TraceStep", "at_least",
        "at_most", "build_deadline", "bundled_schedules", "calendar_days_before",
        "calendar_from_config", "deadline_in_calendar_days", "deadline_in_hours",
        "deadline_in_months", "deadline_in_working_days", "deadline_in_years",
        "default_calendar", "end_of_day", "exceeds", "is_provisional", "less_than",
        "load_schedule_file", "missing_next_year_warning", "provisional_schedule",
        "provisional_years", "schedules_from_mapping", "to_local_date", "within",
        "working_days_before"
    ],
    "enforcement_supervision.ingest": [
        "BUILTIN_MAPPINGS", "Column", "ColumnMapError", "ColumnMapping", "EXPORT_FORMATS",
        "FieldKind", "ImportFileError", "ImportReport", "Reject", "default_column_map",
        "detect_encoding", "detect_format", "export_jsonl", "export_records", "import_file",
        "import_rows", "load_column_map", "load_mapping", "rejects_path_for"
    ],
    "enforcement_supervision.engine": [
        "ChainBreak", "EXIT_FINDINGS", "EXIT_OK", "EXIT_RULE_ERRORS", "EngineSettings",
        "EngineUsageError", "FindingEvent", "FindingNotFoundError", "FindingStatus",
        "Progress", "ProgressCallback", "RunError", "RunErrorRecord", "RunNotFoundError",
        "RunRecord", "RunResult", "SourceSync", "StoreLookup", "StoredFinding",
        "finding_history", "get_finding", "get_run", "list_runs", "open_findings",
        "parse_as_of", "parse_fail_on", "query_findings", "resolve_workers", "run_check",
        "select_rules", "sync_sources", "verify_event_chain"
    ],
    "enforcement_supervision.followup": [
        "AfterCheck", "BaselineInfo", "ChainBreak", "ExpiredWaiver", "FollowupError",
        "FollowupState", "NOTIFIABLE", "REOPENABLE", "SUPERVISION_TYPES",
        "SupervisionSaved", "TransitionError", "WAIVABLE_STATUSES", "WaiverError",
        "WaiverReason", "WaiverRecord", "after_check", "answer_item", "approve_waiver",
        "baseline_info", "close", "create_baseline", "expire_waivers", "extend",
        "followup_state", "followup_states", "forward_item", "history", "list_findings",
        "list_supervision", "list_waivers", "notify", "overdue_findings",
        "record_supervision", "rectify", "reopen", "request_waiver", "rule_waivable",
        "shrink_baseline", "stale_waivers", "verify_event_chain", "waive"
    ],
    "enforcement_supervision.reports": [
        "AgencyInfo", "EventReader", "FORMATS", "FindingRow", "FollowThrough",
        "FollowThroughDraft", "FollowUpEvent", "REPORT_SCHEMA_ID", "REPORT_SCHEMA_VERSION",
        "ReportData", "ReportSettings", "ReportUsageError", "RuleInfo", "SARIF_LEVELS",
        "Summary", "Waiver", "build_report_data", "event_readers", "register_event_reader",
        "render", "report_document", "report_schema", "report_schema_text"
    ],
    "enforcement_supervision.schedule": [
        "CatchUp", "DEFAULT_CATCH_UP", "DEFAULT_GRACE", "DEFAULT_LEASE_SECONDS",
        "DEFAULT_MAX_ATTEMPTS", "DEFAULT_TIMEZONE", "MAX_SLOTS_PER_CALL", "Preview",
        "PreviewSlot", "Runner", "Schedule", "ScheduleState", "SlotOutcome", "SlotProgress",
        "SlotRun", "UnknownScheduleError", "UnknownWorkingDay", "default_owner",
        "get_schedule", "history", "iter_slots", "load_schedules", "localize", "next_due",
        "next_slot", "parse_duration", "plan_slots", "preview", "run_due", "run_key",
        "schedule_calendar", "schedule_states", "serve", "slots_between"
    ],
    "enforcement_supervision.errors": [
        "ConfigurationError", "EsupError"
    ],
    "enforcement_supervision.config": [
        "Config", "DEFAULT_CONFIG_NAME", "DEFAULT_DB_FILE", "load_config"
    ],
    "enforcement_supervision.privacy": [
        "Audience", "DEFAULT_SALT", "PROTECTED_PERSONS", "Redactor", "SALT_ENV",
        "mask_address", "mask_file_numbers", "mask_id_number", "mask_name", "mask_phone",
        "mask_record", "mask_text", "mask_written_text", "pseudonym", "salt_from_config"
    ],
}
# fmt: on

#: Names that moved: old module, old name, where it lives now (one release of warnings).
DEPRECATED = [
    ("enforcement_supervision.rules", "PluginManager", "enforcement_supervision._host"),
    ("enforcement_supervision.rules", "load_plugins", "enforcement_supervision._host"),
    ("enforcement_supervision.rules", "make_groups", "enforcement_supervision._host"),
    ("enforcement_supervision.rules", "Evaluator", "enforcement_supervision._host"),
    ("enforcement_supervision.rules", "build_record", "enforcement_supervision._host"),
    ("enforcement_supervision.store", "findings", "enforcement_supervision.store._internal"),
    ("enforcement_supervision.store", "append_events", "enforcement_supervision.store._internal"),
    ("enforcement_supervision.store", "metadata", "enforcement_supervision.store._internal"),
]


@pytest.mark.parametrize("module", sorted(PUBLIC_NAMES))
def test_public_names_are_the_reviewed_ones(module: str) -> None:
    assert sorted(importlib.import_module(module).__all__) == PUBLIC_NAMES[module]


@pytest.mark.parametrize("module", sorted(PUBLIC_NAMES))
def test_every_public_name_resolves_without_warning(module: str) -> None:
    mod = importlib.import_module(module)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in mod.__all__:
            getattr(mod, name)


def test_rule_authors_get_a_small_surface() -> None:
    # 21 names plus the five of rule screens (issue 17: Screen, field, AS_OF, any_of, all_of).
    assert len(PUBLIC_NAMES["enforcement_supervision.rules"]) <= 27


def test_the_store_exports_no_tables_or_engine_state() -> None:
    import sqlalchemy

    from enforcement_supervision import store

    for name in store.__all__:
        assert not isinstance(getattr(store, name), sqlalchemy.Table), name


@pytest.mark.parametrize(("module", "name", "new_home"), DEPRECATED)
def test_old_paths_still_work_with_a_warning(module: str, name: str, new_home: str) -> None:
    mod = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=new_home.replace(".", r"\.")):
        value = getattr(mod, name)
    assert value is getattr(importlib.import_module(new_home), name)


def test_renamed_error_records_warn() -> None:
    from enforcement_supervision import ingest, model

    with pytest.warns(DeprecationWarning, match="FieldErrorRecord"):
        assert model.FieldError is model.FieldErrorRecord
    with pytest.warns(DeprecationWarning, match="ImportFileError"):
        assert ingest.ImportError_ is ingest.ImportFileError
    with pytest.warns(DeprecationWarning, match="FieldErrorRecord"):
        assert enforcement_supervision.FieldError is model.FieldErrorRecord


def test_error_classes_are_exceptions() -> None:
    from enforcement_supervision._host import HookError, RuleError
    from enforcement_supervision.engine import RunError
    from enforcement_supervision.errors import EsupError

    for cls in (HookError, RuleError, RunError):
        assert issubclass(cls, EsupError)


def test_one_class_called_context() -> None:
    import pkgutil

    found = []
    for info in pkgutil.walk_packages(enforcement_supervision.__path__, "enforcement_supervision."):
        if info.name.endswith("__main__") or ".migrations." in info.name:
            continue
        module = importlib.import_module(info.name)
        found += [
            f"{info.name}.{name}"
            for name, value in vars(module).items()
            if name == "Context" and getattr(value, "__module__", None) == info.name
        ]
    assert found == ["enforcement_supervision.rules._context.Context"]


@pytest.mark.parametrize("name", [n for n in enforcement_supervision.__all__ if n != "__version__"])
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(enforcement_supervision, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        enforcement_supervision.no_such_name  # noqa: B018


def test_import_is_cheap() -> None:
    code = "import sys, enforcement_supervision; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
