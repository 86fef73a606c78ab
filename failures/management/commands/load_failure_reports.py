"""Load the demo failure reports (failures/demo) in Japanese and English. Safe to run again."""
import datetime
import importlib
import uuid

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from failures.demo import REPORTS
from failures.models import Category, FailureReport, Status, TimelineEntry
from failures.workflow import record_revision

# Demo reports are found again by a token derived from their key.
DEMO_NAMESPACE = uuid.UUID("6f1c7a52-3d1e-4b8e-9a57-2f9d0c8b1e44")


def seed_categories():
    """The taxonomy's seed, for a database that a test flushed after the migration ran."""
    migration = importlib.import_module("failures.migrations.0002_seed_categories")
    for order, (slug, name_ja, name_en) in enumerate(migration.CATEGORIES, start=1):
        Category.objects.get_or_create(slug=slug, defaults={"name_ja": name_ja, "name_en": name_en, "sort_order": order})


class Command(BaseCommand):
    help = "Load the demo failure reports (both languages, published). Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        seed_categories()
        tz = timezone.get_current_timezone()
        for entry in REPORTS:
            token = uuid.uuid5(DEMO_NAMESPACE, entry["key"])
            report = FailureReport.objects.filter(submission_token=token).first() or FailureReport(submission_token=token)
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
                    report=report, at=timezone.make_aware(datetime.datetime.fromisoformat(at), tz), text_ja=text_ja, text_en=text_en
                )
            if not report.revisions.exists():
                record_revision(report, None, correction_note="")
        self.stdout.write(f"Failure-case library: {len(REPORTS)} demo reports, {Category.objects.count()} categories.")
