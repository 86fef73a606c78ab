"""Demo rows of the service-status registry from members/data/service_status.toml (`load_initial_data` calls it).

The seed's rows A–L, each anonymous under its own letter and owned by a fictional demo organisation (the seed
names nobody). Loaded once, then they belong to the organisations' users and the editors (the rule is in
`portal.demo`): a second run only adds what was never loaded.
"""

import tomllib
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from members.models import Organisation, ServiceKind, ServiceStatus, ServiceStatusChange
from portal.demo import DemoContent

ENTRIES = Path(settings.BASE_DIR) / "members" / "data" / "service_status.toml"
CATEGORY = {
    ServiceKind.REGISTRAR: Organisation.Category.REGISTRY_REGISTRAR,
    ServiceKind.DNS_HOSTING: Organisation.Category.HOSTING,
    ServiceKind.RESOLVER: Organisation.Category.ISP,
}


def entries(path=None):
    return tomllib.loads(Path(path or ENTRIES).read_text(encoding="utf-8"))["entry"]


def organisation_slug(entry):
    return f"demo-member-{entry['letter'].lower()}"


def build_organisation(organisation, entry):
    letter = entry["letter"]
    organisation = organisation or Organisation(slug=organisation_slug(entry))
    organisation.name_ja = f"デモ会員 {letter}"
    organisation.name_en = f"Demo member {letter}"
    organisation.reading = entry["reading"]
    organisation.description_ja = (
        f"架空の組織です（デモ）。会員の非公式な対応状況の表（シード）の行 {letter} を持つためだけにあります。"
    )
    organisation.description_en = (
        f"A fictional organisation (demo), there only to own row {letter} of the seed's unofficial status table."
    )
    organisation.category = CATEGORY[entry["kind"]]
    organisation.demo = True
    organisation.save()
    return organisation


def build_entry(status, entry):
    organisation = Organisation.objects.filter(slug=organisation_slug(entry)).first()
    if organisation is None:
        return None  # an editor deleted the demo organisation, and its row with it
    created = status is None
    status = status or ServiceStatus(organisation=organisation)
    status.kind = entry["kind"]
    status.service_style = entry.get("service_style", "")
    status.validation = entry.get("validation", "")
    status.key_owner = entry.get("key_owner", "")
    status.fee = entry["fee"]
    status.start = entry["start"]
    status.since = date.fromisoformat(entry["since"] + "-01") if "since" in entry else None
    status.visibility = ServiceStatus.Visibility.ANONYMOUS
    if not ServiceStatus.objects.filter(letter=entry["letter"]).exclude(pk=status.pk).exists():
        status.letter = entry["letter"]  # the seed's own letter, unless an entry of the database holds it
    status.full_clean()
    status.save()
    ServiceStatusChange.record(
        status, ServiceStatusChange.Action.CREATED if created else ServiceStatusChange.Action.CHANGED, actor=None
    )
    return status


class Command(BaseCommand):
    help = (
        "Load the demo rows of the service-status registry (members/data/service_status.toml), the seed's rows "
        "A–L. Safe to run again: never overwrites a change made since."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        demo = DemoContent("members")
        loaded = entries()
        for entry in loaded:
            slug = organisation_slug(entry)
            version = entry.get("version", 1)
            demo.load(
                f"organisation:{slug}",
                version=version,
                find=lambda slug=slug: Organisation.objects.filter(slug=slug).first(),
                build=lambda organisation, entry=entry: build_organisation(organisation, entry),
            )
            demo.load(
                f"service-status:{entry['letter']}",
                version=version,
                build=lambda status, entry=entry: build_entry(status, entry),
            )
        if options["verbosity"] >= 1:
            self.stdout.write(f"Service-status registry: {len(loaded)} demo rows.")
        demo.report(self, options["verbosity"])
