"""Domain lists, and campaigns that measure one list at one time.

A campaign's names and their results are a batch of the batches app (`Campaign.batch`, light profile): the
same chunks, claims and sweeper, so a killed worker or a Redis outage loses no finished chunk and a recorded
result is never computed again. When the batch is done, the campaign's figures (the aggregate the
statistics pages draw) are computed once and kept on the campaign.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainList(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded file")
        MEMBER_DOMAINS = "member-domains", _("Members' verified domains")
        CERTIFIED_ZONES = "certified-zones", _("Zones of current logo certificates")

    class Schedule(models.TextChoices):
        BY_HAND = "", _("Started by hand only")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")

    # `name` and `description` are translated (campaigns/translation.py): name_ja, name_en, …
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.UPLOAD)
    schedule = models.CharField(_("schedule"), max_length=10, choices=Schedule.choices, blank=True, default="")
    # Whether the public statistics show this list's campaigns (a staff working list may stay private).
    public = models.BooleanField(_("shown in the public statistics"), default=True)
    demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("entries last changed"), null=True, blank=True)
    # While an uploaded file is being read: its stored path (var/batch-uploads), emptied once read.
    upload = models.CharField(max_length=300, blank=True, editable=False)
    # The last upload's figures: accepted, rejected, duplicates, and a refusal code with its figures.
    import_report = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("domain list")
        verbose_name_plural = _("domain lists")

    def __str__(self):
        return self.name


class DomainListEntry(models.Model):
    domain_list = models.ForeignKey(DomainList, related_name="entries", on_delete=models.CASCADE)
    domain = models.CharField(max_length=253)  # lowercase A-labels without the final dot
    # The member the name belongs to, where the list knows it (derived lists): the statistics' member category.
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["domain_list", "domain"]
        constraints = [models.UniqueConstraint(fields=["domain_list", "domain"], name="campaigns_one_entry_per_name")]

    def __str__(self):
        return self.domain


class Campaign(models.Model):
    domain_list = models.ForeignKey(
        DomainList, verbose_name=_("domain list"), related_name="campaigns", on_delete=models.PROTECT
    )
    # The names as they were when the campaign started, and their results (null until started).
    batch = models.OneToOneField(
        "batches.Batch", null=True, blank=True, related_name="campaign", on_delete=models.SET_NULL
    )
    started_by = models.ForeignKey(  # null: started by the schedule
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, db_index=True)
    demo = models.BooleanField(_("demo content"), default=False)
    # The aggregate the statistics draw (campaigns.figures), computed once when the batch is done; empty before.
    figures = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return f"{self.domain_list} {self.created_at:%Y-%m-%d %H:%M}"
