"""Parts of finding texts: a value that reads differently in each language, made from a small
template declared beside the rule (``_DAYS = Message(zh="{days} 日", en="{days} days")``), so
that rule bodies hold no text of their own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from enforcement_supervision.rules import Message, Text

__all__ = ["joined", "part"]


def part(message: Message, **facts: Any) -> Text:
    """``message`` filled with ``facts``, in both languages: a fact value for a template."""
    return Text(zh=message.render(facts, "zh"), en=message.render(facts, "en"))


def joined(texts: Iterable[Text]) -> Text:
    """Texts joined as each language joins a short list (``甲和乙`` / ``A and B``)."""
    items = list(texts)
    return Text(zh="和".join(t.zh for t in items), en=" and ".join(t.en for t in items))
