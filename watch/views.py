"""The watch list, a watched domain's history and settings, the Atom feed and the webhook (accounts/watch/)."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checker import catalog
from checker.models import CheckRun
from checker.presenters import language_code, local_time, unicode_domain
from members.permissions import administers, can_act_for, organisation_of
from portal import charts, clock, feeds
from portal.baseurl import base_url
from watch import keysets, monitor, presenters
from watch.forms import AddForm, SettingsForm, WebhookForm
from watch.models import WatchedDomain, Webhook

HISTORY_LENGTH = 60


def _watched(request, pk) -> WatchedDomain:
    """The watched domain, if the user acts for its organisation; another organisation's is a 404."""
    watched = get_object_or_404(WatchedDomain.objects.select_related("organisation"), pk=pk)
    if not can_act_for(request.user, watched.organisation):
        raise Http404
    return watched


@login_required
def watch_list(request):
    organisation = organisation_of(request.user)
    form = AddForm(request.POST or None)
    if request.method == "POST" and organisation is not None and form.is_valid():
        try:
            watched = monitor.add(organisation, form.cleaned_data["domain"], request.user)
        except ValidationError as error:
            form.add_error("domain", error)
        else:
            messages.success(request, _("%(name)s is watched now: its first check runs at once.") % {"name": watched})
            return redirect("watch:list")
    watched = _with_last_run(WatchedDomain.objects.filter(organisation=organisation)) if organisation else []
    names = {entry.domain for entry in watched}
    now = clock.now()
    return render(
        request,
        "watch/list.html",
        {
            "organisation": organisation,
            "form": form,
            "rows": [_row(entry, now) for entry in watched],
            "suggestions": [d for d in organisation.domains.filter(verified=True) if d.name not in names]
            if organisation
            else [],
            "keeps_webhook": administers(request.user, organisation),
            "limit": settings.WATCH_MAX_DOMAINS_PER_ORGANISATION,
            "webhook": getattr(organisation, "webhook", None) if organisation else None,
            "page_title": _("Watched domains"),
        },
    )


def _with_last_run(watched):
    """Each watched domain with `last_run`, its latest run (without the report), in two queries for the list."""
    latest = CheckRun.objects.filter(watches=OuterRef("pk")).order_by("-created").values("pk")[:1]
    watched = list(watched.annotate(last_run_id=Subquery(latest)))
    last_runs = CheckRun.objects.defer("report").in_bulk([entry.last_run_id for entry in watched if entry.last_run_id])
    for entry in watched:
        entry.last_run = last_runs.get(entry.last_run_id)
    return watched


def _row(watched: WatchedDomain, now) -> dict:
    last = watched.last_run
    summary = watched.last_summary or {}
    return {
        "watched": watched,
        "display": unicode_domain(watched.domain),
        "last": last,
        "verdict": presenters.verdict(last.verdict) if last and last.verdict else "",
        "validity": presenters.duration(summary["min_validity"]) if summary.get("min_validity") is not None else "",
        "muted": monitor.is_muted(watched, now),
        "alerting": bool(watched.open_problems),
    }


@login_required
@require_POST
def update(request, pk):
    watched = _watched(request, pk)
    form = SettingsForm(request.POST)
    if form.is_valid():
        mute_for = form.mute_for()
        monitor.mute(watched, clock.now() + mute_for if mute_for else None)
        watched.info_alerts = form.cleaned_data["info_alerts"]
        watched.save(update_fields=["info_alerts"])
        messages.success(request, _("The settings of %(name)s are saved.") % {"name": watched})
    return redirect("watch:history", pk=watched.pk)


@login_required
@require_POST
def remove(request, pk):
    watched = _watched(request, pk)
    monitor.remove(watched)
    messages.success(request, _("%(name)s is no longer watched.") % {"name": watched})
    return redirect("watch:list")


# K5 shown over time: each check's judgement of an RFC 8901 multi-signer set-up (K6 says one was seen).
MULTI_SIGNER_LABELS = {
    "consistent": gettext_lazy("consistent (K6)"),
    "inconsistent": gettext_lazy("inconsistent (K5)"),
}


def _unjudged(run: CheckRun) -> list[dict]:
    return ((run.report or {}).get("rollover") or {}).get("unjudged", [])


def _run_summary(run: CheckRun) -> dict | None:
    from watch.conditions import summary

    return summary(run.report) if run.state == CheckRun.State.DONE and run.report else None


@login_required
def history(request, pk):
    watched = _watched(request, pk)
    language = language_code(get_language())
    done = list(watched.runs.order_by("-created")[:HISTORY_LENGTH])[::-1]
    rows = []
    for run in done:
        summary = _run_summary(run) or {}
        validity = summary.get("min_validity")
        rows.append(
            {
                "run": run,
                "when": local_time(run.created, "DATETIME_FORMAT"),
                "verdict": run.verdict,
                "verdict_label": catalog.verdict_label(run.verdict, language)
                if run.verdict
                else run.get_state_display(),
                "validity_days": round(validity / 86400, 1) if validity is not None else None,
                "keys": summary.get("dnskeys", []),
                "ds": summary.get("ds", []),
                "multi_signer": MULTI_SIGNER_LABELS.get(summary.get("multi_signer")),
                "unjudged": [presenters.unjudged(entry) for entry in _unjudged(run)],
            }
        )
    chart = charts.timeline(
        [(r["when"], r["verdict"], r["verdict_label"], r["validity_days"]) for r in rows],
        _("Verdicts and signature validity of %(name)s") % {"name": unicode_domain(watched.domain)},
        _("Days of signature validity left"),
    )
    judged = [run for run in done if run.state == CheckRun.State.DONE and run.report]
    keys = keysets.sightings([(run.created, run.report) for run in judged])
    return render(
        request,
        "watch/history.html",
        {
            "watched": watched,
            "display": unicode_domain(watched.domain),
            "rows": rows[::-1],
            "chart": chart,
            "keys": [_key_row(sighting) for sighting in keys],
            "keys_chart": _keys_chart(watched, judged, keys),
            "comparison": _comparison(request, [r["run"] for r in rows if r["run"].state == CheckRun.State.DONE]),
            "alerts": [
                (alert, local_time(alert.at, "DATETIME_FORMAT"), [presenters.describe(c) for c in alert.conditions])
                for alert in watched.alerts.all()[:20]
            ],
            "settings_form": SettingsForm(
                initial={"mute_hours": "0", "info_alerts": watched.info_alerts},
            ),
            "muted": monitor.is_muted(watched),
            "feed_url": base_url() + reverse("watch:feed", kwargs={"token": watched.feed_token}),
            "page_title": _("History of %(name)s") % {"name": unicode_domain(watched.domain)},
        },
    )


def _key_row(sighting: keysets.Sighting) -> dict:
    return {
        "sighting": sighting,
        "first": local_time(sighting.first, "DATETIME_FORMAT"),
        "last": local_time(sighting.last, "DATETIME_FORMAT"),
        "inception": local_time(_moment(sighting.inception), "DATETIME_FORMAT"),
        "expiration": local_time(_moment(sighting.expiration), "DATETIME_FORMAT"),
        "ttl": presenters.duration(sighting.ttl) if sighting.ttl is not None else "",
    }


def _moment(text: str | None):
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _keys_chart(watched, runs: list[CheckRun], keys: list[keysets.Sighting]):
    if not keys:
        return None
    # "published" is also a page's publication date elsewhere: a context keeps the key's state its own words.
    labels = {keysets.SIGNING: _("signing"), keysets.PRESENT: pgettext("key state", "published"), keysets.ABSENT: ""}
    lanes = []
    for sighting in keys:
        states = sighting.states()
        if sighting.kind == keysets.DS:
            lanes.append((f"DS {sighting.label}", states, [_("at the parent") if s else "" for s in states]))
        else:
            lanes.append((sighting.label, states, [labels[state] for state in states]))
    return charts.presence(
        [local_time(run.created, "DATETIME_FORMAT") for run in runs],
        lanes,
        _("Keys and DS records of %(name)s over time") % {"name": unicode_domain(watched.domain)},
    )


def _comparison(request, runs: list[CheckRun]) -> dict | None:
    """The diff of the two runs chosen (?from=&to=, public ids), by default the last two."""
    if len(runs) < 2:
        return None
    by_id = {str(run.public_id): run for run in runs}
    earlier = by_id.get(request.GET.get("from", "")) or runs[-2]
    later = by_id.get(request.GET.get("to", "")) or runs[-1]
    return {
        "earlier": earlier,
        "later": later,
        "choices": [(str(run.public_id), local_time(run.created, "DATETIME_FORMAT")) for run in runs[::-1]],
        "diff": presenters.diff(earlier, later),
    }


def feed(request, token):
    """The watched domain's alerts as Atom; the token in the link is the only key (no login)."""
    watched = get_object_or_404(WatchedDomain, feed_token=token)
    link = base_url() + reverse("watch:history", kwargs={"pk": watched.pk})
    atom = Atom1Feed(
        title=_("Alerts of %(name)s (DNSSEC Japan)") % {"name": unicode_domain(watched.domain)},
        link=link,
        description="",
        language=get_language(),
        feed_url=base_url() + request.path,
        author_name=str(feeds.AUTHOR_NAME),
        author_link=feeds.author_link(),
    )
    for alert in watched.alerts.all()[:50]:
        atom.add_item(
            title=f"{alert.get_kind_display()}: {unicode_domain(watched.domain)}",
            link=f"{link}#alert-{alert.pk}",
            description="\n".join(presenters.describe(c) for c in alert.conditions),
            unique_id=f"{link}#alert-{alert.pk}",
            pubdate=alert.at,
            updateddate=alert.at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    atom.write(response, "utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response


def _webhook_organisation(request):
    """The organisation whose webhook `request`'s user keeps: its own administrators and the portal's only,
    since the webhook sends every alert of every watched domain out of the portal."""
    organisation = organisation_of(request.user)
    if organisation is None:
        raise Http404
    if not administers(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
def webhook(request):
    """The organisation's webhook: set (or replaced, with a new secret shown once) and its last deliveries."""
    organisation = _webhook_organisation(request)
    current = Webhook.objects.filter(organisation=organisation).first()
    form = WebhookForm(request.POST or None, instance=current)
    secret = None
    if request.method == "POST" and form.is_valid():
        Webhook.objects.filter(organisation=organisation).delete()
        current = Webhook.objects.create(
            organisation=organisation, url=form.cleaned_data["url"], created_by=request.user, created_at=clock.now()
        )
        secret = current.secret  # shown on this answer only
        form = WebhookForm(instance=current)
    return render(
        request,
        "watch/webhook.html",
        {
            "form": form,
            "webhook": current,
            "secret": secret,
            "deliveries": current.deliveries.all()[:20] if current else [],
            "page_title": _("Webhook of watched-domain alerts"),
        },
    )


@login_required
def webhook_delete(request):
    organisation = _webhook_organisation(request)  # before the method, so that nobody else learns even that
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    Webhook.objects.filter(organisation=organisation).delete()
    messages.success(request, _("The webhook is deleted."))
    return redirect("watch:list")
