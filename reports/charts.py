"""Server-made SVG charts for the dashboard and the PDF: no JavaScript, no CDN.

Labels are escaped; the output is marked safe only after that.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
BAR = "#b22222"
GRID = "#dddddd"
TEXT = "#333333"


def _fmt(value: Decimal | int | float) -> str:
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01"))
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:g}"


def horizontal_bars(
    items: Sequence[tuple[str, Decimal | int]],
    *,
    unit: str = "",
    width: int = 560,
    bar_height: int = 22,
    title: str = "",
) -> SafeString:
    """One bar per item, the label on the left and the value at the bar's end."""
    if not items:
        return mark_safe("")  # noqa: S308
    label_width = 150
    gap = 8
    top = 28 if title else 6
    height = top + len(items) * (bar_height + gap) + 6
    peak = max((float(v) for _, v in items), default=0) or 1
    room = width - label_width - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" font-family="{FONT}" font-size="13">'
    ]
    if title:
        parts.append(
            f'<text x="0" y="16" font-size="14" font-weight="bold" fill="{TEXT}">{escape(title)}</text>'
        )
        parts.append(f"<title>{escape(title)}</title>")
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_height + gap)
        length = max(1.0, room * float(value) / peak) if float(value) > 0 else 0
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height * 0.7:.1f}" fill="{TEXT}">{_fmt(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every label escaped above)


def column_chart(
    items: Sequence[tuple[str, Decimal | int]],
    *,
    unit: str = "",
    width: int = 560,
    height: int = 220,
    title: str = "",
) -> SafeString:
    """Vertical columns, e.g. activities per month; the value above each column."""
    if not items:
        return mark_safe("")  # noqa: S308
    top = 30 if title else 12
    bottom = 24
    left = 10
    plot_h = height - top - bottom
    slot = (width - left * 2) / len(items)
    bar_w = slot * 0.6
    peak = max((float(v) for _, v in items), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" font-family="{FONT}" font-size="12">'
    ]
    if title:
        parts.append(
            f'<text x="{width / 2:.1f}" y="16" text-anchor="middle" font-size="14" font-weight="bold" fill="{TEXT}">{escape(title)}</text>'
        )
        parts.append(f"<title>{escape(title)}</title>")
    base = top + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="{GRID}"/>')
    for i, (label, value) in enumerate(items):
        x = left + i * slot + (slot - bar_w) / 2
        h = plot_h * float(value) / peak
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>'
            f'<text x="{x + bar_w / 2:.1f}" y="{base + 16}" text-anchor="middle" fill="{TEXT}">{escape(label)}</text>'
        )
        if float(value) > 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" fill="{TEXT}">{_fmt(value)}{escape(unit)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every label escaped above)
