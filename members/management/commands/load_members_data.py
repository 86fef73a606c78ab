"""Demo member organisations from members/data/organisations.toml (`load_initial_data` calls it).

Loaded once, then the organisations belong to the editors (the rule is in
`portal.demo`): a second run only adds organisations that were never loaded.
An entry's optional `version` (1 when absent) is its content version: raise it
after changing the entry (say, once the Pub-WG confirms it) and databases where
nobody has changed that organisation since it was loaded get the new values;
an organisation an editor changed or deleted is left as the editor left it.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from members.models import Organisation
from portal.demo import DemoContent

ORGANISATIONS = Path(settings.BASE_DIR) / "members" / "data" / "organisations.toml"


def entries(path=None):
    return tomllib.loads(Path(path or ORGANISATIONS).read_text(encoding="utf-8"))["organisation"]


def build(organisation, entry):
    organisation = organisation or Organisation(slug=entry["slug"])
    organisation.name_ja = entry["name_ja"]
    organisation.name_en = entry["name_en"]
    organisation.reading = entry.get("reading", "")
    organisation.description_ja = entry.get("description_ja", "")
    organisation.description_en = entry.get("description_en", "")
    organisation.search_aliases = ", ".join(entry.get("aliases", []))
    organisation.category = entry["category"]
    organisation.confirmed = entry["status"] == "確認済"
    organisation.save()
    return organisation


class Command(BaseCommand):
    help = (
        "Load the demo member organisations (members/data/organisations.toml). Safe to run again: never "
        "overwrites an editor's change."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        demo = DemoContent("members")
        loaded = entries()
        for entry in loaded:
            demo.load(
                f"organisation:{entry['slug']}",
                version=entry.get("version", 1),
                find=lambda slug=entry["slug"]: Organisation.objects.filter(slug=slug).first(),
                build=lambda organisation, entry=entry: build(organisation, entry),
            )
        if options["verbosity"] >= 1:
            self.stdout.write(f"Member organisations: {len(loaded)} in the demo data.")
        demo.report(self, options["verbosity"])
