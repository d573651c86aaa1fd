"""Generate the data-model reference page (docs/reference/data-model.md) from the code.

Run ``python -m enforcement_supervision.model._docgen`` from the repository root to refresh
the page; ``--check`` exits with status 1 if the page is out of date.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from enforcement_supervision.model._enums import ZhEnum
from enforcement_supervision.model._events import event_fields
from enforcement_supervision.model._introspect import class_summary, describe_fields, enums_used
from enforcement_supervision.model._registry import RECORD_TYPES

__all__ = ["DEFAULT_PATH", "main", "render"]

DEFAULT_PATH = Path("docs/reference/data-model.md")

_INTRO = """\
# Data model reference

<!-- Generated from the code by `python -m enforcement_supervision.model._docgen`.
     Do not edit by hand: a test fails when this page and the model disagree. -->

Every record the library supervises is a frozen, typed attrs class in
`enforcement_supervision.model`. Records are read from and written to JSON through
`structure_record(record_type, data)` and `unstructure_record(record)`;
`json_schema(record_type)` (CLI: `esup schema TYPE`) gives the JSON Schema of each type.

Conventions:

- Every record has an `id` (stable, given by the source system) and a kebab-case record type.
  Records that belong to an agency have an `agency_id`; work is partitioned by it.
- **date** fields are written `YYYY-MM-DD`. **datetime** fields are ISO 8601; an offset is
  honoured, a value without one is taken as Asia/Shanghai local time. They are kept
  in Asia/Shanghai and written out in UTC with a trailing `Z`.
- **money** is yuan, never negative, with at most two decimal places; it may be given as a
  string (`"200.00"`, preferred) or a number, and is written as a string with two decimals.
- **integer** and **number** fields are never negative. **text** is never blank: leave an
  unknown field out (or give `null`) instead of writing an empty string.
- Enumerations are written as their English values; each value has a Chinese label
  (see "Enumerations" below).
- Fields left out are `null` (or an empty list). Boolean facts are `null` when not recorded,
  which is different from `false`: rules flag recorded failures, not missing data.
- Unknown fields are rejected (a typo must not lose data silently); the error names the field
  and suggests the nearest known name.
- Structurally invalid input (missing required field, unparseable date, negative amount,
  unknown enumeration value, wrong type) is rejected with every problem listed, in Chinese and
  English. Well-formed but odd data (a decision dated before the filing) is accepted: finding
  that is the rules' job.
- The **personal** column marks fields holding personal data (`name`, `id_number`, `phone`,
  `reporter`, `supervisor`, `petitioner`, `address`); such data is never logged and is masked
  in reports.
  `personal_fields(record_type)` lists them.
- In field paths, `.` enters a nested object and `[]` the items of a list.
- The **as of** column marks the dates that record events, which a check as of an earlier
  day does not see: `record` — the object holding the field (the record, a part of it, an
  item of a list) came into being on that date and does not exist before it; `date` — a step
  happened on that date and the field is empty before it (with the fields named after `+`,
  which that step produced). Other dates (validity bounds, deadlines set in a document) are
  seen as recorded. `event_fields(cls)` and `as_of_view(record, day)` use the same markings.
"""

_LATER = """\
## Guides to the record types

How each group of record types is used by the rules, with worked examples:

- penalty cases, inspections, coercive measures and licences: the [rule catalog](../rules/index.md);
- the supervision mechanism: [Supervision-mechanism rules](../guide/supervision-rules.md);
- petitions (信访, `petition`): [Petitions](../guide/petitions.md);
- reconsideration and litigation (行政复议与行政诉讼, `reconsideration`, `lawsuit`):
  [Reconsideration and litigation](../guide/reconsideration-litigation.md);
- major administrative decisions (重大行政决策, `major-decision`):
  [Major decisions](../guide/major-decisions.md);
- normative documents and contracts (规范性文件与合同, `normative-document`, `contract`):
  [Normative documents and contracts](../guide/normative-documents.md).

Findings (the rule engine's output) are defined with the rule API (`enforcement_supervision.rules`)
and stored by the store; they are not input records.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _record_section(record_type: str) -> list[str]:
    cls = RECORD_TYPES[record_type]
    lines = [
        f"## `{record_type}` — {cls.label_zh}",
        "",
        f"Class `{cls.__name__}`. {class_summary(cls)}",
        "",
        "| field | type | required | 中文 | description | personal | as of |",
        "|---|---|---|---|---|---|---|",
    ]
    events = {item.path: item for item in event_fields(cls)}
    for info in describe_fields(record_type):
        event = events.get(info.path)
        as_of = ""
        if event is not None:
            as_of = event.role + "".join(f" +`{name}`" for name in event.clears)
        lines.append(
            f"| `{info.path}` | {_cell(info.type)} | {'yes' if info.required else ''} "
            f"| {_cell(info.zh)} | {_cell(info.doc)} | {info.personal or ''} | {as_of} |"
        )
    lines.append("")
    return lines


def _enum_section(enum_cls: type[ZhEnum]) -> list[str]:
    lines = [
        f"### {enum_cls.__name__}",
        "",
        class_summary(enum_cls),
        "",
        "| value | 中文 |",
        "|---|---|",
    ]
    lines.extend(f"| `{member.value}` | {_cell(member.label_zh)} |" for member in enum_cls)
    lines.append("")
    return lines


def render() -> str:
    """The full Markdown text of the data-model reference page."""
    lines = [_INTRO]
    lines.append("## Record types")
    lines.append("")
    lines.append("| record type | 中文 | class |")
    lines.append("|---|---|---|")
    for record_type, cls in RECORD_TYPES.items():
        lines.append(f"| `{record_type}` | {cls.label_zh} | `{cls.__name__}` |")
    lines.append("")
    for record_type in RECORD_TYPES:
        lines.extend(_record_section(record_type))
    lines.append("## Enumerations")
    lines.append("")
    used: set[type[ZhEnum]] = set()
    for cls in RECORD_TYPES.values():
        used |= enums_used(cls)
    for enum_cls in sorted(used, key=lambda e: e.__name__):
        lines.extend(_enum_section(enum_cls))
    lines.append(_LATER)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check``, verify) the data-model page; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m enforcement_supervision.model._docgen",
        description="Generate the data-model reference page from the model.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--check", action="store_true", help="only check that it is current")
    args = parser.parse_args(argv)
    path: Path = args.path
    text = render()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path} is out of date; run without --check to refresh it", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
