"""SVG drawn on the server: horizontal bar charts (and the per-quarter counts a time axis needs), timelines of
verdicts and a value, presence lanes (a key set over time), and the logo's badges (no script, no inline style:
the CSP allows neither; colours and fonts are presentation attributes)."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

FONT_PX = 13
# The stacked chart is drawn for phones at about their width, so that its text is shown at about this size
# (a chart scaled down to a phone's width drew 13 px text at 7 px).
STACKED_FONT_PX = 14
STACKED_WIDTH = 360


def _ems(char):
    """A character's width in ems: wide (Japanese) characters one em, others about half."""
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.56


def fit(label, width, font_px=FONT_PX):
    """The label cut with "…" to fit `width` pixels."""
    room, used, out = width / font_px, 0.0, ""
    for char in label:
        used += _ems(char)
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
        f'<svg class="chart chart-wide" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
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


def stacked_bar_chart(rows, title, width=STACKED_WIDTH, bar_height=16):
    """rows: [(label, count)], each label on a line of its own above its bar: for narrow screens."""
    top = max((count for _label, count in rows), default=0) or 1
    line = STACKED_FONT_PX + 6
    step = line + bar_height + 12
    room = width - 48
    parts = [
        f'<svg class="chart chart-stacked" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{len(rows) * step + 4}" role="img" aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = 4 + i * step
        length = round(room * count / top) if count else 0
        shown = fit(label, width, STACKED_FONT_PX)
        parts.append(
            f"<g><title>{escape(label)}: {count}</title>"
            f'<text x="0" y="{y + STACKED_FONT_PX}" class="chart-label">{escape(shown)}</text>'
            f'<rect x="0" y="{y + line}" width="{max(length, 1)}" height="{bar_height}" rx="3" class="chart-bar"/>'
            f'<text x="{length + 6}" y="{y + line + bar_height - 3}" class="chart-count">{count}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def responsive_bar_chart(rows, title, **wide):
    """The bar chart for wide screens and the stacked one for phones; the style sheet shows one of them."""
    return mark_safe(bar_chart(rows, title, **wide) + stacked_bar_chart(rows, title))


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


# A verdict's colour on a timeline (contrast at least 3:1 on white, as for any graphical object).
VERDICT_COLOURS = {
    "secure": "#1a7f37",
    "insecure": "#57606a",
    "bogus": "#b42318",
    "indeterminate": "#9a6700",
    "": "#8c959f",
}


def timeline(points, title, value_label, width=560, height=200):
    """points: [(label, verdict, verdict_label, value or None)] in time order. A band of verdict squares over a
    line of `value` (e.g. days of signature validity left), the first and last labels under the axis, each
    point with its <title>; accessible SVG."""
    left, right, band_y, band_h, top, bottom = 40, 12, 6, 18, 52, height - 30
    top_value = max((value for *_rest, value in points if value is not None), default=0) or 1
    step = (width - left - right) / max(len(points), 1)
    parts = [
        f'<svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="{top - 10}" class="chart-label">{escape(value_label)}</text>',
        f'<line x1="{left}" y1="{bottom}" x2="{width - right}" y2="{bottom}" stroke="#8c959f"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="chart-count">{top_value:g}</text>',
        f'<text x="{left - 6}" y="{bottom + 4}" text-anchor="end" class="chart-count">0</text>',
    ]
    parts += _first_and_last([point[0] for point in points], left, width - right, height - 8)
    line, dots = [], []
    for i, (label, verdict, verdict_label, value) in enumerate(points):
        x = left + step * i + step / 2
        size = max(min(step, 16) - 2, 2)
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS[""])
        parts.append(
            f"<g><title>{escape(label)}: {escape(verdict_label)}</title>"
            f'<rect x="{x - size / 2:.1f}" y="{band_y}" width="{size:.1f}" height="{band_h}" rx="2" '
            f'fill="{colour}"/></g>'
        )
        if value is not None:
            y = bottom - (bottom - top) * value / top_value
            line.append(f"{x:.1f},{y:.1f}")
            dots.append(
                f"<g><title>{escape(label)}: {value:g}</title>"
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0969da"/></g>'
            )
    if len(line) > 1:
        parts.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="#0969da" stroke-width="2"/>')
    parts.extend(dots)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _dash(dash):
    return f' stroke-dasharray="{dash}"' if dash else ""


def _legend(parts, width, font_px, y):
    """[(label, colour, dash)] as coloured keys with their labels, flowed into lines of `width`; returns (svg
    parts, the height used)."""
    out, x, line = [], 0.0, 0
    step = font_px + 8
    for label, colour, dash in parts:
        room = sum(_ems(char) for char in label) * font_px + font_px + 22
        if x and x + room > width:
            x, line = 0.0, line + 1
        top = y + line * step
        key = (
            f'<line x1="{x:.1f}" y1="{top + font_px / 2:.1f}" x2="{x + font_px + 4:.1f}" y2="{top + font_px / 2:.1f}" '
            f'stroke="{colour}" stroke-width="3"{_dash(dash)}/>'
            if dash is not None
            else f'<rect x="{x:.1f}" y="{top + 1}" width="{font_px}" height="{font_px}" rx="2" fill="{colour}"/>'
        )
        out.append(
            f"<g>{key}"
            f'<text x="{x + font_px + 8:.1f}" y="{top + font_px - 1}" class="chart-label">{escape(label)}</text></g>'
        )
        x += room
    return out, (line + 1) * step if parts else 0


def _percent(count, whole):
    return f"{100 * count / whole:.1f} %" if whole else "—"


def _shares(rows, parts, title, width, font_px, bar_height, css):
    legend, legend_height = _legend([(label, colour, None) for label, colour in parts], width, font_px, 2)
    line = font_px + 6
    step = line + bar_height + 12
    top = legend_height + 10
    height = top + len(rows) * step + 2
    svg = [
        f'<svg class="chart {css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
        *legend,
    ]
    for i, (label, counts) in enumerate(rows):
        y = top + i * step
        whole = sum(counts)
        svg.append(
            f'<text x="0" y="{y + font_px}" class="chart-label">{escape(fit(label, width * 0.7, font_px))}</text>'
            f'<text x="{width}" y="{y + font_px}" text-anchor="end" class="chart-count">{whole}</text>'
        )
        if not whole:
            svg.append(
                f'<rect x="0" y="{y + line}" width="{width}" height="{bar_height}" rx="3" fill="none" '
                'stroke="#d0d7de"/>'
            )
            continue
        x = 0.0
        for (part, colour), count in zip(parts, counts, strict=True):
            if not count:
                continue
            length = width * count / whole
            svg.append(
                f"<g><title>{escape(label)}, {escape(part)}: {count} ({_percent(count, whole)})</title>"
                f'<rect x="{x:.1f}" y="{y + line}" width="{max(length, 1):.1f}" height="{bar_height}" '
                f'fill="{colour}"/></g>'
            )
            x += length
    svg.append("</svg>")
    return "".join(svg)


def shares(rows, parts, title):
    """rows: [(label, [count per part])]; parts: [(label, colour)]. A bar per row split into its parts' shares
    (100 % wide), a legend above, each part with its <title> (count and share); drawn for wide screens and for
    phones (the style sheet shows one), each line of text legible at its size."""
    return mark_safe(
        _shares(rows, parts, title, 640, FONT_PX, 20, "chart-wide")
        + _shares(rows, parts, title, STACKED_WIDTH, STACKED_FONT_PX, 16, "chart-stacked")
    )


# The series of a trend chart tell apart by their dash as well as by their colour.
DASHES = ("", "6 4", "2 3", "8 3 2 3", "1 5")


def _trend(points, series, title, width, font_px, css):
    """See trend(); one size."""
    legend, legend_height = _legend(
        [(label, colour, DASHES[i % len(DASHES)]) for i, (label, colour, _values) in enumerate(series)],
        width,
        font_px,
        2,
    )
    left, right = font_px * 4, font_px * 2
    top, height = legend_height + 14, legend_height + 14 + 160 + font_px * 3
    bottom = height - font_px * 2 - 4
    svg = [
        f'<svg class="chart {css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
        *legend,
    ]
    for value in (0, 50, 100):
        y = bottom - (bottom - top) * value / 100
        svg.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d7de"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-count">{value} %</text>'
        )
    stamps = [moment.timestamp() for moment, _label in points]
    first, span = (stamps[0], (stamps[-1] - stamps[0]) or 1) if stamps else (0, 1)

    def x_of(i):
        if len(points) == 1:
            return (left + width - right) / 2
        return left + (width - right - left) * (stamps[i] - first) / span

    for i, (label, colour, values) in enumerate(series):
        coordinates = [
            (x_of(j), bottom - (bottom - top) * value / 100, value)
            for j, value in enumerate(values)
            if value is not None
        ]
        if len(coordinates) > 1:
            dash = DASHES[i % len(DASHES)]
            svg.append(
                f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, _v in coordinates)}" fill="none" '
                f'stroke="{colour}" stroke-width="2.5"{_dash(dash)}/>'
            )
        for (x, y, value), (_moment, point_label) in zip(
            coordinates, [point for j, point in enumerate(points) if values[j] is not None], strict=True
        ):
            svg.append(
                f"<g><title>{escape(point_label)}, {escape(label)}: {value:.1f} %</title>"
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/></g>'
            )
    labels = [label for _moment, label in points]
    if len(labels) == 1:
        svg.append(
            f'<text x="{x_of(0):.1f}" y="{height - 6}" text-anchor="middle" class="chart-count">'
            f"{escape(labels[0])}</text>"
        )
    else:
        svg += _first_and_last(labels, left, width - right, height - 6)
    svg.append("</svg>")
    return "".join(svg)


def trend(points, series, title):
    """points: [(aware datetime, label)] in time order; series: [(label, colour, [percent or None per point])].
    A line per series over the points' dates (spaced by time, 0-100 %), each point with its <title>, the first
    and last labels under the axis and a legend above (each series with its own dash); wide and phone sizes."""
    return mark_safe(
        _trend(points, series, title, 640, FONT_PX, "chart-wide")
        + _trend(points, series, title, STACKED_WIDTH, STACKED_FONT_PX, "chart-stacked")
    )


# A key's state in one run of a presence chart: in use (signing), present only (published, or a DS record), absent.
PRESENCE_COLOURS = {2: "#0969da", 1: "#9ec5fe"}


def presence(columns, rows, title, width=560, row_height=18, label_width=150):
    """columns: a label per run, in time order; rows: [(label, [state per run], [state label per run])] with
    states 2 (in use), 1 (present) or 0 (absent). A lane per row, a square per run where it was seen, each with
    its <title>; the first and last run's labels under the lanes; accessible SVG."""
    gap, right = 6, 12
    height = len(rows) * (row_height + gap) + gap + 24
    step = (width - label_width - right) / max(len(columns), 1)
    parts = [
        f'<svg class="chart presence" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, states, state_labels) in enumerate(rows):
        y = gap + i * (row_height + gap)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row_height * 0.75:.1f}" text-anchor="end" '
            f'class="chart-label">{escape(fit(label, label_width - 12))}</text>'
            f'<line x1="{label_width}" y1="{y + row_height / 2:.1f}" x2="{width - right}" '
            f'y2="{y + row_height / 2:.1f}" stroke="#d0d7de"/>'
        )
        for j, state in enumerate(states):
            if not state:
                continue
            x = label_width + step * j
            parts.append(
                f"<g><title>{escape(label)}, {escape(columns[j])}: {escape(state_labels[j])}</title>"
                f'<rect x="{x + 1:.1f}" y="{y}" width="{max(step - 2, 2):.1f}" height="{row_height}" rx="2" '
                f'fill="{PRESENCE_COLOURS[state]}"/></g>'
            )
    parts += _first_and_last(columns, label_width, width - right, height - 8)
    parts.append("</svg>")
    return mark_safe("".join(parts))


# A badge's colours by the certificate's state: (background, text). Each pair has a contrast ratio of
# at least 4.5:1; grace is amber with dark text, the ended states grey, revocation red.
BADGE_COLOURS = {
    "valid": ("#1a7f37", "#ffffff"),
    "grace": ("#f2b705", "#1f2328"),
    "suspended": ("#57606a", "#ffffff"),
    "revoked": ("#b42318", "#ffffff"),
    "expired": ("#57606a", "#ffffff"),
    "withdrawn": ("#57606a", "#ffffff"),
}
BADGE_DARK = ("#24292f", "#ffffff")
BADGE_FONT = "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans CJK JP', 'Segoe UI', sans-serif"


def badge(heading, subheading, state, state_label, title, language):
    """A certificate's badge: `heading` over `subheading` on the left, the state's label on its colour
    on the right. Accessible: role="img", a <title>, and every word is text in `language`."""
    heading_px, sub_px, state_px, pad, height = 12, 10, 12, 8, 36
    left = round(max(_width(heading, heading_px, bold=True), _width(subheading, sub_px)) + 2 * pad)
    right = round(_width(state_label, state_px, bold=True) + 2 * pad)
    background, foreground = BADGE_COLOURS[state]
    dark, light = BADGE_DARK
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + right}" height="{height}" '
        f'viewBox="0 0 {left + right} {height}" role="img" aria-label="{escape(title)}" lang="{language}" '
        f'xml:lang="{language}" font-family="{BADGE_FONT}">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{left + right}" height="{height}" rx="4" fill="{dark}"/>'
        f'<rect x="{left}" width="{right}" height="{height}" rx="4" fill="{background}"/>'
        f'<rect x="{left}" width="4" height="{height}" fill="{background}"/>'
        f'<text x="{pad}" y="15" font-size="{heading_px}" font-weight="bold" fill="{light}">{escape(heading)}</text>'
        f'<text x="{pad}" y="29" font-size="{sub_px}" fill="{light}">{escape(subheading)}</text>'
        f'<text x="{left + right / 2:.1f}" y="22.5" font-size="{state_px}" font-weight="bold" '
        f'text-anchor="middle" fill="{foreground}">{escape(state_label)}</text>'
        "</svg>"
    )


def _width(text, font_px, bold=False):
    """Room for `text` whatever font the reader has: capitals and digits run wider than fit()'s half em."""
    return sum(_ems(char) * 1.12 for char in text) * font_px * (1.08 if bold else 1.0)


def _first_and_last(labels: list[str], left: float, right: float, y: float) -> list[str]:
    """The time axis's two end labels: the first check under the left end, the last under the right."""
    ends = []
    if labels:
        ends.append(f'<text x="{left}" y="{y}" class="chart-count">{escape(labels[0])}</text>')
    if len(labels) > 1:
        ends.append(f'<text x="{right}" y="{y}" text-anchor="end" class="chart-count">{escape(labels[-1])}</text>')
    return ends
