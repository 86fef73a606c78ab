"""Load the demo failure reports (failures/demo) in Japanese and English. Safe to run again.

Loaded once, then the reports belong to the reviewers (the rule is in
`portal.demo`): a second run only adds reports that were never loaded. A
report's optional "version" (1 when absent) is its content version: raise it
after improving the report's texts, and databases where nobody has changed
that report since it was loaded get the new texts; a report a reviewer changed
or deleted is left as it is.
"""

import datetime
import importlib
import uuid

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from failures.demo import REPORTS
from failures.models import Category, FailureReport, Status, TimelineEntry
from failures.workflow import record_revision
from portal.demo import DemoContent

# Demo reports are found again by a token derived from their key.
DEMO_NAMESPACE = uuid.UUID("6f1c7a52-3d1e-4b8e-9a57-2f9d0c8b1e44")


def seed_categories():
    """The taxonomy's seed, for a database that a test flushed after the migration ran."""
    migration = importlib.import_module("failures.migrations.0002_seed_categories")
    for order, (slug, name_ja, name_en) in enumerate(migration.CATEGORIES, start=1):
        Category.objects.get_or_create(
            slug=slug, defaults={"name_ja": name_ja, "name_en": name_en, "sort_order": order}
        )


def build(report, entry, token):
    tz = timezone.get_current_timezone()
    report = report or FailureReport(submission_token=token)
    for language in ("ja", "en"):
        for name, value in entry[language].items():
            setattr(report, f"{name}_{language}", value)
    report.original_language = "ja"
    report.incident_date = datetime.date.fromisoformat(entry["incident_date"])
    report.impact_minutes = entry["impact_minutes"]
    report.category = Category.objects.get(slug=entry["category"])
    report.roles = entry["roles"]
    report.finding_ids = entry["finding_ids"]
    report.references = "\n".join(entry["references"])
    report.anonymous = entry["anonymous"]
    report.status = Status.PUBLISHED
    report.published_at = report.published_at or timezone.make_aware(
        datetime.datetime.combine(report.incident_date + datetime.timedelta(days=30), datetime.time(10)), tz
    )
    report.save()
    report.timeline.all().delete()
    for at, text_ja, text_en in entry["timeline"]:
        TimelineEntry.objects.create(
            report=report,
            at=timezone.make_aware(datetime.datetime.fromisoformat(at), tz),
            text_ja=text_ja,
            text_en=text_en,
        )
    # The loader's own first revision (an update reaches only a report nobody changed, so no one else's).
    report.revisions.all().delete()
    record_revision(report, None, correction_note="")
    return report


class Command(BaseCommand):
    help = (
        "Load the demo failure reports (both languages, published). Safe to run again: never overwrites a "
        "reviewer's change."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        seed_categories()
        demo = DemoContent("failures")
        for entry in REPORTS:
            token = uuid.uuid5(DEMO_NAMESPACE, entry["key"])
            demo.load(
                f"report:{entry['key']}",
                version=entry.get("version", 1),
                related={"timeline": ("at", "text_ja", "text_en"), "revisions": ("number",)},
                find=lambda token=token: FailureReport.objects.filter(submission_token=token).first(),
                build=lambda report, entry=entry, token=token: build(report, entry, token),
            )
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Failure-case library: {len(REPORTS)} demo reports, {Category.objects.count()} categories."
            )
        demo.report(self, options["verbosity"])
