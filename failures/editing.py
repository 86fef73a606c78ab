"""A report's form data: saved into the report, or kept as a proposed correction until a reviewer approves it.

A published report's authors propose corrections; the public page keeps the published text until a reviewer
approves (failures.workflow). The proposal is the form's cleaned data, kept as JSON.
"""

import datetime
import uuid

from failures import conf
from failures.models import NARRATIVE_FIELDS, Attachment, Category, TimelineEntry
from failures.uploads import safe_display_name
from portal import languages

TEXT_FIELDS = ("title", "summary") + NARRATIVE_FIELDS


def save_report(report, data, user):
    """Write the form's cleaned data (one language's text and the shared facts) into `report`."""
    language = data["language"]
    for name in TEXT_FIELDS:
        setattr(report, languages.field_name(name, language), data[name])
    report.incident_date = data["incident_date"]
    report.impact_minutes = data["impact_minutes"]
    report.category = data["category"]
    report.roles = data["roles"]
    report.finding_ids = data["finding_ids"]
    report.references = data["references"]
    report.check_run_id = data["check_run_id"]
    report.anonymous = data["anonymous"]
    report.save()
    # Entries at the same place and time keep their other languages' texts.
    old = list(report.timeline.all())
    others = [languages.field_name("text", code) for code in languages.model_languages() if code != language]
    report.timeline.all().delete()
    for index, (at, text) in enumerate(data["timeline"]):
        entry = TimelineEntry(report=report, at=at)
        setattr(entry, languages.field_name("text", language), text)
        if index < len(old) and old[index].at == at:
            for other in others:
                setattr(entry, other, getattr(old[index], other))
        entry.save()
    for upload, checked in data.get("attachments", ()):
        if report.attachments.count() >= conf.MAX_ATTACHMENTS_PER_REPORT:
            break
        Attachment.objects.create(
            report=report,
            file=upload,
            original_name=safe_display_name(upload.name),
            kind=checked.kind,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=user,
        )


def to_json(data) -> dict:
    """The cleaned data of a proposal (it has no attachments) as JSON."""
    return {
        **{name: data[name] for name in ("language", *TEXT_FIELDS, "impact_minutes", "references", "anonymous")},
        "incident_date": data["incident_date"].isoformat(),
        "category": data["category"].pk,
        "roles": list(data["roles"]),
        "finding_ids": list(data["finding_ids"]),
        "timeline": [(at.isoformat(), text) for at, text in data["timeline"]],
        "check_run_id": str(data["check_run_id"]) if data["check_run_id"] else None,
    }


def from_json(payload) -> dict:
    return {
        **payload,
        "incident_date": datetime.date.fromisoformat(payload["incident_date"]),
        "category": Category.objects.get(pk=payload["category"]),
        "timeline": [(datetime.datetime.fromisoformat(at), text) for at, text in payload["timeline"]],
        "check_run_id": uuid.UUID(payload["check_run_id"]) if payload["check_run_id"] else None,
        "attachments": [],
    }
