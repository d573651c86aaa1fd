"""Small inline SVG charts (no script, no external file): bars, stacked bars, columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

__all__ = [
    "SEVERITY_COLOURS",
    "bar_chart",
    "column_chart",
    "grouped_bar_chart",
    "stacked_bar_chart",
]

SEVERITY_COLOURS: Mapping[str, str] = {
    "S1": "#b71c1c",
    "S2": "#e65100",
    "S3": "#f9a825",
    "S4": "#607d8b",
}
_BAR = "#1565c0"
_FONT = (
    "font-family=\"system-ui, -apple-system, 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', "
    "'Microsoft YaHei', sans-serif\""
)
#: Colours of the comparison's series (new, resolved, still open).
SERIES_COLOURS = ("#c62828", "#2e7d32", "#f9a825", "#6a1b9a", "#455a64")


def _units(char: str) -> int:
    return 2 if ord(char) > 0x2E80 else 1


def _clip(label: str, limit: int = 26) -> str:
    """``label`` cut to about ``limit`` half-width characters (a CJK character counts 2)."""
    if sum(_units(char) for char in label) <= limit:
        return label
    used, kept = 0, []
    for char in label:
        used += _units(char)
        if used > limit - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" {_FONT} font-size="12">',
        f"<title>{escape(title)}</title>",
    ]


def _empty(title: str, message: str) -> str:
    parts = _open(480, 40, title)
    parts.append(f'<text x="8" y="24" fill="#666">{escape(message)}</text></svg>')
    return "".join(parts)


def bar_chart(items: Sequence[tuple[str, int]], *, title: str, empty: str, width: int = 480) -> str:
    """Horizontal bars, one per ``(label, value)``."""
    if not items:
        return _empty(title, empty)
    label_width, row, top = 170, 22, 6
    plot = width - label_width - 50
    peak = max(value for _, value in items) or 1
    height = top + row * len(items) + 6
    parts = _open(width, height, title)
    for index, (label, value) in enumerate(items):
        y = top + index * row
        bar = round(plot * value / peak)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(_clip(label))}</text>"
            f'<rect x="{label_width}" y="{y + 3}" width="{max(bar, 1)}" height="{row - 6}" '
            f'fill="{_BAR}" rx="2"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{label_width + bar + 4}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(
    items: Sequence[tuple[str, Mapping[str, int]]],
    *,
    title: str,
    empty: str,
    legend: Mapping[str, str],
    width: int = 480,
) -> str:
    """Horizontal bars stacked by severity (``legend``: severity → label)."""
    if not items:
        return _empty(title, empty)
    label_width, row, top = 170, 22, 26
    plot = width - label_width - 50
    peak = max(sum(counts.values()) for _, counts in items) or 1
    height = top + row * len(items) + 6
    parts = _open(width, height, title)
    x = 4
    for severity, text in legend.items():
        parts.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{SEVERITY_COLOURS[severity]}"/>'
            f'<text x="{x + 14}" y="15">{escape(text)}</text>'
        )
        x += 14 + 12 * len(text) + 10
    for index, (label, counts) in enumerate(items):
        y = top + index * row
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(_clip(label))}</text>"
        )
        offset = label_width
        total = 0
        for severity in legend:
            value = counts.get(severity, 0)
            if not value:
                continue
            total += value
            bar = max(round(plot * value / peak), 1)
            parts.append(
                f'<rect x="{offset}" y="{y + 3}" width="{bar}" height="{row - 6}" '
                f'fill="{SEVERITY_COLOURS[severity]}"><title>{escape(label)} '
                f"{escape(legend[severity])}: {value}</title></rect>"
            )
            offset += bar
        parts.append(f'<text x="{offset + 4}" y="{y + 15}">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _axis(label: str, items: Sequence[tuple[str, int]]) -> str:
    """A month's label under its column: without the year when every column has the same."""
    years = {name.partition("年")[0] for name, _ in items}
    if "年" in label and len(years) == 1:
        return label.partition("年")[2]
    return label


def column_chart(
    items: Sequence[tuple[str, int]], *, title: str, empty: str, width: int = 480
) -> str:
    """Vertical columns, one per ``(label, value)`` (months)."""
    if not items:
        return _empty(title, empty)
    height, bottom, top, left = 200, 36, 18, 8
    plot_height = height - bottom - top
    slot = (width - 2 * left) / len(items)
    bar = max(min(slot * 0.7, 40), 2)
    peak = max(value for _, value in items) or 1
    parts = _open(width, height, title)
    parts.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        'stroke="#999"/>'
    )
    every = max(1, len(items) // 12)
    for index, (label, value) in enumerate(items):
        size = round(plot_height * value / peak)
        x = left + index * slot + (slot - bar) / 2
        y = height - bottom - size
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{bar:.1f}" height="{max(size, 1)}" '
            f'fill="{_BAR}" rx="2"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{x + bar / 2:.1f}" y="{y - 4}" text-anchor="middle" font-size="11">'
            f"{value}</text>"
        )
        if index % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'font-size="10">{escape(_axis(label, items))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart(
    items: Sequence[tuple[str, Mapping[str, int]]],
    *,
    series: Mapping[str, str],
    title: str,
    empty: str,
    width: int = 520,
) -> str:
    """Horizontal bars side by side, one per series (``series``: key → label), per item."""
    if not items:
        return _empty(title, empty)
    label_width, bar, gap, top = 170, 9, 8, 26
    plot = width - label_width - 50
    peak = max((counts.get(key, 0) for _, counts in items for key in series), default=0) or 1
    block = bar * len(series) + gap
    height = top + block * len(items) + 6
    parts = _open(width, height, title)
    x = 4
    for position, text in enumerate(series.values()):
        colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
        parts.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="15">{escape(text)}</text>'
        )
        x += 14 + 12 * len(text) + 10
    for index, (label, counts) in enumerate(items):
        y = top + index * block
        parts.append(
            f'<text x="{label_width - 6}" y="{y + block / 2 + 2:.0f}" text-anchor="end">'
            f"{escape(_clip(label))}</text>"
        )
        for position, (key, text) in enumerate(series.items()):
            value = counts.get(key, 0)
            size = max(round(plot * value / peak), 1) if value else 0
            colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{label_width}" y="{y + position * bar}" width="{size}" '
                f'height="{bar - 1}" fill="{colour}"><title>{escape(label)} {escape(text)}: '
                f"{value}</title></rect>"
                f'<text x="{label_width + size + 3}" y="{y + position * bar + bar - 1}" '
                f'font-size="9">{value}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
