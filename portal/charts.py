"""Bar charts as SVG markup, drawn on the server (no script, no inline style: the CSP allows neither), and the
per-quarter counts a time axis needs."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT_PX = 13


def fit(label, width):
    """The label cut with "…" to fit `width` pixels: wide (Japanese) characters count one em, others about half."""
    room, used, out = width / FONT_PX, 0.0, ""
    for char in label:
        used += 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.56
        if used > room - 1:
            return out.rstrip() + "…"
        out += char
    return out


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
        shown = fit(label, label_width - 12)
        parts.append(
            f"<g><title>{escape(label)}: {count}</title>"
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.72:.1f}" text-anchor="end" '
            f'class="chart-label">{escape(shown)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{bar_height}" rx="3" class="chart-bar"/>'
            f'<text x="{label_width + length + 6}" y="{y + bar_height * 0.72:.1f}" '
            f'class="chart-count">{count}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def per_quarter(dates, label):
    """[(label(year, quarter), count)]: how many of `dates` fall in each quarter, from the first date's quarter
    to the last's, the quarters without one included (a time axis has no gaps)."""
    counts = {}
    for day in dates:
        key = (day.year, (day.month - 1) // 3 + 1)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return []
    (year, quarter), last = min(counts), max(counts)
    rows = []
    while (year, quarter) <= last:
        rows.append((label(year, quarter), counts.get((year, quarter), 0)))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return rows
