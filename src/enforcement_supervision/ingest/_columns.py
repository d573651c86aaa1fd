"""Column maps: spreadsheet headers (Chinese by default) → dotted field paths of the model.

The default map of a record type is derived from the model: every scalar field, and the
scalar fields of nested single objects, get a column named by their Chinese label (the
``zh`` metadata of the field), nested ones joined with ``.`` — for example
``决定.罚款金额`` for ``decision.fine_amount``. English field paths are always accepted as
headers too. A deployment whose spreadsheets use other headers supplies a TOML column map::

    [penalty-case]
    "案件编号" = "id"
    "立案时间" = "filed_date"
"""

from __future__ import annotations

import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from enforcement_supervision.errors import EsupError
from enforcement_supervision.model import ZhEnum, record_class

__all__ = ["ColumnMap", "ColumnMapError", "FieldKind", "default_column_map", "load_column_map"]


class ColumnMapError(EsupError):
    """A column map file is unreadable or names fields that do not exist."""


@attrs.frozen
class FieldKind:
    """How a spreadsheet cell for one field is read."""

    path: str
    #: ``scalar``, ``bool``, ``scalar-list`` (cells split on ``;``) or ``json`` (a JSON value).
    kind: str
    #: For enumeration fields (or lists of them): Chinese label → value, so that a sheet may say
    #: ``罚款`` where JSON says ``fine``.
    labels: Mapping[str, str] = attrs.field(factory=dict, eq=False)


ColumnMap = Mapping[str, FieldKind]


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _kind_of(tp: Any) -> str:
    tp = _unwrap_optional(tp)
    if tp is bool:
        return "bool"
    origin = typing.get_origin(tp)
    if origin in (tuple, list, frozenset, set):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if args and attrs.has(args[0]):
            return "json"
        return "scalar-list"
    if attrs.has(tp) or origin in (dict, typing.Mapping):
        return "json"
    return "scalar"


def _enum_labels(tp: Any) -> dict[str, str]:
    tp = _unwrap_optional(tp)
    if typing.get_origin(tp) in (tuple, list, frozenset, set):
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        tp = args[0] if args else None
    if isinstance(tp, type) and issubclass(tp, ZhEnum):
        return {member.label_zh: member.value for member in tp if member.label_zh}
    return {}


def _walk(
    cls: type, prefix_path: str, prefix_zh: str, depth: int, out: dict[str, FieldKind]
) -> None:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        tp = hints[field.name]
        path = f"{prefix_path}{field.name}"
        label = str(field.metadata.get("zh", field.name))
        zh = f"{prefix_zh}{label}"
        inner = _unwrap_optional(tp)
        if attrs.has(inner) and depth == 0:
            _walk(inner, f"{path}.", f"{zh}.", depth + 1, out)
            continue
        kind = FieldKind(path, _kind_of(tp), _enum_labels(tp))
        out[zh] = kind
        out[path] = kind


def default_column_map(record_type: str) -> dict[str, FieldKind]:
    """Headers (Chinese labels and English paths) → fields, derived from the model."""
    out: dict[str, FieldKind] = {}
    _walk(record_class(record_type), "", "", 0, out)
    return out


def load_column_map(path: Path, record_type: str) -> dict[str, FieldKind]:
    """The default map for ``record_type`` extended by the ``[record_type]`` table of ``path``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ColumnMapError(
            f"无法读取列映射文件 {path}：{error}", f"cannot read column map {path}: {error}"
        ) from error
    base = default_column_map(record_type)
    by_path = {kind.path: kind for kind in base.values()}
    table = data.get(record_type, {})
    for header, target in table.items():
        if target not in by_path:
            raise ColumnMapError(
                f"列映射文件 {path} 中列“{header}”指向不存在的字段 {target}"
                f"（记录类型 {record_type}）",
                f"column map {path}: header {header!r} names unknown field {target!r} "
                f"of record type {record_type}",
            )
        base[header] = by_path[target]
    return base
