"""Horizontal bar charts as SVG markup, drawn on the server (no script, no inline style: the CSP allows neither)."""
from django.utils.html import escape
from django.utils.safestring import mark_safe


def bar_chart(rows, title, width=640, bar_height=22, label_width=260):
    """rows: [(label, count)]. Returns accessible SVG: a title, and each bar's label and count as text."""
    top = max((count for _label, count in rows), default=0) or 1
    gap = 8
    height = len(rows) * (bar_height + gap) + gap
    room = width - label_width - 48
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        length = round(room * count / top) if count else 0
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.72:.1f}" text-anchor="end" class="chart-label">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar_height}" rx="3" class="chart-bar"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.72:.1f}" class="chart-count">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
