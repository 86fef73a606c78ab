"""Every check the portal runs is a CheckRun row: the database is the record, Redis only carries work."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from checker import conf
from portal import clock


class CheckRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Queue(models.TextChoices):
        INTERACTIVE = "interactive", _("Interactive")
        BATCH = "batch", _("Batch")
        MONITOR = "monitor", _("Monitoring")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    domain = models.CharField(max_length=255, db_index=True)  # normalised: lower case, A-labels, no trailing dot
    query = models.CharField(max_length=300, blank=True)  # what was typed, shortened
    fresh = models.BooleanField(default=False)  # the only public option: skip the reuse window
    queue = models.CharField(max_length=16, choices=Queue.choices, default=Queue.INTERACTIVE)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED, db_index=True)
    created = models.DateTimeField(db_index=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    # When the sweeper may take the run back: queued too long, or running past the hard limit.
    deadline = models.DateTimeField(db_index=True)
    published = models.BooleanField(default=False)  # the broker accepted its task at least once
    attempts = models.PositiveSmallIntegerField(default=0)  # claims by a worker
    worker = models.CharField(max_length=200, blank=True)
    # Written every few seconds by the process that runs the check (conf.HEARTBEAT_SECONDS): when it
    # stops, that process died, even if its worker's main process (and its own heartbeat) lives on.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    progress = models.JSONField(default=list, blank=True)  # the engine's events, in order
    report = models.JSONField(null=True, blank=True)
    verdict = models.CharField(max_length=16, blank=True)
    worst_severity = models.CharField(max_length=8, blank=True)
    error = models.CharField(max_length=200, blank=True)  # why it failed, a code
    # Who asked; never shown. The address is kept only as a keyed hash, erased after a day.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["domain", "-created"])]

    def __str__(self):
        return f"{self.domain} {self.public_id} {self.state}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def is_retrying(self) -> bool:
        """Its worker was lost: taken back and waiting or running again, or about to be taken back."""
        if self.state == self.State.QUEUED:
            return self.attempts >= 1
        if self.state != self.State.RUNNING:
            return False
        stale = clock.now() - timedelta(seconds=conf.HEARTBEAT_STALE_SECONDS)
        return self.attempts > 1 or (self.heartbeat_at is not None and self.heartbeat_at < stale)
