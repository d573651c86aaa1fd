"""The fast path of import: validate a row and produce its stored form in C (msgspec).

For each model class a msgspec ``Struct`` mirrors the attrs class: the same field names,
the same required fields and defaults, unknown fields forbidden, and value types that accept
exactly the canonical forms :func:`~enforcement_supervision.model.structure_record` accepts
(non-blank text, non-negative integers and numbers, enumeration values, ``YYYY-MM-DD``
dates). Amounts and date-times are read as their raw JSON values and put in their stored
form by a small ``__post_init__``. Encoding the struct with sorted keys then gives the
record's canonical JSON — exactly the bytes :func:`~enforcement_supervision.model.payload_hash`
hashes — in one pass, without building the attrs record or its dict.

The fast path never rejects: anything it does not take (an error, an unusual but valid form,
a float whose text Python and msgspec would write differently) is decided by the reference
path (``structure_record`` and ``unstructure_record``), which reports every problem. So the
fast path accepts nothing the reference path rejects, and stores the same payload and hash
for everything it accepts (``tests/ingest/test_import_fast.py`` checks both).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any, NamedTuple

import attrs
import msgspec

from enforcement_supervision.model import RECORD_TYPES, ZhEnum
from enforcement_supervision.model._convert import (
    _DATETIME_RE,
    MAX_ID_LENGTH,
    _canonical_amount,
    _plain_shanghai_wall,
)
from enforcement_supervision.model._introspect import (
    list_item_type,
    resolved_fields,
    split_optional,
)

__all__ = ["FastRow", "Row", "convert_row", "decode_line", "decode_row", "from_mapping"]

_NonNegativeInt = Annotated[int, msgspec.Meta(ge=0)]
_NonNegativeFloat = Annotated[float, msgspec.Meta(ge=0)]
_RawAmount = str | int | float
_ENCODER = msgspec.json.Encoder(order="sorted")
_sha256 = hashlib.sha256
# ``{"record_type": "penalty-case", ...`` — how this library's exports (and most files) begin.
_LEADING_TYPE = re.compile(rb'\s*\{\s*"record_type"\s*:\s*"([a-z-]{1,40})"')


class _Slow(ValueError):
    """The fast path does not take this value; the reference path decides."""


def _blank_patterns() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """A JSON string token of white space only (``str.strip()`` leaves nothing), in the
    encoder's own output: every character ``str.isspace()`` holds for, as the encoder
    writes it (``\\t``, ``\\u000b``, raw UTF-8 for U+3000 ...); and a quick pattern for
    where such a token may start (a quote and the first byte of one of those, or another
    quote)."""
    spaces = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and chr(c).isspace()]
    encoded = sorted({_ENCODER.encode(c)[1:-1] for c in spaces}, key=len, reverse=True)
    blank = re.compile(b'"(?:' + b"|".join(re.escape(e) for e in encoded) + b')*"')
    firsts = sorted({e[:1] for e in encoded} | {b'"'})
    start = re.compile(b'"[' + b"".join(re.escape(f) for f in firsts) + b"]")
    return blank, start


#: A blank string token, and where one may start. Field names are never blank; an escaped
#: quote followed by spaces may match too, which only sends the row to the reference path.
_BLANK, _BLANK_START = _blank_patterns()


def _has_blank(payload: bytes) -> bool:
    search, match = _BLANK_START.search, _BLANK.match
    found = search(payload)
    while found is not None:
        at = found.start()
        if match(payload, at):
            return True
        found = search(payload, at + 1)
    return False


_CANONICAL_AMOUNT = re.compile(r"(?:0|[1-9][0-9]*)\.[0-9]{2}")
_EIGHT_HOURS = dt.timedelta(hours=8)
_fromisoformat = dt.datetime.fromisoformat


def _amount(value: Any) -> str:
    if value.__class__ is str and _CANONICAL_AMOUNT.fullmatch(value):
        return value
    return _canonical_amount(value)[1]


_UTC_SECONDS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


#: Stored forms of date-time texts already seen (at most _MOMENTS_KEPT: memory stays bounded).
_MOMENTS: dict[str, str] = {}
_MOMENTS_KEPT = 8192


def _moment(value: Any) -> str:
    if value.__class__ is str:
        found = _MOMENTS.get(value)
        if found is None:
            found = _new_moment(value)
            if len(_MOMENTS) < _MOMENTS_KEPT:
                _MOMENTS[value] = found
        return found
    return _new_moment(value)


def _new_moment(value: Any) -> str:
    # The text branch of _canonical_datetime, without building the pendulum DateTime.
    if value.__class__ is str and _UTC_SECONDS.fullmatch(value):
        _fromisoformat(value)  # a valid instant; then the text is its own stored form
        return value
    if value.__class__ is str and _DATETIME_RE.match(value):
        parsed = _fromisoformat(value)
        if parsed.tzinfo is not None:
            utc = parsed if value[-1] == "Z" else parsed.astimezone(dt.UTC)
            return utc.isoformat()[:-6] + "Z"
        if _plain_shanghai_wall(parsed):
            return (parsed - _EIGHT_HOURS).isoformat() + "Z"
    raise _Slow("date-time not in a form the fast path takes")


def _float(value: float) -> float:
    # Python's repr and msgspec write the same shortest text for floats in this range
    # (outside it Python switches to exponents such as 1e-05 or 1e+16 and msgspec does not).
    if value == 0.0 or 1e-4 <= value < 1e15:
        return value
    raise _Slow("float outside the range written alike")


_STRUCTS: dict[tuple[type[Any], bool], type[msgspec.Struct]] = {}


def _post_init(
    name: str, fixers: list[tuple[str, Callable[[Any], Any], bool]]
) -> Callable[..., None]:
    """A generated ``__post_init__`` that puts amounts, date-times and floats in their stored
    form (a function per class: no loop, no ``getattr`` by name)."""
    ns: dict[str, Any] = {}
    body: list[str] = []
    for index, (field, fix, many) in enumerate(fixers):
        ns[f"_fix{index}"] = fix
        body += [f"v = self.{field}", "if v is not None:"]
        body.append(
            f"    self.{field} = tuple(map(_fix{index}, v))"
            if many
            else f"    self.{field} = _fix{index}(v)"
        )
    source = "def __post_init__(self):\n" + "".join(f"    {line}\n" for line in body)
    exec(compile(source, f"<fast {name}>", "exec"), ns)
    post_init: Callable[..., None] = ns["__post_init__"]
    return post_init


def _field_type(cls: type[Any], name: str, tp: Any) -> tuple[Any, Callable[[Any], Any] | None]:
    """The struct type of one field and the fixer that puts its value in the stored form."""
    item = list_item_type(tp)
    if item is not None:
        inner, fix = _field_type(cls, name, item)
        return tuple[inner, ...], fix  # type: ignore[valid-type]
    if attrs.has(tp):
        return _struct_for(tp), None
    if isinstance(tp, type) and issubclass(tp, ZhEnum):
        return tp, None
    if tp is str:
        return str, None  # non-blank: checked on the encoded form (_BLANK)
    if tp is bool:
        return bool, None
    if tp is int:
        return _NonNegativeInt, None
    if tp is float:
        return _NonNegativeFloat, _float
    if tp is Decimal:
        return _RawAmount, _amount
    if tp is dt.datetime:
        return str, _moment
    if tp is dt.date:
        return dt.date, None
    raise TypeError(f"{cls.__name__}.{name}: unsupported field type {tp!r}")


def _struct_for(cls: type[Any], *, top: bool = False) -> type[msgspec.Struct]:
    key = (cls, top)
    found = _STRUCTS.get(key)
    if found is not None:
        return found
    fields: list[tuple[str, Any, Any]] = []
    fixers: list[tuple[str, Callable[[Any], Any], bool]] = []
    for field in resolved_fields(cls):
        tp, optional = split_optional(field.type)
        struct_type, fix = _field_type(cls, field.name, tp)
        if optional:
            struct_type = struct_type | None
        if fix is not None:
            fixers.append((field.name, fix, list_item_type(tp) is not None))
        if field.default is attrs.NOTHING:
            fields.append((field.name, struct_type, msgspec.NODEFAULT))
        else:
            fields.append((field.name, struct_type, field.default))
    if top:
        # The row's own record type: read, checked and left out of the stored form.
        fields.append(("record_type", str | None, None))
    namespace = {"__post_init__": _post_init(cls.__name__, fixers)} if fixers else {}
    struct = msgspec.defstruct(
        f"Fast{cls.__name__}{'Row' if top else ''}",
        fields,
        kw_only=True,
        forbid_unknown_fields=True,
        omit_defaults=True,
        # Not tracked by the garbage collector: a struct holds only text, numbers, dates,
        # enumeration members and other such structs (no reference cycle can form), and
        # tracking the dozens of structs a penalty case decodes into cost a quarter of the
        # validation's time in collections.
        gc=False,
        namespace=namespace,
        module=__name__,
    )
    _STRUCTS[key] = struct
    return struct


class FastRow(NamedTuple):
    """A validated row in its stored form (a tuple: it travels back from a worker process as
    one, and is the fields of a ``PreparedRecord`` in their order)."""

    record_type: str
    record_id: str
    agency_id: str | None
    #: The canonical JSON (sorted keys, no whitespace, UTF-8): stored and hashed as it is.
    payload: bytes
    content_hash: str


_DECODERS: dict[str, msgspec.json.Decoder[Any]] = {}
_TYPE_NAMES: dict[bytes, str] = {name.encode(): name for name in RECORD_TYPES}


def _decoder(record_type: str) -> msgspec.json.Decoder[Any]:
    decoder = _DECODERS.get(record_type)
    if decoder is None:
        decoder = msgspec.json.Decoder(_struct_for(RECORD_TYPES[record_type], top=True))
        _DECODERS[record_type] = decoder
    return decoder


#: A validated row in its stored form as a plain tuple (the fields of :class:`FastRow`): what
#: the import's hot loop hands on (a plain tuple pickles and unpickles without Python code).
Row = tuple[str, str, str | None, bytes, str]


def _finish(record_type: str, value: Any) -> Row | None:
    if value.record_type is not None and value.record_type != record_type:
        return None
    value.record_type = None
    record_id = value.id
    agency_id = getattr(value, "agency_id", None)
    if len(record_id) > MAX_ID_LENGTH or (agency_id is not None and len(agency_id) > MAX_ID_LENGTH):
        return None
    payload = _ENCODER.encode(value)
    if _has_blank(payload):
        return None
    return (record_type, record_id, agency_id, payload, _sha256(payload).hexdigest())


def decode_row(line: bytes, default_type: str | None) -> Row | None:
    """:func:`decode_line` as a plain tuple (the import's hot loop)."""
    match = _LEADING_TYPE.match(line)
    if match is not None:
        name = match.group(1)
        # The one text object of each known type name: every row of a chunk then shares it
        # (pickled once per chunk on its way back from a worker).
        record_type = _TYPE_NAMES.get(name) or name.decode()
    else:
        record_type = default_type
    if record_type is None:
        return None
    decoder = _DECODERS.get(record_type)
    if decoder is None:
        if record_type not in RECORD_TYPES:
            return None
        decoder = _decoder(record_type)
    try:
        value = decoder.decode(line)
    except Exception:
        return None
    if match is None and value.record_type is not None:
        return None  # the type named later in the row decides: the reference path
    return _finish(record_type, value)


def decode_line(line: bytes, default_type: str | None) -> FastRow | None:
    """A JSON Lines row validated and in its stored form, or ``None`` when the reference path
    must decide (any problem, or a form the fast path does not take)."""
    row = decode_row(line, default_type)
    return None if row is None else FastRow(*row)


def convert_row(record_type: str, data: Mapping[str, Any]) -> Row | None:
    """:func:`from_mapping` as a plain tuple (the import's hot loop)."""
    if record_type not in RECORD_TYPES:
        return None
    try:
        value = msgspec.convert(data, _struct_for(RECORD_TYPES[record_type], top=True), strict=True)
    except Exception:
        return None
    return _finish(record_type, value)


def from_mapping(record_type: str, data: Mapping[str, Any]) -> FastRow | None:
    """A row already read into Python values (CSV, spreadsheets, the API), validated and in
    its stored form, or ``None`` when the reference path must decide."""
    row = convert_row(record_type, data)
    return None if row is None else FastRow(*row)
