"""File names people read: Chinese allowed, unique, never a path separator."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["UniqueNames"]

# Path separators, characters Windows forbids, controls; whitespace runs become one "_".
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))}
_RESERVED |= {f"lpt{i}" for i in range(1, 10)}


def _visible(character: str) -> str:
    # Format and other invisible characters (a right-to-left override makes "gpj.exe" read
    # as "exe.jpg", a zero-width space tells two equal-looking names apart) become "_".
    return character if character.isprintable() or character == " " else "_"


def _safe(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = _FORBIDDEN.sub("_", name)
    if not name.isprintable():
        name = "".join(map(_visible, name))
    name = _SPACES.sub("_", name).strip("._ ")
    if not name or name.lower() in _RESERVED:
        name = f"_{name}" if name else "文件"
    return name[:80]


class UniqueNames:
    """Readable file stems, unique within one directory (case-insensitively, as Windows and
    macOS compare names): the second name that would collide gets a short digest of what
    it names (``监督意见书-市场局-3f9a0c``)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def stem(self, name: str, identity: str) -> str:
        """A stem for ``name``; ``identity`` (e.g. the agency id) tells two equal names apart."""
        stem = _safe(name)
        if stem.casefold() in self._used:
            digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:6]
            stem = f"{stem}-{digest}"
            counter = 2
            while stem.casefold() in self._used:
                stem = f"{_safe(name)}-{digest}-{counter}"
                counter += 1
        self._used.add(stem.casefold())
        return stem
