"""The chain-of-trust picture of each zone, drawn server-side as inline SVG.

Three rows: the DS records at the parent (or the trust anchor), the zone's
DNSKEYs with key tags and algorithms, and the RRsets the keys sign. Lines
show which DS matches which key and which key signs which RRset; colours
give the status. Only presentation attributes are used (the CSP forbids
inline styles).
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

BOX_W, BOX_H, GAP, PAD = 148, 44, 14, 12
GUTTER = 124  # the row labels' column, left of the boxes
ROWS_Y = (14, 106, 198)
COLOURS = {  # stroke, fill
    "good": ("#1a7f37", "#e7f5ea"),
    "bad": ("#b42318", "#fdecea"),
    "neutral": ("#667085", "#f2f4f7"),
}
GOOD_SIGNATURE = "valid"


def _box(x, y, lines, status, title):
    stroke, fill = COLOURS[status]
    parts = [
        f"<g><title>{escape(title)}</title>",
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="2"/>',
    ]
    for i, line in enumerate(lines):
        weight = ' font-weight="700"' if i == 0 else ""
        parts.append(
            f'<text x="{x + BOX_W / 2}" y="{y + 18 + i * 16}" text-anchor="middle" font-size="12"{weight} '
            f'fill="#101828">{escape(line)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _line(x1, y1, x2, y2, status, dashed=False):
    stroke = COLOURS[status][0]
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{stroke}" stroke-width="2"{dash} '
        f'marker-end="url(#arrow-{status})"/>'
    )


def _positions(count, width):
    # Left-aligned rows: on a narrow screen the first boxes of every row are in view, the rest scroll.
    return [GUTTER + i * (BOX_W + GAP) for i in range(count)]


# Curve algorithms have one size each; reports stored before the engine counted a curve point's two
# coordinates as the key size (P-256 "512 bit") are shown right too.
CURVE_BITS = {13: 256, 14: 384, 15: 256, 16: 456}


def _key_size(key: dict) -> int | None:
    return CURVE_BITS.get(key.get("algorithm")) or key.get("key_bits")


def zone_svg(zone: dict) -> str:
    ds_list = zone.get("ds") or []
    keys = sorted(
        zone.get("dnskeys") or [], key=lambda k: (k.get("role") != "KSK", k["key_tag"])
    )  # KSKs nearest their DS
    signatures = zone.get("signatures") or []
    rrsets = sorted({s["rrset"] for s in signatures}, key=lambda r: (not r.endswith("/DNSKEY"), r))
    widest = max(len(ds_list), len(keys), len(rrsets), 1)
    width = max(GUTTER + widest * BOX_W + (widest - 1) * GAP + PAD, 480)
    height = ROWS_Y[2] + BOX_H + PAD
    label = _("Chain of trust of %(zone)s") % {"zone": zone["zone"]}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
        "<defs>",
    ]
    for status, (stroke, _fill) in COLOURS.items():
        out.append(
            f'<marker id="arrow-{status}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{stroke}"/></marker>'
        )
    out.append("</defs>")
    labels = (_("DS at the parent"), _("DNSKEY"), _("Signed RRsets"))
    for label, y in zip(labels, ROWS_Y, strict=True):
        out.append(f'<text x="{PAD}" y="{y + BOX_H / 2 + 4}" font-size="12" fill="#475467">{escape(label)}</text>')

    key_x = dict(zip(range(len(keys)), _positions(len(keys), width), strict=True))
    key_index = {(k["key_tag"], k["algorithm"]): i for i, k in enumerate(keys)}
    rr_x = dict(zip(rrsets, _positions(len(rrsets), width), strict=True))
    edges = []
    for x, ds in zip(_positions(len(ds_list), width), ds_list, strict=True):
        good = ds.get("status") == "match"
        i = key_index.get((ds["key_tag"], ds["algorithm"]))
        if i is not None:
            edges.append(
                _line(
                    x + BOX_W / 2,
                    ROWS_Y[0] + BOX_H,
                    key_x[i] + BOX_W / 2,
                    ROWS_Y[1],
                    "good" if good else "bad",
                    not good,
                )
            )
        source = _("trust anchor") if ds.get("source") == "trust_anchor" else "DS"
        title = f"{source} {ds['key_tag']} alg {ds['algorithm']} digest {ds.get('digest_type')}: {ds.get('status')}"
        out.append(
            _box(
                x,
                ROWS_Y[0],
                [f"{source} {ds['key_tag']}", f"alg {ds['algorithm']} / digest {ds.get('digest_type')}"],
                "good" if good else "bad",
                title,
            )
        )
    for sig in signatures:
        i = key_index.get((sig["key_tag"], sig["algorithm"]))
        if i is None or sig["rrset"] not in rr_x:
            continue
        good = sig.get("status") == GOOD_SIGNATURE
        edges.append(
            _line(
                key_x[i] + BOX_W / 2,
                ROWS_Y[1] + BOX_H,
                rr_x[sig["rrset"]] + BOX_W / 2,
                ROWS_Y[2],
                "good" if good else "bad",
                not good,
            )
        )
    for i, key in enumerate(keys):
        signs = bool(key.get("signs"))
        status = "bad" if key.get("revoked") else ("good" if signs else "neutral")
        role = key.get("role", "ZSK")
        title = f"{role} {key['key_tag']} alg {key['algorithm']} flags {key.get('flags')}" + (
            " REVOKED" if key.get("revoked") else ""
        )
        out.append(
            _box(
                key_x[i],
                ROWS_Y[1],
                [
                    f"{role} {key['key_tag']}",
                    f"alg {key['algorithm']}" + (f" · {_key_size(key)} bit" if _key_size(key) else ""),
                ],
                status,
                title,
            )
        )
    for rrset in rrsets:
        statuses = {s.get("status") for s in signatures if s["rrset"] == rrset}
        good = GOOD_SIGNATURE in statuses
        title = f"{rrset}: {', '.join(sorted(statuses))}"
        owner, _slash, rtype = rrset.rpartition("/")
        out.append(_box(rr_x[rrset], ROWS_Y[2], [rtype, owner[-22:]], "good" if good else "bad", title))
    if not keys and not ds_list:
        unsigned = _("This zone is not signed.")
        out.append(f'<text x="{GUTTER}" y="{ROWS_Y[1] + 26}" font-size="13" fill="#475467">{escape(unsigned)}</text>')
    # Lines first so that the boxes are drawn over their ends.
    defs_end = out.index("</defs>") + 1
    out[defs_end:defs_end] = edges
    out.append("</svg>")
    return "".join(out)


def chain_svgs(report: dict, language: str) -> list[dict]:
    from checker import catalog

    return [
        {
            "zone": zone["zone"],
            "status": catalog.verdict_label(zone["status"], language) if zone.get("status") else "",
            "reason": zone.get("reason"),
            "svg": mark_safe(zone_svg(zone)),
        }
        for zone in report.get("chain", [])
    ]


# Group K's timing rules across two checks (checker.engine.rollover): the change each rule watches, the
# interval RFC 7583 requires after it, and the example the figure draws (hours).
TIMING_RULES = {
    "zsk_retired_too_early": ("Iret = Dsgn + Dprp + TTLsig", 24),
    "zsk_used_too_early": ("Ipub = Dprp + TTLkey", 24),
    "ksk_ds_timing": ("IpubC = DprpC + TTLkey / Iret = DprpP + TTLds", 24),
    "resign_lag": ("gap + TTLsig", 30),
}
TIMING_GAP_HOURS = 6


def timing_svg(finding_id: str) -> str:
    """A small timeline: two checks `TIMING_GAP_HOURS` apart, the change somewhere between them, and the
    required interval from the earlier check. The finding is raised only when the later check falls inside it."""
    if finding_id not in TIMING_RULES:
        return ""
    formula, required = TIMING_RULES[finding_id]
    width, left, right, scale_end = 420, 12, 12, max(required, TIMING_GAP_HOURS) + 4
    x = lambda hours: left + (width - left - right) * hours / scale_end  # noqa: E731
    earlier, later = _("earlier check"), _("later check")
    change = _("the change: somewhere between the checks")  # outside the f-string, where makemessages finds it
    title = _("The timing rule: a finding only when the later check falls inside the required interval")
    parts = [
        f'<svg class="chart timing" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 160" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="70" x2="{width - right}" y2="70" stroke="#667085" stroke-width="2"/>',
        f'<rect x="{x(0):.1f}" y="84" width="{x(required) - x(0):.1f}" height="14" rx="3" fill="#fdecea" '
        f'stroke="#b42318"/>',
        f'<text x="{x(required):.1f}" y="116" font-size="12" text-anchor="end" fill="#101828">{escape(formula)}</text>',
        f'<rect x="{x(0):.1f}" y="44" width="{x(TIMING_GAP_HOURS) - x(0):.1f}" height="12" rx="3" fill="#e7f5ea" '
        f'stroke="#1a7f37"/>',
        f'<text x="{x(0):.1f}" y="36" font-size="12" fill="#101828">{escape(change)}</text>',
    ]
    for hours, label, y in ((0, earlier, 136), (TIMING_GAP_HOURS, later, 152)):
        parts.append(
            f'<line x1="{x(hours):.1f}" y1="40" x2="{x(hours):.1f}" y2="{y - 12}" stroke="#101828" stroke-width="2"/>'
            f'<text x="{x(hours):.1f}" y="{y}" font-size="12" fill="#101828">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
