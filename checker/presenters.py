"""What the result page and the API show of a run: findings by severity, servers, changes."""

from __future__ import annotations

import idna
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext, override
from django.utils.translation import gettext as _

from checker import catalog, conf
from checker.engine.report import stored_severity, stored_texts
from checker.models import CheckRun
from portal import languages


def language_code(language: str | None) -> str:
    """The catalogue's language for `language`: Japanese or English, and Japanese for any other."""
    return languages.catalog_language(language)


def findings(report: dict | None, language: str, section: str = "findings") -> list[dict]:
    """The findings of a stored report (`section` "findings", or "upstream": the parent zones' own
    problems), with their texts rendered from today's catalog."""
    out = []
    for finding in (report or {}).get(section, []):
        texts = stored_texts(finding, language)
        out.append(
            {
                "id": finding["id"],
                "severity": stored_severity(finding),
                "zone": finding.get("zone"),
                "servers": finding.get("servers") or ([finding["server"]] if finding.get("server") else []),
                "title": texts.get("title", finding["id"]),
                "message": texts.get("message", ""),
                "why": texts.get("why", ""),
                "fix": texts.get("fix", ""),
            }
        )
    return out


def findings_by_severity(report: dict | None, language: str, section: str = "findings") -> list[dict]:
    """Severity groups, worst first; in each, one entry per finding id with all its occurrences."""
    groups = {}
    for finding in findings(report, language, section):
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
        for sev in sorted(groups, key=catalog.severity_rank)
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


# Why a query got no answer (checker.engine.transport.Answer.error), as the progress line says it.
QUERY_ERRORS = {
    "timeout": gettext_lazy("no answer in time"),
    "network": gettext_lazy("network error"),
    "no_route": gettext_lazy("no route to the server"),
    "malformed": gettext_lazy("malformed answer"),
    "wrong_source": gettext_lazy("answer from another address"),
    "not_global": gettext_lazy("not asked: the address is not public"),
    "budget": gettext_lazy("not asked: the query budget was used up"),
    "deadline": gettext_lazy("not asked: the check's time was up"),
}


def _error_counts(errors: dict) -> str:
    return _(", ").join(
        _("%(error)s: %(count)d") % {"error": QUERY_ERRORS.get(kind, kind), "count": count}
        for kind, count in sorted(errors.items(), key=lambda item: (-item[1], item[0]))
    )


def progress_text(event: dict) -> str:
    """One engine event as a sentence in the active language; a server is said to answer only if it did."""
    if event.get("event") == "zone":
        status = event.get("status") or ""
        label = catalog.verdict_label(status, language_code(get_language())) if status in catalog.VERDICTS else status
        return _("Zone %(zone)s: %(status)s") % {"zone": unicode_domain(event.get("zone") or ""), "status": label}
    names = {"zone": unicode_domain(event.get("zone") or ""), "server": event.get("server")}
    queries = event.get("queries") or 0
    if "answered" not in event:  # recorded before the engine counted answers
        return ngettext(
            "%(zone)s: server %(server)s was asked %(count)d question",
            "%(zone)s: server %(server)s was asked %(count)d questions",
            queries,
        ) % {**names, "count": queries}
    answered, errors = event["answered"], event.get("errors") or {}
    if answered == queries:
        return ngettext(
            "%(zone)s: server %(server)s answered %(count)d question",
            "%(zone)s: server %(server)s answered all %(count)d questions",
            queries,
        ) % {**names, "count": queries}
    if answered == 0:
        return _("%(zone)s: server %(server)s did not answer (%(errors)s)") % {
            **names,
            "errors": _error_counts(errors),
        }
    return _("%(zone)s: server %(server)s answered %(answered)d of %(count)d questions (%(errors)s)") % {
        **names,
        "answered": answered,
        "count": queries,
        "errors": _error_counts(errors),
    }


def progress_lines(events: list) -> list[dict]:
    """The run page's progress list, in the active language."""
    lines = []
    for event in events or []:
        if event.get("event") in ("server", "zone"):
            failed = (
                event.get("event") == "server"
                and "answered" in event
                and event["answered"] < (event.get("queries") or 0)
            )
            lines.append({"kind": event["event"], "text": progress_text(event), "failed": failed})
    return lines


def in_both_languages(text_of) -> dict[str, str]:
    out = {}
    for language in ("ja", "en"):
        with override(language):
            out[language] = str(text_of())
    return out


def unicode_domain(domain: str) -> str:
    """The name as people write it (例え.jp for xn--r8jz45g.jp); a label that does not decode stays as it is."""
    if "xn--" not in (domain or ""):
        return domain
    labels = []
    for label in domain.split("."):
        try:
            labels.append(idna.decode(label) if label.startswith("xn--") else label)
        except (idna.IDNAError, UnicodeError):
            labels.append(label)
    return ".".join(labels)


def reason_code(error: str) -> str:
    """The stored reason without its detail: engine_error:KeyError is engine_error (class names stay in the log)."""
    return (error or "").split(":", 1)[0]


def failure_text(run: CheckRun) -> str:
    """What happened to a failed run, in the active language; never a class name."""
    code = reason_code(run.error)
    if code == "time_limit":
        return _("The check took longer than its time limit of %(seconds)d seconds and was stopped.") % {
            "seconds": conf.hard_limit()
        }
    if code == "engine_error":
        return _(
            "The checker failed with an internal error while checking this domain. This is a fault of the "
            "checker, not a finding about the domain; it is recorded in the portal's log."
        )
    if code in ("worker_lost", "retries_exhausted"):
        return ngettext(
            "The worker process running this check stopped unexpectedly (%(count)d attempt), so the check was "
            "given up.",
            "The worker process running this check stopped unexpectedly in each of %(count)d attempts, so the check "
            "was given up.",
            run.attempts,
        ) % {"count": run.attempts}
    if code == "lost":
        return _("The worker process running this check stopped unexpectedly, so the check could not be finished.")
    return _("The check stopped before a result was reached.")


def local_time(value, fmt: str = "DATETIME_FORMAT") -> str:
    """A time as every page shows it, in the site's format with its zone (portal/formats): 2026年12月3日 12:53 JST,
    3 December 2026 12:53 JST; `TIME_FORMAT` for a time of day alone, with seconds: 12:53:21 JST."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), fmt)
