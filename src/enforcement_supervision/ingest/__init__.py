"""Getting records in and out: JSON Lines, CSV and XLSX import with a rejects file; export."""

from enforcement_supervision.ingest._columns import (
    ColumnMapError,
    FieldKind,
    default_column_map,
    load_column_map,
)
from enforcement_supervision.ingest._export import export_jsonl
from enforcement_supervision.ingest._import import (
    ImportError_,
    ImportReport,
    Reject,
    detect_format,
    import_file,
    import_rows,
    rejects_path_for,
)

__all__ = [
    "ColumnMapError",
    "FieldKind",
    "ImportError_",
    "ImportReport",
    "Reject",
    "default_column_map",
    "detect_format",
    "export_jsonl",
    "import_file",
    "import_rows",
    "load_column_map",
    "rejects_path_for",
]
