"""``render(format, data, out)``: one entry point for every format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from enforcement_supervision.privacy import Audience, mask_file_numbers
from enforcement_supervision.reports._build import ReportUsageError
from enforcement_supervision.reports._gc import paused_gc
from enforcement_supervision.reports._model import ReportData

__all__ = ["FORMATS", "render", "require"]

#: format → (module, function). ``notice`` writes a directory; the others one file.
_RENDERERS: dict[str, tuple[str, str]] = {
    "html": ("enforcement_supervision.reports._html", "render_html"),
    "notice": ("enforcement_supervision.reports._notice", "render_notices"),
    "xlsx": ("enforcement_supervision.reports._xlsx", "render_xlsx"),
    "json": ("enforcement_supervision.reports._json", "render_json"),
    "sarif": ("enforcement_supervision.reports._sarif", "render_sarif"),
    "junit": ("enforcement_supervision.reports._junit", "render_junit"),
    "md": ("enforcement_supervision.reports._md", "render_markdown"),
}

#: The report formats, in the order ``esup report --help`` lists them.
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def require(module: str, extra: str) -> None:
    """Raise a clear error when the optional dependency ``module`` (extra ``extra``) is
    missing."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise ReportUsageError(
            f"此格式需要可选依赖 {module}：pip install 'enforcement-supervision[{extra}]'",
            f"this format needs the optional dependency {module}: "
            f"pip install 'enforcement-supervision[{extra}]'",
        ) from None


def render(fmt: str, data: ReportData, out: str | Path) -> list[Path]:
    """Render ``data`` as ``fmt`` (one of :data:`FORMATS`) to ``out`` and return the paths
    written. For ``notice``, ``out`` is a directory that receives one ``.docx`` and one
    ``.html`` per agency; for the others it is the file to write."""
    target = _RENDERERS.get(fmt)
    if target is None:
        raise ReportUsageError(
            f"未知的报告格式 {fmt!r}（{', '.join(FORMATS)}）",
            f"unknown report format {fmt!r} ({', '.join(FORMATS)})",
        )
    path = Path(out)
    if fmt == "notice" and path.exists() and not path.is_dir():
        raise ReportUsageError(
            f"意见书输出到目录，而 {path} 是文件", f"notices go to a directory; {path} is a file"
        )
    if fmt != "notice" and path.is_dir():
        raise ReportUsageError(
            f"{path} 是目录，请给出文件名", f"{path} is a directory; give a file name"
        )
    module, name = target
    function: Callable[[ReportData, Path], list[Path]] = getattr(
        importlib.import_module(module), name
    )
    if fmt in _CYCLIC:
        written = function(data, path)
    else:
        with paused_gc():
            written = function(data, path)
    if data.audience == Audience.PUBLIC:
        # Masking is by field and by pattern when the data is built; this last pass catches
        # a number that reached a file any other way (an id, a key): one place, every format.
        for item in written:
            mask_file_numbers(item)
    return written


#: Formats whose writers (python-docx, Jinja2) leave reference cycles behind: they run with
#: the cyclic garbage collector on, or every notice written would stay in memory.
_CYCLIC = frozenset({"notice", "html"})
