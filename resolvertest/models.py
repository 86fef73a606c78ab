"""A run of the resolver test, its tokens (one per test zone), the queries the test zones' server saw, and the
resolver address prefixes of member organisations."""

import ipaddress

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel


class TestRun(models.Model):
    """One run in a visitor's browser, kept under a permanent link."""

    public_id = models.CharField(max_length=32, unique=True)  # the permanent link's key, random
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10)
    # Who ran it; never shown. The address is kept only as a keyed hash, erased after a day (as a check's).
    client_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # What the browser reported per test zone label ({"secure": "loaded", "bogus": "failed", ...}).
    fetches = models.JSONField(default=dict, blank=True)
    # What the test zones' server saw, summarised when the run finished, so the permanent link outlives
    # the raw query records (which expire).
    observations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("resolver test run")
        verbose_name_plural = _("resolver test runs")

    def __str__(self):
        return self.public_id


class RunToken(models.Model):
    """The random first label of one run's name under one test zone: `<token>.<zone>.<RESOLVER_TEST_ZONE>`."""

    run = models.ForeignKey(TestRun, related_name="tokens", on_delete=models.CASCADE)
    zone = models.CharField(max_length=32)  # a label of resolvertest.zones
    token = models.CharField(max_length=32, unique=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "zone"], name="resolvertest_one_token_per_zone")]

    def __str__(self):
        return f"{self.token}.{self.zone}"


class ObservedQuery(models.Model):
    """One query for a token's name that reached the test zones' server; stored in batches, expired."""

    class Transport(models.TextChoices):
        UDP = "udp", "UDP"
        TCP = "tcp", "TCP"

    token = models.ForeignKey(RunToken, related_name="queries", on_delete=models.CASCADE)
    resolver_address = models.GenericIPAddressField()
    qtype = models.CharField(max_length=10)
    do_bit = models.BooleanField()
    edns_size = models.PositiveIntegerField(null=True, blank=True)  # None: the query had no EDNS
    transport = models.CharField(max_length=3, choices=Transport.choices)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["received_at"]

    def __str__(self):
        return f"{self.qtype} {self.token_id} from {self.resolver_address} over {self.transport}"


def normalise_prefix(value: str) -> str:
    """An address prefix as written canonically (`192.0.2.0/24`, `2001:db8::/32`); host bits must be zero."""
    try:
        return str(ipaddress.ip_network(value.strip(), strict=True))
    except ValueError:
        raise ValidationError(
            _("%(value)s is not an address prefix (such as 192.0.2.0/24 or 2001:db8::/32)."),
            params={"value": value},
        ) from None


class ResolverPrefix(models.Model):
    """A prefix of the addresses from which an organisation's full resolvers send their queries.

    Entered by the portal's staff on the organisation; a resolver test run whose resolver asks from inside it
    names the organisation as the resolver's operator (and the logo's resolver category uses it).
    """

    organisation = ParentalKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        related_name="resolver_prefixes",
        on_delete=models.CASCADE,
    )
    prefix = models.CharField(
        _("address prefix"),
        max_length=43,
        help_text=_("The prefix the resolvers' queries come from, such as 192.0.2.0/24 or 2001:db8::/32."),
    )

    panels = [FieldPanel("prefix")]

    class Meta:
        ordering = ["prefix"]
        verbose_name = _("resolver address prefix")
        verbose_name_plural = _("resolver address prefixes")
        constraints = [models.UniqueConstraint(fields=["organisation", "prefix"], name="resolvertest_prefix_once")]

    def __str__(self):
        return self.prefix

    def clean(self):
        self.prefix = normalise_prefix(self.prefix)
