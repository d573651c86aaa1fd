"""Base error types shared by every layer.

Every error the library raises on purpose derives from :class:`EsupError` and carries a
message in Chinese and in English, so the CLI can print one clear line in the user's language.
"""

from __future__ import annotations

__all__ = ["ConfigurationError", "EsupError"]


class EsupError(Exception):
    """Base class of the library's own errors.

    ``message_zh`` and ``message_en`` say the same thing in both languages; ``str(error)``
    gives both, Chinese first.
    """

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_zh


class ConfigurationError(EsupError):
    """The configuration file or an option has a value the library cannot use."""
