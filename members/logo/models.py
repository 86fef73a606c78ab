"""Applications, certificates, the evidence rounds that judge them, and the certificates' audit trail.

Imported by members/models.py: these are models of the `members` app.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from checker.models import CheckRun
from members.models import Organisation, ServiceKind

# The categories of this programme. The zone categories are judged by checks of their zones
# (criteria.judge); the validating-resolver category by resolver test runs from the ISP's customer lines
# whose resolvers ask from its prefixes (resolver_evidence.judge).
CATEGORIES = [
    (kind.value, kind.label) for kind in (ServiceKind.DNS_HOSTING, ServiceKind.REGISTRAR, ServiceKind.RESOLVER)
]
RESOLVER = ServiceKind.RESOLVER.value


class Evaluation(models.Model):
    """One round of evidence: a check of every zone of an application or a certificate, judged together.

    The outcome is stored because it drove a decision; why each zone passed or failed is read again
    from its run's report by the criteria version of the application or certificate.
    """

    class Outcome(models.TextChoices):
        PASS = "pass", pgettext_lazy("evidence", "Passed")
        FAIL = "fail", pgettext_lazy("evidence", "Failed")
        UNDECIDED = "undecided", pgettext_lazy("evidence", "Could not be decided")

    created_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)  # blank: runs pending
    runs = models.ManyToManyField(CheckRun, related_name="evaluations")
    # The resolver category's evidence: the resolver test runs whose resolvers asked from the prefixes
    # (qualifying or not), the rule they were judged by and what the direct probes saw
    # ({"rule": {...}, "probes": [...]}); members.logo.resolver_evidence reads them again.
    test_runs = models.ManyToManyField("resolvertest.TestRun", related_name="logo_evaluations", blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    certificate = models.ForeignKey(
        "Certificate", null=True, blank=True, on_delete=models.CASCADE, related_name="rechecks"
    )  # a re-check of this certificate; empty for an application's round
    demo = models.BooleanField(default=False)  # recorded by the demo loader, not by real checks

    class Meta:
        verbose_name = _("evidence round")
        verbose_name_plural = _("evidence rounds")

    def __str__(self):
        return f"evaluation {self.pk} {self.outcome or 'pending'}"


class Certificate(models.Model):
    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        GRACE = "grace", _("In grace period")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(_("certificate number"), max_length=12, unique=True)  # "2026-0001"
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="certificates"
    )
    category = models.CharField(_("category"), max_length=20, choices=CATEGORIES)
    zones = models.JSONField(_("zones"), default=list)  # normalised names, no trailing dot
    # The resolver category: the prefixes its resolvers ask from, and the addresses of resolvers that answer
    # from outside (probed directly); empty for the zone categories.
    prefixes = models.JSONField(_("resolver address prefixes"), default=list)
    probe_addresses = models.JSONField(_("resolver addresses probed directly"), default=list)
    # When the portal last asked the organisation for a fresh resolver test run (the resolver category).
    run_requested_at = models.DateTimeField(null=True, blank=True)
    criteria_version = models.CharField(_("criteria version"), max_length=20)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.VALID, db_index=True)
    state_since = models.DateTimeField()  # the grace and suspension periods count from here
    issued_at = models.DateTimeField(_("issued"))
    expires_at = models.DateTimeField(_("expires"))
    last_pass_at = models.DateTimeField(_("last passing check"), null=True, blank=True)
    last_evaluation = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the latest settled re-check, whatever its outcome
    changed_at = models.DateTimeField(auto_now=True)  # the badge's ETag

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["number"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("logo:certificate", args=[self.number])

    @property
    def is_current(self) -> bool:
        """Listed in the public register: not ended (revoked, expired or withdrawn)."""
        return self.state in CURRENT_STATES


CURRENT_STATES = (Certificate.State.VALID, Certificate.State.GRACE, Certificate.State.SUSPENDED)


def current_certificates(organisation_ids) -> dict:
    """{(organisation id, category): certificate} of the current certificates of these organisations."""
    certificates = Certificate.objects.filter(organisation_id__in=organisation_ids, state__in=CURRENT_STATES)
    return {
        (c.organisation_id, c.category): c for c in certificates.only("number", "organisation_id", "category", "state")
    }


class Application(models.Model):
    class State(models.TextChoices):
        CHECKING = "checking", _("Evidence being checked")
        READY = "ready", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", pgettext_lazy("application", "Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="logo_applications"
    )
    category = models.CharField(_("category"), max_length=20, choices=CATEGORIES)
    zones = models.JSONField(_("zones"), default=list)
    prefixes = models.JSONField(_("resolver address prefixes"), default=list)
    probe_addresses = models.JSONField(_("resolver addresses probed directly"), default=list)
    criteria_version = models.CharField(_("criteria version"), max_length=20)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.CHECKING, db_index=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("applied"))
    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="applications")
    renews = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="renewals"
    )  # a renewal keeps the certificate's number
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )  # what approval issued or renewed
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("logo application")
        verbose_name_plural = _("logo applications")
        ordering = ["-created_at"]
        permissions = [("review_application", "Can approve or reject logo applications")]

    def __str__(self):
        return f"application {self.pk} ({self.organisation}, {self.category})"


class CertificateEvent(models.Model):
    """The audit trail: every change of a certificate's state (and its issue and renewal), with who
    made it (a person, or the scheduler when `actor` is empty) and the evidence it rests on."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    from_state = models.CharField(max_length=12, choices=Certificate.State.choices, blank=True)  # blank: issued
    to_state = models.CharField(max_length=12, choices=Certificate.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluation = models.ForeignKey(Evaluation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.certificate} {self.from_state or '-'} -> {self.to_state} at {self.at:%Y-%m-%d}"
