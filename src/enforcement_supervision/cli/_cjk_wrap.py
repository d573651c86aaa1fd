"""Wrapping Chinese help text by display width.

click wraps help with :class:`textwrap.TextWrapper`, which breaks lines only at spaces and
counts every character as one column: a Chinese sentence has no spaces and each character
takes two columns, so a Chinese ``--help`` ran off an 80-column terminal. :func:`wrap_text`
has click's signature and paragraph rules (blank lines separate paragraphs; a paragraph whose
first line is ``\\b`` is kept as written); text with Chinese in it is wrapped by display width,
between any two Chinese characters, never putting closing punctuation at the start of a line.
Other text goes to click's own function unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["cjk_wrapper", "display_width"]

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_HAS_CJK = re.compile(f"[{_CJK}]")
_TOKEN = re.compile(f"[{_CJK}]|\\s+|[^\\s{_CJK}]+")
#: Characters a line must not start with (they stay at the end of the line before).
_NO_LINE_START = set("，。；：、）」』！？》〉%,.;:!?)]")
#: Characters a line must not end with (they move to the start of the next line).
_NO_LINE_END = set("（「『《〈([")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide and full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _fill(text: str, width: int, first: str, rest: str) -> str:
    lines: list[str] = []
    line = first
    used = display_width(first)
    pending_space = False
    empty = True  # nothing but the indent on the current line
    for token in _TOKEN.findall(text):
        if token.isspace():
            pending_space = not empty
            continue
        piece = (" " if pending_space else "") + token
        size = display_width(piece)
        if not empty and used + size > width and token not in _NO_LINE_START:
            carried = ""
            if line[-1] in _NO_LINE_END and len(line) > len(first if not lines else rest) + 1:
                line, carried = line[:-1], line[-1]  # an opening bracket goes with its text
            lines.append(line)
            piece = carried + token
            line, used, size = rest, display_width(rest), display_width(piece)
        line += piece
        used += size
        empty = False
        pending_space = False
    lines.append(line)
    return "\n".join(lines)


def cjk_wrapper(
    original: Callable[..., str], active: Callable[[], bool] = lambda: True
) -> Callable[..., str]:
    """A drop-in for ``click.formatting.wrap_text`` that wraps Chinese text by display width
    while ``active()`` and leaves every other text to ``original``."""

    def wrap_text(
        text: str,
        width: int = 78,
        initial_indent: str = "",
        subsequent_indent: str = "",
        preserve_paragraphs: bool = False,
    ) -> str:
        if not active() or not _HAS_CJK.search(text):
            return original(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
        text = text.expandtabs()
        if not preserve_paragraphs:
            return _fill(text, width, initial_indent, subsequent_indent)
        paragraphs: list[tuple[int, bool, list[str]]] = []
        buffer: list[str] = []
        indent = 0
        for line in [*text.splitlines(), ""]:
            if line.strip():
                if not buffer:
                    indent = len(line) - len(line.lstrip())
                    line = line.lstrip()
                buffer.append(line)  # a raw paragraph keeps its lines' own indentation
                continue
            if buffer:
                raw = buffer[0].strip() == "\b"
                kept = buffer[1:] if raw else [part.strip() for part in buffer]
                paragraphs.append((indent, raw, kept))
                buffer = []
        out = []
        for extra, raw, lines in paragraphs:
            pad = " " * extra
            if raw:
                out.append("\n".join(initial_indent + pad + line for line in lines))
            else:
                # Lines of one paragraph join without a space between Chinese characters.
                joined = ""
                for part in lines:
                    if joined and not (_HAS_CJK.match(part[0]) or _HAS_CJK.match(joined[-1])):
                        joined += " "
                    joined += part
                out.append(_fill(joined, width, initial_indent + pad, subsequent_indent + pad))
        return "\n\n".join(out)

    return wrap_text
