"""Batches, their chunks and one compact result row per name."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Batch(models.Model):
    class State(models.TextChoices):
        READING = "reading", _("Reading the file")
        CHECKING = "checking", _("Checking")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Wagtail's API token (wagtail.models.APIToken): stored as a keyed digest, shown once, revocable.
    token = models.ForeignKey(
        "wagtailcore.APIToken", null=True, blank=True, related_name="batches", on_delete=models.SET_NULL
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.CHECKING)
    # The engine's profile for every name: members' batches get the full check, campaigns the light one.
    profile = models.CharField(max_length=8, choices=[("full", "full"), ("light", "light")], default="full")
    # Why a file's batch was refused once read (batches.upload.REFUSALS), with the figures its message names.
    refusal = models.CharField(max_length=32, blank=True)
    refusal_figures = models.JSONField(default=dict, blank=True)
    upload = models.CharField(max_length=300, blank=True)  # the stored file until it is read
    accepted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    # The first refused names, each with its input error's code (at most batches.submit.MAX_REJECTIONS_KEPT).
    rejections = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.public_id)


class Chunk(models.Model):
    """A run of consecutive names of a batch, one task on the `batch` queue."""

    batch = models.ForeignKey(Batch, related_name="chunks", on_delete=models.CASCADE)
    first = models.PositiveIntegerField()  # positions first..last of the batch's names
    last = models.PositiveIntegerField()
    sent_at = models.DateTimeField(null=True, blank=True)  # handed to the broker (null: not yet, or it refused)
    claimed_at = models.DateTimeField(null=True, blank=True)  # taken by a worker (again after a lost one)
    attempts = models.PositiveSmallIntegerField(default=0)
    worker = models.CharField(max_length=200, blank=True)  # the host that finished it
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["batch", "first"]

    def __str__(self):
        return f"{self.batch_id}:{self.first}-{self.last}"


class BatchName(models.Model):
    """One name of a batch and its result, compact: what the results download shows, not the whole report."""

    batch = models.ForeignKey(Batch, related_name="names", on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    domain = models.CharField(max_length=255)
    checked_at = models.DateTimeField(null=True, blank=True)  # null: not checked yet
    verdict = models.CharField(max_length=16, blank=True)
    worst_severity = models.CharField(max_length=8, blank=True)
    finding_ids = models.JSONField(default=list, blank=True)
    algorithms = models.JSONField(default=list, blank=True)  # the zone's DNSKEY algorithms
    ds_digest_types = models.JSONField(default=list, blank=True)
    denial = models.JSONField(null=True, blank=True)  # the report's denial: {type: nsec} or {type: nsec3, ...}
    ns_operator = models.CharField(max_length=253, blank=True)  # registrable domain of the NS names
    error = models.CharField(max_length=64, blank=True)  # why the name could not be checked

    class Meta:
        ordering = ["batch", "position"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="batches_one_name_per_position")]

    def __str__(self):
        return self.domain


class AddressBudget(models.Model):
    """The latest turns to send to one server address (batches.budget), where Redis does not keep them: on
    the embedded broker, and while Redis cannot be reached. POSIX seconds of the one host's clock."""

    address = models.CharField(max_length=64, primary_key=True)
    last_at = models.FloatField()  # the latest turn: an address idle for a minute is forgotten
    turns = models.TextField(blank=True, default="")  # the latest `rate` turns, oldest first, space-separated

    def __str__(self):
        return self.address
