"""Alert conditions, runs and diffs as people read them (in the active language)."""

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from checker import catalog
from checker import presenters as checker_presenters
from checker.presenters import language_code
from watch import conditions


def finding_title(key: str) -> str:
    """'id@zone' as the catalogue's title in the active language, with the zone."""
    finding_id, _at, zone = key.partition("@")
    try:
        title = catalog.render(finding_id, language_code(get_language()))["title"]
    except KeyError:
        title = finding_id
    return f"{title} ({zone})" if zone else title


def duration(seconds: int) -> str:
    if abs(seconds) >= 86400:
        days = round(seconds / 86400, 1)
        return ngettext("%(count)s day", "%(count)s days", int(days != 1) + 1) % {"count": f"{days:g}"}
    hours = round(seconds / 3600, 1)
    return ngettext("%(count)s hour", "%(count)s hours", int(hours != 1) + 1) % {"count": f"{hours:g}"}


def verdict(value: str) -> str:
    return catalog.verdict_label(value, language_code(get_language())) if value else "—"


def describe(condition: dict) -> str:
    """One line for an alert's condition (Condition.to_dict())."""
    code = condition["code"]
    if code == conditions.VERDICT_WORSE:
        return _("The verdict got worse: %(before)s → %(after)s.") % {
            "before": verdict(condition["before"]),
            "after": verdict(condition["after"]),
        }
    if code == conditions.NEW_SEVERE:
        return _("New errors: %(findings)s.") % {"findings": "; ".join(map(finding_title, condition["findings"]))}
    if code == conditions.VALIDITY_LOW:
        return _("Signatures expire in %(remaining)s (the alert threshold is %(floor)s).") % {
            "remaining": duration(condition["remaining"]),
            "floor": duration(condition["floor"]),
        }
    if code == conditions.K_FINDING:
        return _("Key rollover timing: %(findings)s.") % {
            "findings": "; ".join(map(finding_title, condition["findings"]))
        }
    if code == conditions.STILL_INDETERMINATE:
        return ngettext(
            "The zone could not be judged in %(count)d check in a row.",
            "The zone could not be judged in %(count)d checks in a row.",
            condition["runs"],
        ) % {"count": condition["runs"]}
    if code == conditions.KEYS_CHANGED:
        return _("The DNSKEY set changed: added %(added)s, removed %(removed)s.") % _sets(condition)
    if code == conditions.DS_CHANGED:
        return _("The DS set at the parent changed: added %(added)s, removed %(removed)s.") % _sets(condition)
    return code


def unjudged(entry: dict) -> str:
    """A group K rule a change called for, which the interval between two checks could not prove either way."""
    return _(
        "%(title)s: could not be judged at this check interval (the checks were %(gap)s apart; only a change "
        "within %(required)s proves it)."
    ) % {
        "title": finding_title(entry["id"]),
        "gap": duration(entry["gap"]),
        "required": duration(entry["required_wait"]),
    }


def _sets(condition: dict) -> dict:
    return {"added": ", ".join(condition["added"]) or "—", "removed": ", ".join(condition["removed"]) or "—"}


def diff(earlier_run, later_run) -> dict:
    """What changed between two finished runs: every finding (as the result page's "changes since the previous
    check" lists them), the DNSKEY set and the DS set."""
    earlier, later = conditions.summary(earlier_run.report), conditions.summary(later_run.report)
    found = checker_presenters.changes(later_run, earlier_run, language_code(get_language()))

    def titled(finding):
        return f"{finding['title']} ({finding['zone']})" if finding["zone"] else finding["title"]

    return {
        "findings": {"added": [titled(f) for f in found["new"]], "removed": [titled(f) for f in found["resolved"]]},
        "dnskeys": conditions.delta(earlier["dnskeys"], later["dnskeys"]),
        "ds": conditions.delta(earlier["ds"], later["ds"]),
        "verdicts": (verdict(earlier["verdict"]), verdict(later["verdict"])),
    }
