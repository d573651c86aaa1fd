"""``-k EXPR`` of ``esup rules test``: pytest's keyword expressions over case ids.

``EXPR`` combines words with ``and``, ``or``, ``not`` and parentheses; a word matches a case
when it occurs, ignoring case, in the case id (``RULE-ID::case name``) or its file name. A
small recursive-descent parser, not ``eval``: the expression comes from the command line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import click

from enforcement_supervision.cli._i18n import say

__all__ = ["compile_keyword_expression"]

_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")

Matcher = Callable[[str], bool]


def compile_keyword_expression(text: str) -> Matcher:
    """A predicate over the text a case is matched against (its id and file name)."""
    tokens = [match.group(1) for match in _TOKEN.finditer(text)]
    if not tokens:
        raise click.BadParameter(say("表达式为空", "empty expression"), param_hint="-k")
    parser = _Parser(tokens, text)
    matcher = parser.expression()
    if parser.position != len(tokens):
        parser.fail(f"unexpected {tokens[parser.position]!r}")
    return matcher


class _Parser:
    def __init__(self, tokens: list[str], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.position = 0

    def fail(self, why: str) -> None:
        raise click.BadParameter(f"{why} in {self.text!r}", param_hint="-k")

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            self.fail("unexpected end")
            raise AssertionError  # fail raises
        self.position += 1
        return token

    def expression(self) -> Matcher:
        left = self.conjunction()
        while self.peek() == "or":
            self.take()
            right = self.conjunction()
            left = _either(left, right)
        return left

    def conjunction(self) -> Matcher:
        left = self.negation()
        while self.peek() == "and":
            self.take()
            right = self.negation()
            left = _both(left, right)
        return left

    def negation(self) -> Matcher:
        if self.peek() == "not":
            self.take()
            inner = self.negation()
            return lambda text: not inner(text)
        return self.atom()

    def atom(self) -> Matcher:
        token = self.take()
        if token == "(":
            inner = self.expression()
            if self.take() != ")":
                self.fail("missing ')'")
            return inner
        if token in (")", "and", "or", "not"):
            self.fail(f"unexpected {token!r}")
        word = token.casefold()
        return lambda text: word in text.casefold()


def _either(left: Matcher, right: Matcher) -> Matcher:
    return lambda text: left(text) or right(text)


def _both(left: Matcher, right: Matcher) -> Matcher:
    return lambda text: left(text) and right(text)
