"""Demo logo certificates (`load_initial_data` calls it): two visibly fictional providers whose zones are in
the demo DNS lab, so that a new user sees a valid badge and one in its grace period; and a fictional ISP's
application in the validating-resolver category, waiting for review, on four resolver test runs recorded
here from its (documentation) prefixes: three qualify, on three days; one shows no support of algorithm 15.

The demo lab only starts after setup, so the evidence of these certificates is recorded here, at load
time, from the lab's own definition of each zone (checker/lab/zones.py: the verdict and findings the
check gives): an evidence round marked `demo`, whose runs say so. Each certificate's re-check is due at
once, so that beat's first dispatch (within a minute of `python3 dev.py` starting) checks the zones for
real and replaces that evidence. Loaded once, then the data belongs to the staff (portal.demo).
"""

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from checker.conf import is_production
from checker.lab import CONDITIONS
from checker.models import CheckRun
from members.logo import criteria, lifecycle, resolver_evidence
from members.logo.models import Application, Certificate, CertificateEvent, Evaluation
from members.models import Organisation, ServiceKind
from portal import clock, scheduler
from portal.demo import DemoContent
from resolvertest.models import TestRun
from resolvertest.zones import BY_LABEL


@dataclass(frozen=True)
class DemoProvider:
    slug: str
    name_ja: str
    name_en: str
    reading: str
    category: str  # Organisation.Category
    certificate_category: str  # ServiceKind
    conditions: tuple[str, ...]  # demo-lab conditions whose zones are certified
    issued_days_ago: int
    grace_days_ago: int | None = None  # in grace since then


PROVIDERS = (
    DemoProvider(
        slug="example-hosting-demo",
        name_ja="Example Hosting 株式会社（デモ）",
        name_en="Example Hosting Co., Ltd. (demo)",
        reading="えぐざんぷるほすてぃんぐ",
        category=Organisation.Category.HOSTING,
        certificate_category=ServiceKind.DNS_HOSTING,
        conditions=("alg13", "alg15"),
        issued_days_ago=40,
    ),
    DemoProvider(
        slug="example-registrar-demo",
        name_ja="Example Registrar 株式会社（デモ）",
        name_en="Example Registrar Inc. (demo)",
        reading="えぐざんぷるれじすとらー",
        category=Organisation.Category.REGISTRY_REGISTRAR,
        certificate_category=ServiceKind.REGISTRAR,
        conditions=("alg13", "expired"),
        issued_days_ago=120,
        grace_days_ago=3,
    ),
)


def demo_run(condition, at) -> CheckRun:
    """A run holding what the demo lab's definition says a check of the zone finds (marked demo)."""
    name = condition.check_name
    severities = dict(condition.expected_severities)
    findings = [
        {"id": finding, **({"severity": severities[finding]} if finding in severities else {})}
        for finding in sorted(condition.expected_findings)
    ]
    report = {
        "schema_version": 2,
        "query": name.rstrip("."),
        "name": name,
        "zone": name,
        "is_apex": True,
        "name_exists": True,
        "profile": "full",
        "now": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verdict": condition.expected_verdict,
        "findings": findings,
        "upstream": [],
        "chain": [],
        "answers": [],
        "servers": [],
        "query_count": 0,
        "verifications": 0,
        "memo_hits": 0,
        "timings": {},
        "demo": True,  # recorded by the demo loader from the lab's definition, not by a check
    }
    return CheckRun.objects.create(
        domain=name.rstrip("."),
        query=name.rstrip("."),
        queue=CheckRun.Queue.BATCH,
        state=CheckRun.State.DONE,
        created=at,
        started=at,
        finished=at,
        deadline=at,
        published=True,
        report=report,
        verdict=condition.expected_verdict,
    )


def demo_round(conditions, at, certificate=None) -> Evaluation:
    evaluation = Evaluation.objects.create(created_at=at, settled_at=at, demo=True, certificate=certificate)
    evaluation.runs.add(*(demo_run(condition, at) for condition in conditions))
    evaluation.outcome = criteria.combine(
        [judgement.outcome for _run, judgement in lifecycle.judgements(evaluation, criteria.CURRENT)]
    )
    evaluation.save(update_fields=["outcome"])
    return evaluation


def build_organisation(organisation, provider):
    organisation = organisation or Organisation(slug=provider.slug)
    organisation.name_ja, organisation.name_en = provider.name_ja, provider.name_en
    organisation.reading = provider.reading
    organisation.category = provider.category
    organisation.demo = True  # fictional: kept out of the member directory and the site search
    organisation.description_ja = "ロゴ認定の流れを示すための架空の事業者です（デモ用データ）。"
    organisation.description_en = "A fictional provider that shows how the logo programme works (demo data)."
    organisation.save()
    return organisation


def build_certificate(certificate, provider, organisation):
    if certificate is not None:
        return certificate  # the staff's from now on; the scheduler keeps it true
    now = clock.now()
    conditions = [CONDITIONS[name] for name in provider.conditions]
    issued = now - timedelta(days=provider.issued_days_ago)
    certificate = Certificate.objects.create(
        number=lifecycle.next_number(issued.year),
        organisation=organisation,
        category=provider.certificate_category,
        zones=[condition.check_name.rstrip(".") for condition in conditions],
        criteria_version=criteria.CURRENT,
        state=Certificate.State.VALID,
        state_since=issued,
        issued_at=issued,
        expires_at=issued + lifecycle.VALIDITY,
        last_pass_at=issued,
    )
    passed = demo_round(
        [CONDITIONS[name] for name in provider.conditions if CONDITIONS[name].expected_verdict == "secure"], issued
    )
    note = "デモ用データ / Demo data"
    CertificateEvent.objects.create(certificate=certificate, at=issued, to_state="valid", evaluation=passed, note=note)
    if provider.grace_days_ago is not None:
        since = now - timedelta(days=provider.grace_days_ago)
        failed = demo_round(conditions, since, certificate)
        certificate.state, certificate.state_since, certificate.last_evaluation = Certificate.State.GRACE, since, failed
        certificate.last_pass_at = since - timedelta(days=1)
        certificate.save()
        CertificateEvent.objects.create(
            certificate=certificate, at=since, from_state="valid", to_state="grace", evaluation=failed, note=note
        )
    scheduler.schedule(lifecycle.RECHECK, certificate.pk, now)  # real evidence at beat's first dispatch
    return certificate


ISP = DemoProvider(
    slug="example-isp-demo",
    name_ja="Example ISP 株式会社（デモ）",
    name_en="Example ISP Corp. (demo)",
    reading="えぐざんぷるあいえすぴー",
    category=Organisation.Category.ISP,
    certificate_category=ServiceKind.RESOLVER,
    conditions=(),
    issued_days_ago=0,
)
ISP_PREFIXES = ["192.0.2.0/26", "2001:db8:5300::/48"]  # documentation prefixes: visibly fictional
# (days ago, hour in Japan, resolver addresses, fetches that differ from a validating resolver's)
ISP_RUNS = (
    (6, 10, ["192.0.2.53"], {}),
    (6, 15, ["192.0.2.54"], {"alg15-bogus": "loaded"}),
    (5, 21, ["192.0.2.53", "2001:db8:5300::53"], {}),
    (2, 9, ["2001:db8:5300::53"], {}),
)


def demo_test_run(days_ago, hour, addresses, changed, now) -> TestRun:
    """A finished resolver test run as the test leaves it, from the given resolvers (public id marked demo)."""

    from django.utils import timezone

    finished = timezone.localtime(now).replace(hour=hour, minute=0, second=0, microsecond=0)
    finished -= timedelta(days=days_ago)
    fetches = {label: "failed" if zone.bogus else "loaded" for label, zone in BY_LABEL.items()} | changed
    zones = {label: {"queries": 1, "tcp": label == "big", "do": True} for label in BY_LABEL}
    resolvers = [{"address": address, "queries": 14, "tcp": True} for address in addresses]
    return TestRun.objects.create(
        public_id=f"demo-{secrets.token_urlsafe(12)}",
        created_at=finished - timedelta(seconds=11),
        finished_at=finished,
        language="ja",
        fetches=fetches,
        observations={"queries": 14 * len(addresses), "resolvers": resolvers, "zones": zones, "settled": True},
    )


def build_resolver_application(application, organisation):
    if application is not None:
        return application
    now = clock.now()
    runs = [demo_test_run(*run, now) for run in ISP_RUNS]
    rule = resolver_evidence.application_rule()
    networks = [ipaddress.ip_network(prefix) for prefix in ISP_PREFIXES]
    results = [resolver_evidence.examine(run, networks) for run in runs]
    judgement = resolver_evidence.judge(results, rule, [])
    evaluation = Evaluation.objects.create(
        created_at=now,
        settled_at=now,
        demo=True,
        outcome=judgement.outcome,
        evidence=resolver_evidence.evidence_record(judgement),
    )
    evaluation.test_runs.set(runs)
    return Application.objects.create(
        organisation=organisation,
        category=ServiceKind.RESOLVER,
        prefixes=ISP_PREFIXES,
        criteria_version=criteria.CURRENT,
        state=Application.State.READY,
        created_at=now,
        evaluation=evaluation,
    )


class Command(BaseCommand):
    help = (
        "Load the demo logo certificates (two fictional providers on the demo DNS lab) and a fictional ISP's "
        "resolver application. Safe to run again."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if is_production():
            # Their zones live in the demo DNS lab, which production never queries: a public register must not
            # list them, and their re-checks would only alert the staff.
            if options["verbosity"] >= 1:
                self.stdout.write("Demo logo certificates: not loaded under the production settings.")
            return
        demo = DemoContent("logo")
        for provider in PROVIDERS:
            organisation = demo.load(
                f"organisation:{provider.slug}",
                find=lambda slug=provider.slug: Organisation.objects.filter(slug=slug).first(),
                build=lambda org, provider=provider: build_organisation(org, provider),
            )
            if organisation is None:
                continue  # deleted by the staff: so is its certificate
            demo.load(
                f"certificate:{provider.slug}",
                find=lambda org=organisation, provider=provider: Certificate.objects.filter(
                    organisation=org, category=provider.certificate_category
                ).first(),
                build=lambda cert, provider=provider, org=organisation: build_certificate(cert, provider, org),
            )
        isp = demo.load(
            f"organisation:{ISP.slug}",
            find=lambda: Organisation.objects.filter(slug=ISP.slug).first(),
            build=lambda org: build_organisation(org, ISP),
        )
        if isp is not None:
            demo.load(
                f"application:{ISP.slug}",
                find=lambda: Application.objects.filter(organisation=isp, category=ServiceKind.RESOLVER).first(),
                build=lambda application: build_resolver_application(application, isp),
            )
        demo.report(self, options["verbosity"])
