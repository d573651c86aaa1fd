"""Getting records in and out: JSON Lines, CSV, XLSX/XLS/ODS import with column mappings and a
rejects file; export as JSON Lines, XLSX or CSV."""

from enforcement_supervision._compat import moved_names
from enforcement_supervision.ingest._columns import (
    BUILTIN_MAPPINGS,
    Column,
    ColumnMapError,
    ColumnMapping,
    FieldKind,
    default_column_map,
    load_column_map,
    load_mapping,
)
from enforcement_supervision.ingest._export import EXPORT_FORMATS, export_jsonl, export_records
from enforcement_supervision.ingest._import import (
    ImportFileError,
    ImportReport,
    Reject,
    detect_format,
    import_file,
    import_rows,
    rejects_path_for,
)
from enforcement_supervision.ingest._readers import detect_encoding

__all__ = [
    "BUILTIN_MAPPINGS",
    "EXPORT_FORMATS",
    "Column",
    "ColumnMapError",
    "ColumnMapping",
    "FieldKind",
    "ImportFileError",
    "ImportReport",
    "Reject",
    "default_column_map",
    "detect_encoding",
    "detect_format",
    "export_jsonl",
    "export_records",
    "import_file",
    "import_rows",
    "load_column_map",
    "load_mapping",
    "rejects_path_for",
]

__getattr__ = moved_names(
    __name__, {"ImportError_": "enforcement_supervision.ingest:ImportFileError"}
)
