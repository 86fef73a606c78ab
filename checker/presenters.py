"""What the result page and the API show of a run: findings by severity, servers, changes."""

from __future__ import annotations

from checker import catalog
from checker.models import SEVERITY_RANK, CheckRun


def language_code(language: str | None) -> str:
    return "ja" if (language or "ja").startswith("ja") else "en"


def findings(report: dict | None, language: str) -> list[dict]:
    out = []
    for finding in (report or {}).get("findings", []):
        texts = (finding.get("messages") or {}).get(language) or {}
        out.append(
            {
                "id": finding["id"],
                "severity": finding["severity"],
                "zone": finding.get("zone"),
                "servers": finding.get("servers") or ([finding["server"]] if finding.get("server") else []),
                "title": texts.get("title", finding["id"]),
                "message": texts.get("message", ""),
                "why": texts.get("why", ""),
                "fix": texts.get("fix", ""),
            }
        )
    return out


def findings_by_severity(report: dict | None, language: str) -> list[dict]:
    """Severity groups, worst first; in each, one entry per finding id with all its occurrences."""
    groups = {}
    for finding in findings(report, language):
        entries = groups.setdefault(finding["severity"], {})
        entry = entries.setdefault(
            finding["id"],
            {"id": finding["id"], "title": finding["title"], "why": finding["why"], "fixes": [], "occurrences": []},
        )
        entry["occurrences"].append(
            {"zone": finding["zone"], "servers": finding["servers"], "message": finding["message"]}
        )
        if finding["fix"] and finding["fix"] not in entry["fixes"]:
            entry["fixes"].append(finding["fix"])
    groups = {sev: list(entries.values()) for sev, entries in groups.items()}
    return [
        {
            "severity": sev,
            "label": catalog.severity_label(sev, language),
            "description": catalog.severity_description(sev, language),
            "findings": groups[sev],
        }
        for sev in sorted(groups, key=lambda s: SEVERITY_RANK.get(s, 9))
    ]


def server_rows(report: dict | None) -> list[dict]:
    """One row per zone and server address: names, queries, errors, answer times."""
    if not report:
        return []
    stats = {}
    for entry in report.get("servers", []):
        queries = entry.get("queries", [])
        sent = [q for q in queries if not q.get("cached")]
        times = [q["time_ms"] for q in sent if q.get("time_ms") is not None and not q.get("error")]
        stats[entry["server"]] = {
            "queries": len(sent),
            "errors": sorted({q["error"] for q in sent if q.get("error")}),
            "tcp": any(q.get("transport") == "tcp" and not q.get("error") for q in sent),
            "median_ms": sorted(times)[len(times) // 2] if times else None,
        }
    rows = []
    for zone in report.get("chain", []):
        for server in zone.get("servers", []):
            stat = stats.get(server["address"], {"queries": 0, "errors": [], "tcp": False, "median_ms": None})
            rows.append(
                {
                    "zone": zone["zone"],
                    "address": server["address"],
                    "names": server.get("names", []),
                    "refused": server.get("refused"),
                    **stat,
                }
            )
    return rows


def query_log(report: dict | None) -> list[dict]:
    entries = []
    for entry in (report or {}).get("servers", []):
        entries.extend(entry.get("queries", []))
    return entries


def previous_run(run: CheckRun) -> CheckRun | None:
    return (
        CheckRun.objects.filter(domain=run.domain, state=CheckRun.State.DONE, created__lt=run.created)
        .order_by("-created")
        .first()
    )


def changes(run: CheckRun, previous: CheckRun | None, language: str) -> dict | None:
    """What differs from the previous finished run of the domain: verdict, new and resolved findings."""
    if previous is None or run.state != CheckRun.State.DONE:
        return None

    def keyed(report):
        return {(f["id"], f["zone"]): f for f in findings(report, language)}

    now, before = keyed(run.report), keyed(previous.report)
    return {
        "previous": previous,
        "verdict_changed": previous.verdict != run.verdict,
        "previous_verdict": catalog.verdict_label(previous.verdict, language) if previous.verdict else "",
        "new": [now[k] for k in sorted(set(now) - set(before), key=str)],
        "resolved": [before[k] for k in sorted(set(before) - set(now), key=str)],
    }


def progress_lines(events: list) -> list[dict]:
    lines = []
    for event in events or []:
        if event.get("event") == "server":
            lines.append(
                {
                    "kind": "server",
                    "zone": event.get("zone"),
                    "server": event.get("server"),
                    "queries": event.get("queries"),
                }
            )
        elif event.get("event") == "zone":
            lines.append({"kind": "zone", "zone": event.get("zone"), "status": event.get("status")})
    return lines
