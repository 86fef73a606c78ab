"""The logo's public pages: anyone can see and verify a certificate.

The register, the criteria, each certificate's verification page, its badge, and its signed JSON with
the key that verifies it (members/verify.py verifies it outside the portal).
"""

import hashlib
import time
from datetime import UTC

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import parse_etags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from checker import catalog
from checker.presenters import language_code
from members.logo import criteria, lifecycle, resolver_evidence, signing
from members.logo.models import CURRENT_STATES, RESOLVER, Certificate, Evaluation
from portal import baseurl, charts, clock

State = Certificate.State
# How long a badge or a certificate's JSON may be cached: a state change shows within five minutes.
MAX_AGE = 300


def register(request):
    certificates = Certificate.objects.filter(state__in=CURRENT_STATES).select_related("organisation")
    return render(
        request,
        "members/logo/register.html",
        {"certificates": certificates, "page_title": _('Register of "DNSSEC enabled" logo certificates')},
    )


def criteria_page(request):
    language = language_code(get_language())
    versions = sorted(criteria.VERSIONS.values(), key=lambda version: version.published, reverse=True)
    current = criteria.VERSIONS[criteria.CURRENT]
    by_number = {finding.number: finding for finding in catalog.all_findings()}
    return render(
        request,
        "members/logo/criteria.html",
        {
            "current": current,
            "earlier": [version for version in versions if version.version != current.version],
            "blocking_groups": ", ".join(sorted(current.blocking_groups)),
            "blocking_row_count": sum(1 for finding in by_number.values() if finding.group in current.blocking_groups),
            "findings_url": reverse("checker:findings"),
            "blocking_rows": [
                _row(by_number[number], language) for number in sorted(current.blocking_numbers, key=_row_order)
            ],
            "undecided_rows": [_row(catalog.get(finding_id), language) for finding_id in sorted(current.undecided_ids)],
            "grace_days": settings.LOGO_GRACE_DAYS,
            "suspension_days": settings.LOGO_SUSPENSION_DAYS,
            "max_zones": settings.LOGO_MAX_ZONES,
            "max_prefixes": settings.LOGO_MAX_PREFIXES,
            "resolver_runs": settings.LOGO_RESOLVER_RUNS,
            "resolver_days": settings.LOGO_RESOLVER_DAYS,
            "resolver_window_days": settings.LOGO_RESOLVER_WINDOW_DAYS,
            "resolver_recheck_days": settings.LOGO_RESOLVER_RECHECK_DAYS,
            "resolver_answer_days": settings.LOGO_RESOLVER_ANSWER_DAYS,
            "resolver_test_url": reverse("resolvertest:start"),
            "page_title": _('Criteria of the "DNSSEC enabled" logo'),
        },
    )


def _row(finding, language):
    return {"id": finding.id, "number": finding.number, "title": finding.title.in_language(language)}


def _row_order(number):
    return number[0], int(number[1:])


def certificate(request, number):
    cert = get_object_or_404(Certificate.objects.select_related("organisation"), number=number)
    evaluation = _latest_evidence(cert)
    resolver = cert.category == RESOLVER
    resolver_judgement = resolver_evidence.of_evaluation(evaluation, cert.prefixes) if resolver and evaluation else None
    by_zone = {}
    if evaluation is not None and not resolver:
        by_zone = {
            run.domain: (run, judgement) for run, judgement in lifecycle.judgements(evaluation, cert.criteria_version)
        }
    language = language_code(get_language())
    zones = []
    for zone in cert.zones:
        run, judgement = by_zone.get(zone, (None, None))
        reasons = criteria.reason_parts(judgement, language) if judgement else []
        zones.append((zone, run, judgement, reasons))
    events = list(
        cert.events.select_related("actor__membership", "evaluation")
        .prefetch_related("evaluation__runs")
        .order_by("-at", "-pk")
    )
    page_url = baseurl.absolute(cert.get_absolute_url())
    badge_url = baseurl.absolute(reverse("logo:badge", args=[cert.number]))
    return render(
        request,
        "members/logo/certificate.html",
        {
            "certificate": cert,
            "evaluation": evaluation,
            "zones": zones,
            "outcome_labels": criteria.OUTCOME_LABELS,
            "resolver": resolver,
            "evidence": resolver_evidence.presentation(resolver_judgement) if resolver_judgement else None,
            "events": events,
            "period_ends": lifecycle.period_ends(cert),
            # Drawn into the page rather than linked: the page's own badge costs no request that
            # carries the reader's session cookie (a badge on another site is sent without it).
            "badge": badge_svg(cert.number, cert.state, language_code(get_language())),
            # What a provider copies into its pages: the badge, linked to this page.
            "snippet": format_html(
                '<a href="{}"><img src="{}" alt="{}"></a>',
                page_url,
                badge_url,
                _("DNSSEC enabled logo certificate %(number)s") % {"number": cert.number},
            ),
            "json_url": baseurl.absolute(reverse("logo:certificate_json", args=[cert.number])),
            "key_url": baseurl.absolute(reverse("logo:key")),
            "page_title": cert.number,
        },
    )


def _latest_evidence(cert: Certificate) -> Evaluation | None:
    """The latest settled round: the last re-check, or the application's round that issued or renewed it."""
    rounds = Evaluation.objects.filter(certificate=cert) | Evaluation.objects.filter(applications__certificate=cert)
    return rounds.exclude(outcome="").order_by("-settled_at", "-pk").first()


def badge(request, number):
    """The badge, in the language of the URL. At most one query (the state and when it last changed), no check.
    Answered by members.logo.middleware.BadgeMiddleware before the session and locale middleware."""
    row = _recent_state(number)
    if row is None:
        raise Http404
    state, changed_at = row
    language = language_code(get_language())
    etag = '"{}"'.format(
        hashlib.sha256(f"{number}|{state}|{changed_at.isoformat()}|{language}".encode()).hexdigest()[:32]
    )
    asked = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in asked or "*" in asked:
        response = HttpResponseNotModified()
    else:
        svg = badge_svg(number, state, language)
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Content-Security-Policy"] = "default-src 'none'"  # an image: nothing to load, nothing to run
    return response


# What the badges of this process last read, for BADGE_MEMORY seconds: an embedded badge is asked
# for on every view of its pages, and without a query it is served about as fast as a static file.
# A change saved in this process is seen at once (the receiver below); one saved in another (a
# worker's re-check) within BADGE_MEMORY seconds, well inside the badge's max-age.
BADGE_MEMORY = 10
_recent: dict[str, tuple[float, str, object]] = {}


def _recent_state(number: str):
    now = time.monotonic()
    remembered = _recent.get(number)
    if remembered is not None and now - remembered[0] < BADGE_MEMORY:
        return remembered[1:]
    row = Certificate.objects.filter(number=number).values_list("state", "changed_at").first()
    if row is None:
        _recent.pop(number, None)
        return None
    _recent[number] = (now, *row)
    return row


@receiver(post_save, sender=Certificate)
def _forget_state(sender, instance, **kwargs):
    _recent.pop(instance.number, None)


def badge_svg(number: str, state: str, language: str) -> str:
    label = State(state).label
    return charts.badge(
        heading=_("DNSSEC enabled"),
        subheading=_("DNSSEC Japan No. %(number)s") % {"number": number},
        state=state,
        state_label=str(label),
        title=badge_title(number, label),
        language=language,
    )


def badge_title(number, state_label) -> str:
    return _("DNSSEC enabled logo certificate %(number)s: %(state)s") % {"number": number, "state": state_label}


def certificate_json(request, number):
    cert = get_object_or_404(Certificate.objects.select_related("organisation"), number=number)
    return _public_json(signing.signed(payload(cert)))


def key(request):
    return _public_json({"alg": signing.ALGORITHM, "public_key": signing.public_key_base64()})


def payload(cert: Certificate) -> dict:
    """The certificate as signed. `organisation` carries both names ({"ja": …, "en": …}, null where the
    organisation has none in that language), so that a verifier in either language reads its own."""
    organisation = cert.organisation
    return {
        "number": cert.number,
        "organisation": {"ja": organisation.name_ja or None, "en": organisation.name_en or None},
        "category": cert.category,
        "state": cert.state,
        "zones": list(cert.zones),
        **({"prefixes": list(cert.prefixes)} if cert.category == RESOLVER else {}),
        "criteria_version": cert.criteria_version,
        "last_pass": rfc3339(cert.last_pass_at),
        "expires": rfc3339(cert.expires_at),
        "signed_at": rfc3339(clock.now()),
    }


def rfc3339(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _public_json(data):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiable from any page's script, too
    return response
