"""Column mappings: a source system's column headers and value labels → record fields.

Every record type has a **default mapping** derived from the model: each scalar field, and
each scalar field of a nested single object, is a column named by its Chinese label (the
``zh`` metadata of the field), nested ones joined with ``.`` — ``决定.罚款金额`` for
``decision.fine_amount`` — and the English field path is accepted as a header too.
Enumeration fields accept their Chinese labels (``有效`` for ``active``), yes/no fields
``是/否``.

A **mapping file** (TOML) describes another layout::

    record_type = "penalty-case"
    title = "行政处罚案件台账"
    ignore = ["序号", "备注"]            # columns that are read and not used

    [columns]
    "案件编号" = "id"
    "当事人名称" = "party.name"
    "承办人1" = "investigator_ids[1]"   # a repeated group: the two columns make one list
    "承办人2" = "investigator_ids[2]"
    "适用程序" = { field = "decision.procedure", values = { "一般程序" = "ordinary" } }
    "执法类别" = { field = "cert_scope", split = "、" }

    [constants]                         # the same value in every record
    "party.type" = "legal_person"

    [defaults]                          # used where the column is empty or missing
    agency_id = "AG-QHZ"

Field paths name nested fields with ``.`` and items of lists with ``[n]`` (1-based, in the
order the items are stored; empty items are left out). The first-party mappings
(:data:`BUILTIN_MAPPINGS`) are files of this form shipped in the package and addressed by
name (``esup import --mapping penalty-ledger``). The older form — a ``[record-type]`` table of
``"header" = "field.path"`` — still reads as extra columns of the default mapping.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import RECORD_TYPES, ZhEnum, record_class

__all__ = [
    "BUILTIN_MAPPINGS",
    "Column",
    "ColumnMapError",
    "ColumnMapping",
    "FieldKind",
    "default_column_map",
    "load_column_map",
    "load_mapping",
]

#: The first-party mappings shipped in the package: name → file in ``ingest/mappings``.
BUILTIN_MAPPINGS: Mapping[str, str] = {
    "penalty-ledger": "penalty-ledger.toml",
    "officer-roster": "officer-roster.toml",
    "inspection-log": "inspection-log.toml",
    # Issue 15: the township's other duties.
    "petition-ledger": "petition-ledger.toml",
    "reconsideration-ledger": "reconsideration-ledger.toml",
    "litigation-ledger": "litigation-ledger.toml",
    "major-decision-ledger": "major-decision-ledger.toml",
    "normative-document-register": "normative-document-register.toml",
    "contract-review-ledger": "contract-review-ledger.toml",
}

#: Yes/no cells: what reads as true and as false (compared after ``lower()``).
TRUE_LABELS = frozenset({"true", "1", "yes", "y", "是", "有", "√", "✓"})
FALSE_LABELS = frozenset({"false", "0", "no", "n", "否", "无", "×", "✗"})


class ColumnMapError(EsupError):
    """A mapping file is unreadable, or names fields or options that do not exist."""


@attrs.frozen
class FieldKind:
    """What kind of value one field path holds, and how its cells are read.

    ``kind`` is one of ``str``, ``bool``, ``int``, ``float``, ``amount``, ``date``,
    ``datetime``, ``enum``, ``list`` (a list of scalars: ``item`` says which kind) or
    ``json`` (a nested object or list of objects given as JSON text in one cell).
    """

    path: str
    kind: str
    #: For ``enum`` (or lists of them): Chinese label → value.
    labels: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    item: str | None = None


@attrs.frozen
class Column:
    """One column of a mapping."""

    header: str
    field: FieldKind
    #: Cell text → value, before the field's own reading (``"一般程序"`` → ``"ordinary"``).
    values: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
    #: Separators of a list cell.
    split: str = ";；"


@attrs.frozen
class ColumnMapping:
    """A record type's columns, constants and defaults."""

    record_type: str
    columns: Mapping[str, Column]
    constants: Mapping[str, tuple[FieldKind, Any]] = attrs.field(factory=dict)
    defaults: Mapping[str, tuple[FieldKind, Any]] = attrs.field(factory=dict)
    ignore: frozenset[str] = frozenset()
    #: Where it came from: ``default``, a built-in name or a file path.
    source: str = "default"
    title: str | None = None

    def __contains__(self, header: object) -> bool:
        return header in self.columns or header in self.ignore or header == "record_type"

    def known(self, header: str) -> bool:
        return header in self


# --- the model's field kinds ------------------------------------------------------------------


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _list_item(tp: Any) -> Any | None:
    if typing.get_origin(tp) in (tuple, list, frozenset, set):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return args[0] if args else None
    return None


def _scalar_kind(tp: Any) -> str | None:
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if tp is float:
        return "float"
    if tp is Decimal:
        return "amount"
    if tp is dt.datetime:
        return "datetime"
    if tp is dt.date:
        return "date"
    if isinstance(tp, type) and issubclass(tp, ZhEnum):
        return "enum"
    if tp is str:
        return "str"
    return None


def _labels(tp: Any) -> dict[str, str]:
    if isinstance(tp, type) and issubclass(tp, ZhEnum):
        return {member.label_zh: member.value for member in tp if member.label_zh}
    return {}


def _kind_for(path: str, tp: Any) -> FieldKind:
    tp = _unwrap_optional(tp)
    item = _list_item(tp)
    if item is not None:
        item_kind = _scalar_kind(item)
        if item_kind is None:
            return FieldKind(path, "json")
        return FieldKind(path, "list", _labels(item), item_kind)
    kind = _scalar_kind(tp)
    if kind is None:
        return FieldKind(path, "json")
    return FieldKind(path, kind, _labels(tp))


def _walk(
    cls: type, prefix_path: str, prefix_zh: str, depth: int, out: dict[str, FieldKind]
) -> None:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        tp = hints[field.name]
        path = f"{prefix_path}{field.name}"
        zh = f"{prefix_zh}{field.metadata.get('zh', field.name)}"
        inner = _unwrap_optional(tp)
        if attrs.has(inner) and depth == 0:
            _walk(inner, f"{path}.", f"{zh}.", depth + 1, out)
            continue
        kind = _kind_for(path, tp)
        out[zh] = kind
        out[path] = kind


_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[([1-9][0-9]*)\])?")


def resolve_path(record_type: str, path: str) -> FieldKind:
    """The kind of the field a path names (``decision.fine_amount``, ``acts[1].date``,
    ``investigator_ids[2]``); :class:`ColumnMapError` if it names nothing."""
    cls: Any = record_class(record_type)
    parts = path.split(".")
    for number, part in enumerate(parts):
        match = _SEGMENT.fullmatch(part)
        fields = {f.name: f for f in attrs.fields(cls)} if attrs.has(cls) else {}
        if match is None or match.group(1) not in fields:
            known = ", ".join(sorted(fields)) if fields else "-"
            raise ColumnMapError(
                f"字段路径 {path} 中的 “{part}” 不是 {getattr(cls, '__name__', cls)} 的字段"
                f"（记录类型 {record_type}；可用：{known}）",
                f"field path {path!r}: {part!r} is not a field of "
                f"{getattr(cls, '__name__', cls)} (record type {record_type}; known: {known})",
            )
        tp = _unwrap_optional(typing.get_type_hints(cls)[match.group(1)])
        last = number == len(parts) - 1
        if match.group(2) is not None:
            item = _list_item(tp)
            if item is None:
                raise ColumnMapError(
                    f"字段路径 {path}：{match.group(1)} 不是列表，不能写 [n]",
                    f"field path {path!r}: {match.group(1)} is not a list; [n] does not apply",
                )
            tp = item
        if last:
            kind = _kind_for(path, tp)
            if kind.kind == "json" and attrs.has(tp) and match.group(2) is not None:
                return kind
            return kind
        if not attrs.has(tp):
            raise ColumnMapError(
                f"字段路径 {path}：{match.group(1)} 没有下级字段",
                f"field path {path!r}: {match.group(1)} has no fields of its own",
            )
        cls = tp
    raise ColumnMapError(f"字段路径为空：{path!r}", f"empty field path: {path!r}")


def default_column_map(record_type: str) -> ColumnMapping:
    """The default mapping: Chinese labels and English paths → fields, from the model."""
    kinds: dict[str, FieldKind] = {}
    _walk(record_class(record_type), "", "", 0, kinds)
    return ColumnMapping(
        record_type=record_type,
        columns={header: Column(header, kind) for header, kind in kinds.items()},
    )


# --- mapping files ----------------------------------------------------------------------------


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ColumnMapError(
            f"列映射文件 {where} 不是有效的 TOML：{error}",
            f"mapping {where} is not valid TOML: {error}",
        ) from error


def _problem(where: str, zh: str, en: str) -> ColumnMapError:
    return ColumnMapError(f"列映射文件 {where}：{zh}", f"mapping {where}: {en}")


def _column(where: str, record_type: str, header: str, spec: Any) -> Column:
    if isinstance(spec, str):
        return Column(header, resolve_path(record_type, spec))
    if not isinstance(spec, Mapping) or not isinstance(spec.get("field"), str):
        raise _problem(
            where,
            f'列“{header}”应写字段路径，或 {{ field = "…", values = {{…}}, split = "…" }}',
            f'column {header!r}: expected a field path or {{ field = "...", values = '
            f'{{...}}, split = "..." }}',
        )
    unknown = sorted(set(spec) - {"field", "values", "split"})
    if unknown:
        raise _problem(
            where,
            f"列“{header}”有未知选项 {', '.join(unknown)}（可用：field, values, split）",
            f"column {header!r}: unknown option(s) {', '.join(unknown)} "
            f"(known: field, values, split)",
        )
    values = spec.get("values", {})
    if not isinstance(values, Mapping):
        raise _problem(
            where, f"列“{header}”的 values 应为表", f"column {header!r}: values must be a table"
        )
    split = spec.get("split", ";；")
    if not isinstance(split, str) or not split:
        raise _problem(
            where, f"列“{header}”的 split 应为分隔符文本", f"column {header!r}: split must be text"
        )
    return Column(header, resolve_path(record_type, spec["field"]), dict(values), split)


def _fixed(where: str, record_type: str, table: Any, name: str) -> dict[str, tuple[FieldKind, Any]]:
    if not isinstance(table, Mapping):
        raise _problem(where, f"[{name}] 应为表", f"[{name}] must be a table")
    return {path: (resolve_path(record_type, path), value) for path, value in table.items()}


def _from_data(data: Mapping[str, Any], where: str, record_type: str | None) -> ColumnMapping:
    if "columns" not in data:
        # The older form: [record-type] tables of extra headers on top of the default map.
        if record_type is None:
            raise _problem(
                where,
                "没有 [columns] 表时需要用 --type 指定记录类型",
                "without [columns], give --type",
            )
        base = default_column_map(record_type)
        columns = dict(base.columns)
        table = data.get(record_type, {})
        for header, target in table.items():
            if not isinstance(target, str):
                raise _problem(
                    where, f"列“{header}”应写字段路径", f"column {header!r}: expected a field path"
                )
            try:
                columns[header] = Column(header, resolve_path(record_type, target))
            except ColumnMapError:
                raise _problem(
                    where,
                    f"列“{header}”指向不存在的字段 {target}（记录类型 {record_type}）",
                    f"header {header!r} names unknown field {target!r} of record type "
                    f"{record_type}",
                ) from None
        return attrs.evolve(base, columns=columns, source=where)
    declared = data.get("record_type")
    if declared is not None and declared not in RECORD_TYPES:
        raise _problem(where, f"未知的记录类型 {declared}", f"unknown record type {declared!r}")
    if declared is not None and record_type is not None and declared != record_type:
        raise _problem(
            where,
            f"映射用于 {declared}，而 --type 为 {record_type}",
            f"the mapping is for {declared}, but --type is {record_type}",
        )
    kind = declared or record_type
    if kind is None:
        raise _problem(where, "缺少 record_type", "no record_type (give it in the file or --type)")
    unknown = sorted(
        set(data) - {"record_type", "title", "columns", "constants", "defaults", "ignore", "name"}
    )
    if unknown:
        raise _problem(
            where, f"未知的项 {', '.join(unknown)}", f"unknown key(s) {', '.join(unknown)}"
        )
    table = data["columns"]
    if not isinstance(table, Mapping):
        raise _problem(where, "[columns] 应为表", "[columns] must be a table")
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(h, str) for h in ignore):
        raise _problem(where, "ignore 应为列名列表", "ignore must be a list of column headers")
    title = data.get("title")
    return ColumnMapping(
        record_type=kind,
        columns={header: _column(where, kind, header, spec) for header, spec in table.items()},
        constants=_fixed(where, kind, data.get("constants", {}), "constants"),
        defaults=_fixed(where, kind, data.get("defaults", {}), "defaults"),
        ignore=frozenset(ignore),
        source=where,
        title=title if isinstance(title, str) else None,
    )


def builtin_mapping_text(name: str) -> str:
    """The TOML text of a first-party mapping."""
    return (
        resources.files("enforcement_supervision.ingest") / "mappings" / BUILTIN_MAPPINGS[name]
    ).read_text(encoding="utf-8")


def load_mapping(spec: str | os.PathLike[str], record_type: str | None = None) -> ColumnMapping:
    """A mapping by first-party name (``penalty-ledger``) or from a TOML file."""
    if isinstance(spec, str) and spec in BUILTIN_MAPPINGS:
        data = _read_toml(builtin_mapping_text(spec), spec)
        return _from_data(data, spec, record_type)
    path = Path(spec)
    if not path.is_file():
        raise ColumnMapError(
            f"找不到列映射：{spec}（内置映射：{', '.join(BUILTIN_MAPPINGS)}）",
            f"no such mapping: {spec} (built-in mappings: {', '.join(BUILTIN_MAPPINGS)})",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ColumnMapError(
            f"无法读取列映射文件 {path}：{error}", f"cannot read mapping {path}: {error}"
        ) from error
    return _from_data(_read_toml(text, str(path)), str(path), record_type)


def load_column_map(path: str | os.PathLike[str], record_type: str) -> ColumnMapping:
    """A mapping file (either form) for ``record_type``."""
    return load_mapping(path, record_type)
