"""Pages of the site itself (home, about) and the service's own bookkeeping.

Content pages are Wagtail pages, one tree per language (Wagtail i18n); the
English tree holds translations of the Japanese one.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal import pagecache
from portal.search import SearchTextMixin


class HomePage(SearchTextMixin, Page):
    """The front page of one language's tree."""

    lead = models.TextField(_("lead"), blank=True, help_text=_("One or two sentences under the site title."))
    body = RichTextField(_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "lead", "body")
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Remembered until the next publish (portal.pagecache), as the navigation's pages are.
        context["about"] = pagecache.remember(
            f"about:{self.locale_id}", lambda: AboutPage.objects.live().filter(locale_id=self.locale_id).first()
        )
        return context


class AboutPage(SearchTextMixin, Page):
    """About DNSSEC Japan: charter, objectives, activities and structure."""

    established = models.DateField(_("established"), null=True, blank=True)
    charter = RichTextField(_("charter"), blank=True)
    objectives = RichTextField(_("objectives"), blank=True)
    activities = RichTextField(_("activities"), blank=True)
    structure = RichTextField(_("structure"), blank=True, help_text=_("How the plenary and working groups meet."))

    content_panels = Page.content_panels + [
        FieldPanel("established"),
        FieldPanel("charter"),
        FieldPanel("objectives"),
        FieldPanel("activities"),
        FieldPanel("structure"),
        InlinePanel("officers", label=_("officers")),
        InlinePanel("working_groups", label=_("working groups")),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    search_text_fields = ("title", "charter", "objectives", "activities", "structure", "officers", "working_groups")
    parent_page_types = ["portal.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("about page")


def confirmed_field():
    """Whether a row's facts are confirmed; unconfirmed rows show 要確認, as unconfirmed organisations do."""
    return models.BooleanField(
        _("confirmed by Pub-WG"),
        default=False,
        help_text=_(
            "Leave unticked while a detail of this row (a name written in kanji, say) is not stated by a source "
            "the Pub-WG has checked: the page then marks the row 要確認."
        ),
    )


class Officer(Orderable):
    page = ParentalKey(AboutPage, on_delete=models.CASCADE, related_name="officers")
    role = models.CharField(_("role"), max_length=100)
    name = models.CharField(_("name"), max_length=100)
    confirmed = confirmed_field()

    panels = [FieldPanel("role"), FieldPanel("name"), FieldPanel("confirmed")]

    def __str__(self):
        return f"{self.role}: {self.name}"


class WorkingGroup(Orderable):
    page = ParentalKey(AboutPage, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=30)
    chair = models.CharField(_("chair"), max_length=100)
    purpose = models.TextField(_("purpose"), blank=True)
    confirmed = confirmed_field()

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("chair"),
        FieldPanel("purpose"),
        FieldPanel("confirmed"),
    ]

    def __str__(self):
        return f"{self.name} ({self.short_name}) {self.chair} {self.purpose}"


class ServiceHeartbeat(models.Model):
    """Last sign of life of a Celery worker or of beat, read by /healthz."""

    class Kind(models.TextChoices):
        WORKER = "worker", _("worker")
        BEAT = "beat", _("beat")

    name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    queues = models.JSONField(default=list, blank=True)
    pid = models.PositiveIntegerField(null=True)
    last_seen = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.kind} {self.name}"


class TaskProbe(models.Model):
    """A round trip through one queue: the web side writes the row, a worker answers it.

    `manage.py check_workers` uses it to show an operator that each queue is
    served end to end (broker, worker and database).
    """

    queue = models.CharField(max_length=100)
    created = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return f"probe {self.pk} on {self.queue}"


class DemoRecord(models.Model):
    """One object that a demo loader put into the database, and how it looked then.

    Kept by `portal.demo.DemoContent` for every app's loader: the key names the
    item in the app's demo data, `version` is the content version it was loaded
    or last updated at, and `fingerprint` a hash of the object's fields right
    after that, so that a later update step can tell whether anyone changed it.
    `found` marks an object that was already there when records began (or that
    an editor made under the same natural key): it may have been edited, so no
    update step ever overwrites it. A record whose object is gone means that an
    editor deleted it; the loaders do not bring it back.
    """

    app_label = models.CharField(max_length=100)
    key = models.CharField(max_length=255)
    version = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64, blank=True)
    found = models.BooleanField(default=False)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    loaded_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["app_label", "key"], name="portal_demorecord_app_key_unique")]

    def __str__(self):
        return f"{self.app_label}:{self.key} v{self.version}"

    def target(self):
        """The object as it stands now, or None when it has been deleted."""
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()


class ClockOffset(models.Model):
    """How far `portal.clock.now()` is ahead of the real time (one row, pk 1; none in a deployment)."""

    seconds = models.FloatField(default=0)

    def __str__(self):
        return f"clock offset {self.seconds} s"


class ScheduledJob(models.Model):
    """When the recurring work of one kind is next due for one subject (`portal.scheduler`)."""

    kind = models.CharField(max_length=50)
    subject_id = models.PositiveBigIntegerField()
    due_at = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)  # the last dispatch

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "subject_id"], name="portal_scheduledjob_unique")]

    def __str__(self):
        return f"{self.kind} {self.subject_id} due {self.due_at:%Y-%m-%d %H:%M}"


class SearchDocument(models.Model):
    """What the site search reads of one indexed object, as a reader of `language` sees it (`portal.search`).

    Written by the search index itself (`portal.search_backend`) whenever Wagtail indexes or removes the
    object, so it holds exactly what the index holds. The search filters by `text` in the database and ranks
    on `title`, `names` and `text` without loading any object; `plain` gives the excerpts of the results shown.
    Whether the object may be shown (live, public, in the language) is asked of its source at search time.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)
    title = models.TextField()
    names = models.TextField()  # the title (and an organisation's aliases) folded, one a line
    text = models.TextField()  # the plain text folded: NFKC, lower case, one space between words
    plain = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="portal_searchdocument_unique"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
