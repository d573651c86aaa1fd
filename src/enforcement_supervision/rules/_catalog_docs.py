"""Rule catalog pages in Markdown, generated from the rules' own metadata.

One page per category, in the style of Ruff's rule pages: for each rule its names, legal
basis, validity, severity, parameters with their defaults, and its docs (what it flags, why,
an example that flags and one that does not, how to configure it). The documentation build
and ``esup rules docs`` both use it, so the catalog can never drift from the code.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from enforcement_supervision.rules._meta import Category, Parameter, Rule

__all__ = ["render_rule_catalog", "render_rule_markdown"]


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _parameter_rows(parameters: Iterable[Parameter]) -> list[str]:
    rows = [
        "| parameter | default | unit | dated values | meaning |",
        "|---|---|---|---|---|",
    ]
    for parameter in parameters:
        dated = "; ".join(
            f"from {v.since}: {v.value}" + (f" ({v.source.cite('zh')})" if v.source else "")
            for v in parameter.values
        )
        kind = " (reading)" if parameter.reading else ""
        kind += " (pack parameter)" if parameter.shared else ""
        rows.append(
            f"| `{parameter.name}`{kind} | `{_cell(parameter.default)}` | {_cell(parameter.unit)}"
            f" | {_cell(dated)} | {_cell(parameter.doc)} |"
        )
    return rows


def render_rule_markdown(rule: Rule, *, heading_level: int = 2) -> str:
    """One rule as a Markdown section."""
    hashes = "#" * heading_level
    # An explicit label gives every rule a stable anchor (#pen-decision-90d) that links from
    # SARIF helpUri and the index can rely on, whatever slug the heading text would produce.
    lines = [
        f"({rule.id.lower()})=",
        f"{hashes} {rule.id} — {rule.title_zh}",
        "",
        f"*{rule.title_en}*",
        "",
    ]
    categories = ", ".join(f"{c.label('zh')} ({c.value})" for c in rule.categories)
    subject = (
        f"groups of `{', '.join(rule.applies_to)}`"
        if rule.group_by
        else f"`{', '.join(rule.applies_to)}`"
    )
    validity = f"{rule.valid_from or '—'} … {rule.valid_to or 'in force'}"
    lines += [
        "| | |",
        "|---|---|",
        f"| severity | {rule.severity.value} |",
        f"| categories | {categories} |",
        f"| applies to | {subject} |",
        f"| in force (date of the facts) | {validity} |",
        f"| waivable | {'yes' if rule.waivable else 'no'} |",
        f"| version | {rule.version} |",
        f"| plugin | {rule.plugin or '—'} |",
        "",
        "**Legal basis:**",
        "",
    ]
    for basis in rule.legal_basis:
        mark = f" ({basis.verification})" if basis.verification else ""
        link = f" <{basis.url}>" if basis.url else ""
        english = basis.cite("en")
        lines.append(f"- {basis.cite('zh')} — {english}{mark}{link}")
    lines.append("")
    if rule.screen is not None:
        # The screen is part of what a reader must trust: say which subjects the engine leaves
        # out without running the rule, and why they cannot flag (docs/guide/screens.md).
        lines += [
            "**Screen:** the rule runs only on the subjects its screen selects; the others "
            f"cannot flag because: {_cell(rule.screen.reason)} "
            "(`esup check --verify-screens` checks this).",
            "",
        ]
    if not rule.docs.is_empty():
        lines += [rule.docs.to_markdown(heading_level=heading_level + 1), ""]
    if rule.parameters:
        lines += [f"{hashes}# Parameters", "", *_parameter_rows(rule.parameters), ""]
    if rule.messages:
        lines += [f"{hashes}# Messages", "", *_message_rows(rule), ""]
    return "\n".join(lines)


def _message_rows(rule: Rule) -> list[str]:
    rows = ["| kind | 中文 | English | cites |", "|---|---|---|---|"]
    for kind, message in rule.messages.items():
        severity = f" ({message.severity.value})" if message.severity else ""
        cites = "; ".join(basis.cite("zh") for basis in message.articles) or "—"
        rows.append(
            f"| `{kind}`{severity} | {_cell(message.zh)} | {_cell(message.en)} | {_cell(cites)} |"
        )
    return rows


def render_rule_catalog(rules: Iterable[Rule]) -> dict[str, str]:
    """``{file name: Markdown}``: ``index.md`` plus one page per category.

    A rule is described on the page of its first category and listed in the index under all
    of its categories.
    """
    ordered = sorted(rules, key=lambda r: r.id)
    pages: dict[str, str] = {}
    index = [
        "# Rule catalog 规则目录",
        "",
        "Generated from the installed rule plugins' metadata. `esup rules show ID` prints the",
        "same information with the parameter values in force in your configuration.",
        "",
        "| rule | 名称 | severity | categories | plugin |",
        "|---|---|---|---|---|",
    ]
    for rule in ordered:
        primary = rule.categories[0].value
        anchor = rule.id.lower()
        index.append(
            f"| [{rule.id}]({primary}.md#{anchor}) | {_cell(rule.title_zh)} | "
            f"{rule.severity.value} | {', '.join(c.value for c in rule.categories)} | "
            f"{rule.plugin or '—'} |"
        )
    toctree = ["", "```{toctree}", ":hidden:", ""]
    for category in Category:
        members = [r for r in ordered if r.categories[0] is category]
        name = f"{category.value}.md"
        body = [
            f"# {category.label('zh')} — {category.label('en')}",
            "",
            f"Rules whose first category is `{category.value}`.",
            "",
        ]
        if not members:
            body.append("No installed rule has this as its first category.")
        for rule in members:
            body += [render_rule_markdown(rule), ""]
        pages[name] = "\n".join(body).rstrip() + "\n"
        toctree.append(category.value)
    toctree.append("```")
    pages["index.md"] = "\n".join(index + toctree) + "\n"
    return pages
