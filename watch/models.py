"""Watched domains, their runs and alerts, and the organisations' webhooks."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from checker.models import CheckRun
from members.models import Organisation


def new_token() -> str:
    return secrets.token_urlsafe(24)


class WatchedDomain(models.Model):
    """One domain an organisation watches: re-checked by portal.scheduler, alerting its users."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), related_name="watched_domains", on_delete=models.CASCADE
    )
    domain = models.CharField(_("domain name"), max_length=253)  # normalised as members.Domain's
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField()
    muted_until = models.DateTimeField(_("muted until"), null=True, blank=True)
    info_alerts = models.BooleanField(
        _("alert on key and DS changes"),
        default=True,
        help_text=_("An information alert when the DNSKEY or DS set changes (a rollover started or finished)."),
    )
    feed_token = models.CharField(max_length=64, default=new_token, unique=True)
    runs = models.ManyToManyField(CheckRun, related_name="watches", blank=True)
    judged_run = models.ForeignKey(CheckRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The alert state: the summary of the last run without a problem (what later runs are measured
    # against), the problems of the open alert (empty: none open) and the indeterminate runs in a row.
    baseline = models.JSONField(null=True, blank=True)
    last_summary = models.JSONField(null=True, blank=True)
    open_problems = models.JSONField(default=list, blank=True)
    indeterminate_in_a_row = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain"]
        constraints = [models.UniqueConstraint(fields=["organisation", "domain"], name="watch_one_per_organisation")]
        verbose_name = _("watched domain")
        verbose_name_plural = _("watched domains")

    def __str__(self):
        return self.domain


class Alert(models.Model):
    """One alert of a watched domain: a problem opened, recovered, or a key or DS change (information)."""

    class Kind(models.TextChoices):
        PROBLEM = "problem", pgettext_lazy("watch alert", "Problem")
        RECOVERED = "recovered", pgettext_lazy("watch alert", "Recovered")
        INFO = "info", pgettext_lazy("watch alert", "Information")

    watched = models.ForeignKey(WatchedDomain, related_name="alerts", on_delete=models.CASCADE)
    run = models.ForeignKey(CheckRun, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    conditions = models.JSONField(default=list)  # watch.conditions.Condition.to_dict() of each
    muted = models.BooleanField(default=False)  # recorded while muted: nobody was told

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.watched} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Webhook(models.Model):
    """An organisation's webhook: a signed JSON POST of every alert (docs/watch-webhook.md)."""

    organisation = models.OneToOneField(Organisation, related_name="webhook", on_delete=models.CASCADE)
    url = models.URLField(_("address (https)"), max_length=500)
    secret = models.CharField(max_length=64, default=new_token)  # shown once, when made
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    disabled_at = models.DateTimeField(null=True, blank=True)  # after a delivery failed every attempt

    def __str__(self):
        return self.url


class Delivery(models.Model):
    """One alert's POST to a webhook: the database keeps it, a Celery task tries it with back-off."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(Webhook, related_name="deliveries", on_delete=models.CASCADE)
    alert = models.ForeignKey(Alert, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    body = models.TextField()  # the raw JSON body, signed as sent
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.webhook} {self.state}"
