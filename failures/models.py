"""Failure reports, their taxonomy, timeline, review, audit trail, revisions and attachments.

Translated fields (django-modeltranslation, see translation.py): a report's
title, summary and narrative exist as `<field>_ja` and `<field>_en`; it is
written in `original_language` and the other language may stay empty until
someone translates it.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from failures import conf
from portal import languages
from portal.search import SearchTextMixin


class Category(models.Model):
    """One entry of the taxonomy; reviewers edit it (failures/review/categories/)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("failure category")
        verbose_name_plural = _("failure categories")

    def __str__(self):
        return self.name or self.name_ja or self.name_en or self.slug


class AffectedRole(models.TextChoices):
    REGISTRY = "registry", _("Registry")
    REGISTRAR = "registrar", _("Registrar")
    DNS_PROVIDER = "dns-provider", _("DNS provider")
    ISP_RESOLVER = "isp-resolver", _("ISP resolver")
    ENTERPRISE = "enterprise", _("Enterprise")
    REGISTRANT = "registrant", _("Registrant")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


# The narrative fields, in the order a report tells its story.
NARRATIVE_FIELDS = ("symptoms", "detection", "root_cause", "fix", "lessons")
TRANSLATED_FIELDS = ("title", "summary") + NARRATIVE_FIELDS


def _packed(values):
    """Lists stored as ",a,b," so that `contains=",a,"` filters on every database."""
    return "," + ",".join(values) + "," if values else ""


def _unpacked(text):
    return [v for v in (text or "").split(",") if v]


class PublishedReportManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=Status.PUBLISHED)


class FailureReport(models.Model):
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="failure_reports",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="failure_reports",
    )
    anonymous = models.BooleanField(
        _("publish without the organisation's name"),
        default=False,
        help_text=_(
            "The public library, its feed and the site search never show the organisation of an anonymous report."
        ),
    )
    original_language = models.CharField(
        _("written in"), max_length=8, choices=languages.model_choices, default=settings.LANGUAGE_CODE
    )

    # Blank at the model: a report needs them in its original language only (checked by the form).
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    incident_date = models.DateField(_("date of the incident"))
    impact_minutes = models.PositiveIntegerField(_("duration of the impact (minutes)"), null=True, blank=True)
    symptoms = RichTextField(_("symptoms"), blank=True)
    detection = RichTextField(_("how it was detected"), blank=True)
    root_cause = RichTextField(_("root cause"), blank=True)
    fix = RichTextField(_("the fix"), blank=True)
    lessons = RichTextField(_("lessons learned"), blank=True)

    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="reports")
    roles_packed = models.CharField(_("roles affected"), max_length=200, blank=True)
    finding_ids_packed = models.CharField(_("checker finding ids"), max_length=1000, blank=True)
    references = models.TextField(_("references"), blank=True, help_text=_("One http(s) address per line."))
    check_run_id = models.UUIDField(_("checker run (evidence)"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The form's one-time token: a second POST of the same form finds this report instead of making another.
    submission_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    objects = models.Manager()
    published = PublishedReportManager()

    class Meta:
        ordering = ["-incident_date", "-pk"]
        verbose_name = _("failure report")
        verbose_name_plural = _("failure reports")

    def __str__(self):
        return self.display_title()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        SearchEntry.sync(self)

    def get_absolute_url(self):
        return reverse("failures:detail", kwargs={"pk": self.pk})

    # --- lists kept in one column ---
    @property
    def roles(self):
        return _unpacked(self.roles_packed)

    @roles.setter
    def roles(self, values):
        self.roles_packed = _packed([v for v in AffectedRole.values if v in set(values)])

    @property
    def finding_ids(self):
        return _unpacked(self.finding_ids_packed)

    @finding_ids.setter
    def finding_ids(self, values):
        self.finding_ids_packed = _packed(sorted(set(values)))

    def finding_ids_text(self):
        return " ".join(self.finding_ids)

    def role_labels(self):
        labels = dict(AffectedRole.choices)
        return [labels[r] for r in self.roles if r in labels]

    def reference_urls(self):
        return [line.strip() for line in self.references.splitlines() if line.strip()]

    # --- languages ---
    def has_language(self, language):
        return bool(self.field_in("title", language)) and bool(self.field_in("summary", language))

    def missing_languages(self):
        return [code for code in languages.model_languages() if not self.has_language(code)]

    def shown_language(self, language):
        """The language the report is read in: the reader's, or the original when no translation exists."""
        return language if self.has_language(language) else self.original_language

    def field_in(self, name, language):
        return getattr(self, languages.field_name(name, language), "") or ""

    def display_title(self, language=None):
        from django.utils.translation import get_language

        language = self.shown_language(language or get_language() or "ja")
        return self.field_in("title", language) or self.title_ja or self.title_en or ""

    # --- anonymity ---
    def public_organisation_name(self, language=None):
        """The organisation's name for the public, or "" when the report is anonymous."""
        if self.anonymous or self.organisation is None:
            return ""
        return self.organisation.shown_name(language).text

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def editable_by_author(self):
        return self.status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED)

    def year(self):
        return self.incident_date.year

    def impact_display(self):
        if self.impact_minutes is None:
            return ""
        hours, minutes = divmod(self.impact_minutes, 60)
        days, hours = divmod(hours, 24)
        parts = []
        if days:
            parts.append(_("%(n)d d") % {"n": days})
        if hours:
            parts.append(_("%(n)d h") % {"n": hours})
        if minutes or not parts:
            parts.append(_("%(n)d min") % {"n": minutes})
        return " ".join(str(p) for p in parts)

    def check_run_url(self):
        """The checker's page of the linked run, once the checker publishes one; None until then."""
        from django.urls import NoReverseMatch

        if self.check_run_id is None:
            return None
        try:
            return reverse("checker:run", kwargs={"run_id": self.check_run_id})
        except NoReverseMatch:
            return None


class SearchEntry(SearchTextMixin, index.Indexed, models.Model):
    """A published report's text in one language, for the site search.

    One row per report and language, so that results stay in the reader's
    language and an excerpt never mixes languages. It holds only what the
    public page shows: no organisation for an anonymous report.
    """

    report = models.ForeignKey(FailureReport, on_delete=models.CASCADE, related_name="search_entries")
    language = models.CharField(max_length=8)
    published = models.BooleanField(default=False)
    title = models.CharField(max_length=200)
    text = models.TextField()

    search_fields = [index.SearchField("search_text"), index.FilterField("language"), index.FilterField("published")]
    search_text_fields = ("title", "text")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "language"], name="failures_search_entry_unique")]

    def __str__(self):
        return self.title

    @classmethod
    def sync(cls, report):
        for language in languages.model_languages():
            if not (report.is_published and report.has_language(language)):
                cls.objects.filter(report=report, language=language).delete()
                continue
            parts = [report.field_in(name, language) for name in TRANSLATED_FIELDS[1:]]
            category = getattr(report.category, languages.field_name("name", language)) or str(report.category)
            parts += [report.public_organisation_name(language), category, report.finding_ids_text()]
            entry = cls.objects.filter(report=report, language=language).first() or cls(
                report=report, language=language
            )
            entry.published = True
            entry.title = report.field_in("title", language)
            entry.text = "\n".join(p for p in parts if p)
            entry.save()


class TimelineEntry(models.Model):
    report = models.ForeignKey(FailureReport, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(_("time"))
    text = models.CharField(_("what happened"), max_length=500)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self):
        return self.text


class ReviewComment(models.Model):
    """A reviewer's comment; the report's author and organisation see it, the public never."""

    report = models.ForeignKey(FailureReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report_id}: {self.text[:40]}"


class AuditEntry(models.Model):
    """Who did what to a report, and when. Rows are only ever added."""

    report = models.ForeignKey(FailureReport, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report_id}: {self.action} {self.from_status}→{self.to_status}"


class Revision(models.Model):
    """A published version of a report; a later one that carries a note is a visible correction."""

    report = models.ForeignKey(FailureReport, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    correction_note = models.TextField(_("what was corrected"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="failures_revision_number_unique")]

    def __str__(self):
        return f"{self.report_id} r{self.number}"


class ProposedCorrection(models.Model):
    """An edit of a published report by its authors, waiting for a reviewer: the public page keeps the published
    text until a reviewer approves it (failures.workflow). One per report: a second edit replaces it."""

    report = models.OneToOneField(FailureReport, on_delete=models.CASCADE, related_name="proposed_correction")
    language = models.CharField(max_length=8, choices=languages.model_choices)
    data = models.JSONField()  # the form's cleaned data (failures.editing.to_json)
    correction_note = models.TextField(_("what was corrected"), max_length=2000)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposed correction")
        verbose_name_plural = _("proposed corrections")

    def __str__(self):
        return f"{self.report_id}: {self.correction_note[:40]}"


class AttachmentStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT, with the folder read from settings at each use (tests move it)."""

    @property
    def base_location(self):
        return conf.attachment_root()

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


attachment_storage = AttachmentStorage()


def attachment_path(instance, filename):
    # The stored name is random: the original name is only ever shown, never used as a path.
    return f"{instance.report_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    report = models.ForeignKey(FailureReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=attachment_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(max_length=8)  # one of failures.uploads.KINDS
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("failures:attachment", kwargs={"pk": self.report_id, "attachment_pk": self.pk})
