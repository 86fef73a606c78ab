"""The readable report: a diagnosis in Japanese or English, coloured on a terminal.

Sentences come from `checker.catalog`; this module only lays them out.
"""

from __future__ import annotations

from checker import catalog

from .names import InputError
from .report import Finding, Report

COLOURS = {"CRIT": "\033[1;31m", "ERR": "\033[31m", "WARN": "\033[33m", "NOTE": "\033[36m", "INFO": "\033[2m"}
VERDICT_COLOURS = {
    "secure": "\033[1;32m",
    "insecure": "\033[1;33m",
    "bogus": "\033[1;31m",
    "indeterminate": "\033[1;35m",
}
RESET = "\033[0m"

# Layout words; the findings' own texts come from the catalog.
WORDS = {
    "ja": {
        "verdict": "判定",
        "zone": "ゾーン",
        "not_apex": "{name} はゾーン頂点ではないため、それを含むゾーン {zone} を検査し、{name} "
        "自身の応答も検証しました。",
        "not_found": "{name} は存在しません（NXDOMAIN）。入力した名前に誤りがないか確認してください。",
        "chain": "信頼の連鎖",
        "findings": "検出事項",
        "upstream": "上位ゾーンの問題",
        "upstream_note": "上位ゾーンの管理者が対処する問題です。{name} の検出事項や終了コードには数えません。",
        "none": "問題は見つかりませんでした。",
        "why": "理由",
        "fix": "対処",
        "servers": "サーバー",
        "stats": "クエリ {queries} 件、署名検証 {verifications} 回、{ms:.0f} ミリ秒",
        "expiry": "最も早い署名の期限",
        "ds": "DS",
        "anchor": "トラストアンカー",
        "keys": "DNSKEY",
        "answers": "{name} の応答",
        "input_error": "{text!r} は検査できません: {message}",
    },
    "en": {
        "verdict": "Verdict",
        "zone": "Zone",
        "not_apex": "{name} is not a zone apex: its enclosing zone {zone} was checked, and the answers for "
        "{name} itself were validated.",
        "not_found": "{name} does not exist (NXDOMAIN). Check that the name is spelt as intended.",
        "chain": "Chain of trust",
        "findings": "Findings",
        "upstream": "Upstream (parent zones)",
        "upstream_note": "Problems of the parent zones, for their operators to fix; they do not count among the "
        "findings or the exit status of {name}.",
        "none": "No problem found.",
        "why": "Why",
        "fix": "Fix",
        "servers": "servers",
        "stats": "{queries} queries, {verifications} signature verifications, {ms:.0f} ms",
        "expiry": "earliest signature expiry",
        "ds": "DS",
        "anchor": "trust anchor",
        "keys": "DNSKEY",
        "answers": "answers for {name}",
        "input_error": "{text!r} cannot be checked: {message}",
    },
}

INPUT_ERRORS = {
    "input_empty": ("名前が入力されていません。", "No name was given."),
    "input_too_long": ("名前が長すぎます（253文字まで）。", "The name is too long (253 characters at most)."),
    "input_label_too_long": (
        "ラベル（ドットの間）が63文字を超えています。",
        "A label (between dots) is longer than 63 characters.",
    ),
    "input_empty_label": (
        "空のラベル（連続したドットなど）があります。",
        "The name has an empty label (two dots in a row, or a leading dot).",
    ),
    "input_invalid_characters": (
        "ドメイン名に使えない文字が含まれています。",
        "The name contains characters a domain name cannot hold.",
    ),
    "input_invalid_idn": (
        "国際化ドメイン名として正しくありません。",
        "The name is not a valid internationalised domain name.",
    ),
    "input_invalid_url": ("URL からホスト名を取り出せません。", "No host name could be taken from the URL."),
    "input_ip_address": (
        "IP アドレスではなくドメイン名を入力してください。",
        "Enter a domain name, not an IP address.",
    ),
}


def input_error_message(error: InputError, lang: str) -> str:
    if error.code in catalog.ids():
        return catalog.render(error.code, lang, {"detail": error.detail})["message"]
    ja, en = INPUT_ERRORS.get(error.code, (error.code, error.code))
    return ja if lang == "ja" else en


def render_input_error(text: str, error: InputError, lang: str) -> str:
    return "error: " + WORDS[lang]["input_error"].format(text=text, message=input_error_message(error, lang))


def _label(kind: str, value: str, lang: str) -> str:
    try:
        return catalog.verdict_label(value, lang) if kind == "verdict" else catalog.severity_label(value, lang)
    except Exception:
        return value


def _description(verdict: str, lang: str) -> str:
    try:
        return catalog.verdict_description(verdict, lang)
    except Exception:
        return ""


def render_report(report: Report, lang: str = "ja", colour: bool = False) -> str:
    words = WORDS.get(lang, WORDS["en"])

    def paint(text: str, code: str | None) -> str:
        return f"{code}{text}{RESET}" if colour and code else text

    lines = [
        paint(report.name, "\033[1m")
        + f"  {words['verdict']}: "
        + paint(_label("verdict", report.verdict, lang), VERDICT_COLOURS.get(report.verdict))
    ]
    description = _description(report.verdict, lang)
    if description:
        lines.append("  " + description)
    if report.name_exists is False:
        lines.append("  " + words["not_found"].format(name=report.name))
    elif report.is_apex is False:  # None: the walk stopped above the name's zone, which is unknown
        lines.append("  " + words["not_apex"].format(name=report.name, zone=report.zone))
    lines.append(f"\n{words['chain']}:")
    for zone in report.chain:
        lines.append(
            f"  {zone['zone']:<28} "
            + paint(f"{zone['status']:<13}", VERDICT_COLOURS.get(zone["status"]))
            + f" {words['servers']} {len([s for s in zone['servers'] if not s['refused']])}"
        )
        if zone["trust_anchor"]:
            anchors = ", ".join(f"{a['type']} {a['key_tag']}/{a['algorithm']}" for a in zone["trust_anchor"])
            lines.append(f"      {words['anchor']}: {anchors}")
        ds = ", ".join(f"{d['key_tag']}/{d['algorithm']}/{d['digest_type']}:{d['status']}" for d in zone["ds"])
        if ds:
            lines.append(f"      {words['ds']}: {ds}")
        keys = ", ".join(
            f"{k['key_tag']}({k['role']},alg{k['algorithm']}{',SEP' if k.get('secure_entry_point') else ''})"
            + (f"→{'/'.join(sorted({r.split('/')[-1] for r in k['signs']}))}" if k["signs"] else "")
            for k in zone["dnskeys"]
        )
        if keys:
            lines.append(f"      {words['keys']}: {keys}")
        if zone["earliest_expiration"]:
            lines.append(f"      {words['expiry']}: {zone['earliest_expiration']}")
    if report.answers:
        lines.append(f"\n{words['answers'].format(name=report.name)}:")
        for answer in report.answers:
            records = "; ".join(answer["records"]) or answer["rcode"] or answer["error"]
            lines.append(f"  {answer['server']} {answer['qtype']}: {records}")
    lines.append(f"\n{words['findings']} ({len(report.findings)}):")
    if not report.findings:
        lines.append("  " + words["none"])
    lines += _finding_lines(report.findings, lang, words, paint)
    if report.upstream:
        lines.append(f"\n{words['upstream']} ({len(report.upstream)}):")
        lines.append("  " + words["upstream_note"].format(name=report.name))
        lines += _finding_lines(report.upstream, lang, words, paint)
    lines.append(
        "\n"
        + words["stats"].format(
            queries=report.query_count, verifications=report.verifications, ms=report.timings.get("total_ms", 0)
        )
    )
    return "\n".join(lines)


def _finding_lines(findings: list[Finding], lang: str, words: dict, paint) -> list[str]:
    """One heading per finding id and zone; each occurrence (RRset, key, server set) is a line under it."""
    lines = []
    groups: dict[tuple, list] = {}
    for finding in findings:
        groups.setdefault((finding.id, finding.zone, finding.severity), []).append(finding)
    for (finding_id, zone, severity), members in groups.items():
        texts = [finding.texts(lang) for finding in members]
        label = _label("severity", severity, lang)
        where = f" [{zone}]" if zone else ""
        lines.append("  " + paint(f"[{label}]", COLOURS.get(severity)) + f" {texts[0]['title']}{where}  ({finding_id})")
        for finding, text in zip(members, texts, strict=True):
            if text["message"]:
                lines.append(f"      {text['message']}")
            if finding.servers:
                lines.append(f"        {words['servers']}: {', '.join(finding.servers)}")
        if texts[0]["fix"]:
            lines.append(f"      {words['fix']}: {texts[0]['fix']}")
    return lines
