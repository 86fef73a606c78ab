"""Demo campaigns (`load_initial_data` calls it): a public list of the demo DNS lab's names and two finished
campaigns over it, the first dated four weeks ago and the second one week ago, so that "DNSSEC in Japan" shows
figures and a trend on the first visit.

The demo lab only starts after setup (`python3 dev.py` loads the demo content first, then starts the lab, then
the worker), so no check can run here. As for the demo logo certificates (members/management/commands/
load_logo_data.py), each name's result is recorded from the lab's own definition of its zone
(checker/lab/zones.py): the verdict and findings its condition names, the zone's DNSKEY algorithms, the digest
types of its DS records, its NSEC or NSEC3 parameters and its name servers' operator (the registrable domain of
their names, as `batches.results.operator_of` gives it for a real check). The campaigns and their list are
marked `demo` and the pages say so. The first campaign measured the list as it was then (its first two thirds,
in the lab's order); the names added since are in the second. A campaign the staff start over the same list
(campaigns.runs) measures the running lab for real. Conditions judged under another trust anchor than the
lab's default one are left out: a campaign checks every name with the same one.

How close that is to a real campaign: a campaign started over the list in a fresh `python3 dev.py` (December
2026) counted 110 secure, 6 insecure and 24 bogus names against the recorded 111, 5 and 24: a light check gives
the verdict each condition names but for `ds-differs-parent` (insecure: the one parent server asked has no DS;
tests/checker/engine/test_lab_python.py). Before the light profile asked a second server of a zone whose first
server's answers fail, five more differed. That comparison also gave the same algorithms for 137
names of 140, DS digest types for 135, NSEC/NSEC3 and its parameters for 135 and the same operator for 138 (a name
under the TLD itself has no zone of its own here).

Loaded once, then the data belongs to the staff (portal.demo); not loaded under the production settings, whose
checker never queries the demo lab.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from batches.models import Batch, BatchName
from batches.results import operator_of
from checker import catalog
from checker.conf import is_production
from checker.lab import CONDITIONS
from checker.lab.zones import ZONE_SPECS
from members.models import Organisation
from portal import clock
from portal.demo import DemoContent

from ... import figures
from ...models import Campaign, DomainList, DomainListEntry

LIST_SLUG = "demo-lab"
# Days before loading of each campaign, oldest first, and the share of the list's names it measured.
CAMPAIGNS = ((28, 2 / 3), (7, 1.0))
# The demo logo providers (load_logo_data) whose certified zones are theirs in the list: the member category.
OWNERS = {"alg13": "example-hosting-demo", "alg15": "example-hosting-demo", "expired": "example-registrar-demo"}
# DS records a zone's ds_hook adds at the parent, by the hook's name (the others keep the keys' digest types).
HOOK_DIGESTS = {"_add_gost_ds": 3, "_add_unassigned_digest_ds": 200}


def measured_conditions():
    return [condition for condition in CONDITIONS.values() if condition.trust_anchor == "default"]


def _worst(condition) -> str:
    severities = dict(condition.expected_severities)
    found = set()
    for finding in condition.expected_findings:
        try:
            found.add(severities.get(finding) or catalog.get(finding).severity)
        except KeyError:
            continue
    return next((severity for severity in catalog.SEVERITY_ORDER if severity in found), "")


def result_of(condition) -> dict:
    """The BatchName fields a light check of the condition's name gives, from the lab's definition of its zone."""
    spec = ZONE_SPECS.get(condition.zone)
    fields = {
        "verdict": condition.expected_verdict,
        "worst_severity": _worst(condition),
        "finding_ids": sorted(condition.expected_findings),
        "algorithms": [],
        "ds_digest_types": [],
        "denial": None,
        "ns_operator": "",
    }
    if spec is None:
        return fields
    zone = spec.name.to_text().rstrip(".")
    fields["ns_operator"] = operator_of([name if name.endswith(".") else f"{name}.{zone}" for name in spec.ns_names])
    if not spec.signed:
        return fields
    fields["algorithms"] = sorted({key.algorithm for key in spec.keys if key.published})
    digests = {digest for key in spec.keys for digest in key.ds}
    if digests and spec.ds_hook is not None:
        digests.add(HOOK_DIGESTS.get(spec.ds_hook.__name__, min(digests)))
    fields["ds_digest_types"] = sorted(digests)
    if spec.denial == "nsec3":
        fields["denial"] = {
            "type": "nsec3",
            "source": "nsec3param",
            "algorithm": 1,
            "flags": 0,  # the NSEC3PARAM's, as a check reports it (opt-out is a flag of the NSEC3 records)
            "opt_out": None,  # a light check sees no NSEC3 record
            "iterations": spec.nsec3_iterations,
            "salt": spec.nsec3_salt.hex().upper(),
        }
    else:
        fields["denial"] = {"type": "nsec"}
    return fields


def build_list(domain_list):
    if domain_list is not None:
        return domain_list  # the staff's from now on
    domain_list = DomainList.objects.create(
        slug=LIST_SLUG,
        name_ja="デモ DNS ラボのゾーン（デモ）",
        name_en="Zones of the demo DNS lab (demo)",
        description_ja=(
            "デモ DNS ラボの、条件ごとのゾーンです。正しく署名されたゾーンのほか、署名の期限切れや DS の不一致など、"
            "わざと壊したゾーンを含むため、実際のドメイン名より検証失敗が多くなります（デモ用データ）。"
        ),
        description_en=(
            "The demo DNS lab's zones, one per condition: correctly signed zones, and zones broken on purpose "
            "(expired signatures, a DS that matches no key, …), so far more are bogus than among real names "
            "(demo data)."
        ),
        source=DomainList.Source.UPLOAD,
        public=True,
        demo=True,
        updated_at=clock.now(),
    )
    owners = {org.slug: org for org in Organisation.objects.filter(slug__in=set(OWNERS.values()))}
    DomainListEntry.objects.bulk_create(
        DomainListEntry(
            domain_list=domain_list,
            domain=condition.check_name.rstrip("."),
            organisation=owners.get(OWNERS.get(condition.name, "")),
        )
        for condition in _unique(measured_conditions())
    )
    return domain_list


def _unique(conditions):
    seen, out = set(), []
    for condition in conditions:
        name = condition.check_name.rstrip(".")
        if name not in seen:
            seen.add(name)
            out.append(condition)
    return out


def build_campaign(campaign, domain_list, days_ago, share):
    if campaign is not None:
        return campaign
    at = clock.now() - timedelta(days=days_ago)
    conditions = _unique(measured_conditions())
    conditions = conditions[: round(len(conditions) * share)]
    batch = Batch.objects.create(
        created_at=at, finished_at=at, state=Batch.State.DONE, profile="light", accepted=len(conditions)
    )
    BatchName.objects.bulk_create(
        BatchName(
            batch=batch,
            position=position,
            domain=condition.check_name.rstrip("."),
            checked_at=at,
            **result_of(condition),
        )
        for position, condition in enumerate(conditions)
    )
    campaign = Campaign.objects.create(
        domain_list=domain_list, batch=batch, created_at=at, started_at=at, finished_at=at, demo=True
    )
    campaign.figures = figures.compute(campaign)
    campaign.save(update_fields=["figures"])
    return campaign


class Command(BaseCommand):
    help = "Load the demo campaigns (two, over the demo DNS lab's zones). Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        if is_production():
            if options["verbosity"] >= 1:
                self.stdout.write("Demo campaigns: not loaded under the production settings.")
            return
        demo = DemoContent("campaigns")
        domain_list = demo.load(
            f"list:{LIST_SLUG}",
            find=lambda: DomainList.objects.filter(slug=LIST_SLUG).first(),
            build=build_list,
        )
        if domain_list is not None:
            for days_ago, share in CAMPAIGNS:
                demo.load(
                    f"campaign:{days_ago}",
                    build=lambda campaign, days_ago=days_ago, share=share: build_campaign(
                        campaign, domain_list, days_ago, share
                    ),
                )
        demo.report(self, options["verbosity"])
