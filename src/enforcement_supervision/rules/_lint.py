"""Checks of a rule's texts, run by a pack's own tests (:mod:`enforcement_supervision.testing`).

A rule's texts are its message templates, declared beside the rule; its code only chooses a
template kind and gives the values. These checks read the source and the templates and return
what they find wrong, one line each, so a test can assert an empty list and show every problem
at once:

* :func:`message_text_in_code` — Chinese text, or ``message_zh=`` / ``message_en=``, in a
  function body (labels that name a deadline are allowed: they are shown in the trace);
* :func:`template_language_problems` — a Chinese template with Latin words, an English one
  with Chinese, a deadline said as "（… 前）" instead of plainly;
* :func:`citation_problems` — a template no code path uses, a finding template citing no
  article or an article outside the rule's legal basis, a note template citing one.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from enforcement_supervision.rules._meta import Rule

__all__ = [
    "LABEL_KEYWORDS",
    "citation_problems",
    "code_without_declarations",
    "message_text_in_code",
    "note_kinds",
    "template_language_problems",
]

_CJK = re.compile("[\u4e00-\u9fff]")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_NOTE_CALL = re.compile(r'ctx\.(?:note|undecided)\(\s*"([a-z0-9-]+)"')

#: Keywords whose values name a deadline in the calendar's trace and the statement of reasons
#: ("zh / en" labels, each language shown its own half): labels, not messages.
LABEL_KEYWORDS = frozenset({"start_label", "start_label_en", "label", "label_en", "deadlines"})


def _functions(tree: ast.AST) -> list[ast.FunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def _label_nodes(function: ast.FunctionDef, labels: frozenset[str]) -> set[int]:
    return {
        id(sub)
        for node in ast.walk(function)
        if isinstance(node, ast.keyword) and node.arg in labels
        for sub in ast.walk(node.value)
    }


def message_text_in_code(
    code: ModuleType | Callable[..., Any], *, labels: Iterable[str] = LABEL_KEYWORDS
) -> list[str]:
    """What in the functions of ``code`` (a module, or one function) is message text.

    Decorators (where templates are declared) and docstrings are not bodies; the values of the
    ``labels`` keywords are allowed; ``ctx.note`` / ``ctx.undecided`` must name a template kind
    and nothing else.
    """
    allowed = frozenset(labels)
    tree = ast.parse(textwrap.dedent(inspect.getsource(code)))
    problems: list[str] = []
    for function in _functions(tree):
        label_nodes = _label_nodes(function, allowed)
        body = function.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring
        for statement in body:
            for node in ast.walk(statement):
                if isinstance(node, ast.keyword) and node.arg in ("message_zh", "message_en"):
                    problems.append(f"{function.name}: {node.arg}= (declare a template)")
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in label_nodes
                    and _CJK.search(node.value)
                ):
                    problems.append(f"{function.name}: Chinese text {node.value!r}")
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("note", "undecided")
                    and len(node.args) != 1
                ):
                    problems.append(f"{function.name}: {ast.unparse(node)} (name a template)")
    return problems


def template_language_problems(rule: Rule, *, allow_latin: Iterable[str] = ()) -> list[str]:
    """What in ``rule``'s templates is in the other language, or says a deadline as "（… 前）".

    ``allow_latin`` lists Latin words a Chinese template may keep (e.g. a severity "S4").
    """
    problems: list[str] = []
    if not rule.messages:
        return [f"{rule.id}: no message templates"]
    for kind, message in rule.messages.items():
        zh = _PLACEHOLDER.sub("", message.zh)
        for word in allow_latin:
            zh = zh.replace(word, "")
        if re.search("[A-Za-z]{2,}", zh):
            problems.append(f"{rule.id} {kind}: Latin text in the Chinese template {message.zh!r}")
        if _CJK.search(_PLACEHOLDER.sub("", message.en)):
            problems.append(f"{rule.id} {kind}: Chinese text in the English template")
        if "前）" in message.zh:
            problems.append(f"{rule.id} {kind}: a deadline said as '（… 前）', not plainly")
    return problems


def note_kinds(source: str) -> set[str]:
    """The template kinds ``source`` uses for notes and stops (``ctx.note`` / ``ctx.undecided``):
    they are not findings and cite nothing."""
    return set(_NOTE_CALL.findall(source))


def code_without_declarations(code: ModuleType | Callable[..., Any]) -> str:
    """The source of ``code`` without its functions' decorators (where templates are declared):
    the code that may use a template's kind."""
    source = textwrap.dedent(inspect.getsource(code))
    drop: set[int] = set()
    for function in _functions(ast.parse(source)):
        for decorator in function.decorator_list:
            end = decorator.end_lineno if decorator.end_lineno is not None else decorator.lineno
            drop.update(range(decorator.lineno - 1, end))
    lines = source.splitlines()
    return "\n".join(line for index, line in enumerate(lines) if index not in drop)


def citation_problems(rule: Rule, source: str) -> list[str]:
    """What in ``rule``'s templates is unused or cites wrongly, given the ``source`` that may
    use them (the rule's module or body, without the declarations).

    Every template kind must appear in ``source``; a note's template cites nothing; a finding's
    cites at least one article, each within the rule's legal basis (which lists every provision
    a path may apply).
    """
    notes = note_kinds(source)
    cited = {(basis.instrument_id, basis.article) for basis in rule.legal_basis}
    problems: list[str] = []
    for kind, message in rule.messages.items():
        if f'"{kind}"' not in source:
            problems.append(f"{rule.id} {kind}: template not used by any path")
        if kind in notes:
            if message.articles:
                problems.append(f"{rule.id} {kind}: a note's template cites articles")
            continue
        if not message.articles:
            problems.append(f"{rule.id} {kind}: a finding's template cites no article")
        for basis in message.articles:
            if (basis.instrument_id, basis.article) not in cited:
                problems.append(
                    f"{rule.id} {kind}: cites {basis.instrument_id} Art. {basis.article}, "
                    "outside the rule's legal basis"
                )
    return problems
