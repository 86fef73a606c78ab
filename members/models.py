"""Member organisations, their domains and users, invitations, login failures, and their DNSSEC service status."""

import secrets

import idna
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from members import roles as roles_table
from portal import kana, languages
from portal.search import SearchTextMixin


class ServiceKind(models.TextChoices):
    """The DNSSEC services a member offers: rows of the service-status registry and categories of the logo."""

    REGISTRAR = "registrar", _("Registrar DS handling")
    DNS_HOSTING = "dns-hosting", _("Authoritative DNS hosting")
    RESOLVER = "resolver", _("ISP resolver validation")


# Paths under /<lang>/members/ that are pages of their own, not organisations.
RESERVED_SLUGS = frozenset({"status"})


def validate_unreserved_slug(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page; choose another slug."), params={"slug": slug}, code="reserved"
        )


class Organisation(SearchTextMixin, index.Indexed, ClusterableModel):
    """A member organisation of DNSSEC Japan.

    `name` and `description` are translated fields (django-modeltranslation):
    name_ja, name_en, description_ja, description_en. The contact is for the
    secretariat and the organisation's own users, not for the public page.
    """

    class Category(models.TextChoices):
        REGISTRY_REGISTRAR = "registry-registrar", _("Registry / registrar")
        CARRIER_IXP = "carrier-ixp", _("Carrier / IXP")
        ISP = "isp", _("ISP")
        HOSTING = "hosting", _("Hosting provider")
        CONTENT = "content", _("Content provider")
        VENDOR_SI = "vendor-si", _("Vendor / system integrator")
        INTERNET_ORG = "internet-org", _("Internet-related organisation")
        UNCLASSIFIED = "unclassified", _("Unclassified")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[validate_unreserved_slug])
    name = models.CharField(_("name"), max_length=200)
    reading = models.CharField(
        _("reading (yomi)"),
        max_length=200,
        blank=True,
        validators=[kana.validate_reading],
        help_text=_(
            "The Japanese name's reading in kana, without the legal form (株式会社, 一般社団法人), "
            "e.g. にほんれじすとりさーびす. The Japanese list is sorted by it; required when the name has kanji."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.UNCLASSIFIED)
    website = models.URLField(_("web site"), blank=True)
    # resolvertest.stats: whether the resolver test's statistics (members' view) name this organisation as the
    # operator of the resolvers in its registered prefixes; without consent its runs count under "other members".
    named_in_resolver_statistics = models.BooleanField(
        _("named in the resolver test's statistics"),
        default=False,
        help_text=_("The organisation agreed that the members' view of the resolver test's statistics names it."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    search_aliases = models.CharField(
        _("search aliases"),
        max_length=200,
        blank=True,
        help_text=_("Other names the organisation is known by, such as an acronym (IIJ, JPRS), separated by commas."),
    )
    confirmed = models.BooleanField(
        _("confirmed by Pub-WG"),
        default=False,
        help_text=_("Unconfirmed entries (要確認) show that their details still await the Pub-WG's confirmation."),
    )
    demo = models.BooleanField(
        _("demo organisation"),
        default=False,
        help_text=_(
            "A fictional organisation that only owns demo content (such as the seed's anonymous service-status "
            "rows); it is not listed in the member directory or the site search."
        ),
    )

    search_fields = [index.SearchField("search_text"), index.FilterField("category"), index.FilterField("demo")]
    search_text_fields = ("name_ja", "name_en", "search_aliases", "description_ja", "description_en")

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")

    def __str__(self):
        return self.shown_name().text

    def clean(self):
        self.reading = kana.normalise_reading(self.reading)
        errors = kana.check_reading(self.name_ja or "", self.reading)
        if errors:
            raise ValidationError(errors)

    def shown_name(self, language=None) -> languages.Shown:
        """The name in `language` (the active one when None); when it has none, another language's, marked."""
        return languages.shown(self, "name", language, default=self.slug)

    def shown_description(self, language=None) -> languages.Shown:
        """The description in `language`, or in Japanese (marked) where that language has no columns yet."""
        return languages.shown(self, "description", language, others=False)

    def sort_text(self) -> str:
        """What the Japanese list sorts by: the reading, or the name when it needs none."""
        return self.reading or self.name_ja or self.name_en or self.slug

    def get_absolute_url(self):
        return reverse("members:organisation", kwargs={"slug": self.slug})

    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.search_aliases.split(",") if alias.strip()]


def normalise_domain(name: str) -> str:
    """The domain name as lowercase A-labels without the final dot ("例え.jp" -> "xn--r8jz45g.jp").

    Raises ValidationError for anything that is not a host name of at most
    253 characters made of IDNA 2008 labels.
    """
    try:
        # UTS 46 folds case and width, and maps the ideographic full stop 。 to ".".
        text = idna.uts46_remap((name or "").strip(), std3_rules=True).rstrip(".")
    except idna.IDNAError as exc:
        raise ValidationError(_("%(name)s is not a valid domain name."), params={"name": name}, code="invalid") from exc
    if not text or any(c.isspace() for c in text):
        raise ValidationError(_("Enter a domain name such as example.jp."), code="invalid")
    try:
        labels = [idna.encode(label, uts46=True).decode("ascii") for label in text.split(".")]
    except idna.IDNAError as exc:
        raise ValidationError(_("%(name)s is not a valid domain name."), params={"name": name}, code="invalid") from exc
    ascii_name = ".".join(labels).lower()
    if len(labels) < 2 or len(ascii_name) > 253:
        raise ValidationError(_("%(name)s is not a valid domain name."), params={"name": name}, code="invalid")
    return ascii_name


class Domain(models.Model):
    """A domain an organisation operates; later features check and measure it.

    One that the organisation's own administrator adds counts as theirs only once its proof of control is found
    (members/domain_proof.py); one that the portal's administrators or the seed enter is verified as entered.
    """

    class Proof(models.TextChoices):
        FOUND = "found", _("The record was found with the right token: the domain is verified.")
        WRONG_TOKEN = "wrong-token", _("The record was found, but with another token. Publish the token shown here.")
        NO_RECORD = "no-record", _("The name exists, but has no TXT record with a dnssec-jp-verify token yet.")
        NO_NAME = "no-name", _("The name does not exist (NXDOMAIN): the record is not published yet.")
        NO_ANSWER = "no-answer", _("No authoritative server of the domain answered. Try again later.")
        TAKEN = (
            "taken",
            _(
                "The token was found, but another organisation has already verified this domain. "
                "If yours operates it now, ask the portal's administrators to move it."
            ),
        )

    organisation = ParentalKey(
        Organisation, verbose_name=_("organisation"), related_name="domains", on_delete=models.CASCADE
    )
    name = models.CharField(
        _("domain name"),
        max_length=253,
        help_text=_("Stored as lowercase A-labels (xn--…) without the final dot."),
    )
    verified = models.BooleanField(_("verified"), default=True)
    token = models.CharField(_("verification token"), max_length=64, blank=True, editable=False)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, editable=False)
    proof = models.CharField(_("last check"), max_length=16, choices=Proof.choices, blank=True, editable=False)

    # In the admin, a domain is its name: what the secretariat enters is verified as entered, and a member's
    # pending claim stays pending until its proof is found.
    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            # A claim that is not proven yet blocks nobody: only a verified domain has one owner.
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(verified=True),
                name="members_domain_one_verified_owner",
                violation_error_message=_("This domain is already verified for an organisation."),
            ),
            models.UniqueConstraint(fields=["organisation", "name"], name="members_domain_once_per_organisation"),
        ]

    def __str__(self):
        return self.unicode_name

    def save(self, *args, **kwargs):
        self.name = normalise_domain(self.name)
        super().save(*args, **kwargs)

    @property
    def unicode_name(self):
        try:
            return idna.decode(self.name)
        except idna.IDNAError:
            return self.name

    def clean(self):
        self.name = normalise_domain(self.name)
        # The constraint's own check is skipped by forms without the `verified` field (the admin's): ask here.
        if self.verified and Domain.objects.filter(name=self.name, verified=True).exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("This domain is already verified for an organisation.")}, code="taken")


class RolesField(models.JSONField):
    """A set of roles from the one table (members/roles.py), kept as a list in the table's order."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        from django import forms

        return forms.TypedMultipleChoiceField(
            label=capfirst(self.verbose_name),
            choices=roles_table.ASSIGNABLE_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            help_text=self.help_text,
            error_messages={"required": _("Choose at least one role.")},
        )

    def get_prep_value(self, value):
        return super().get_prep_value([role.value for role in roles_table.in_order(value or ())])


def check_roles(held, organisation) -> None:
    """The rules every assignment of roles keeps: at least one, and an organisation for the roles that need one."""
    if not held:
        raise ValidationError({"roles": _("Choose at least one role.")}, code="required")
    if organisation is None:
        needing = [role for role in roles_table.in_order(held) if roles_table.definition(role).needs_organisation]
        if needing:
            raise ValidationError(
                {
                    "organisation": _("%(roles)s: these roles belong to an organisation.")
                    % {"roles": roles_table.labels(needing)}
                },
                code="organisation",
            )


class HoldsRoles:
    def roles_display(self) -> str:
        return roles_table.labels(self.roles)

    roles_display.short_description = pgettext_lazy("membership", "roles")


class Membership(HoldsRoles, models.Model):
    """A user's organisation (at most one) and roles. The roles' groups and flags follow from them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    roles = RolesField(pgettext_lazy("membership", "roles"))
    language = models.CharField(_("language"), max_length=8, choices=languages.choices, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} ({self.roles_display()})"

    def save(self, *args, **kwargs):
        from members.signals import hold_to_roles

        self.roles = [role.value for role in roles_table.in_order(self.roles)]
        super().save(*args, **kwargs)
        self.user.membership = self
        hold_to_roles(self.user)

    def clean(self):
        check_roles(self.roles, self.organisation)


def new_nonce():
    return secrets.token_urlsafe(24)


class Invitation(HoldsRoles, models.Model):
    """An administrator's invitation; its e-mailed token is signed, expires and works once."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    roles = RolesField(pgettext_lazy("membership", "roles"))
    language = models.CharField(_("language"), max_length=8, choices=languages.choices, default=settings.LANGUAGE_CODE)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    # Part of the signed token: a token stays valid only for the invitation it was made for.
    nonce = models.CharField(max_length=64, default=new_nonce, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email


class LoginFailure(models.Model):
    """One failed login, kept for an hour: the database is the counter every web process shares
    (docs/RELIABILITY.md, S5)."""

    account = models.CharField(max_length=254, db_index=False)  # the identifier as typed, normalised
    address = models.GenericIPAddressField(null=True)
    failed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["account", "failed_at"])]

    def __str__(self):
        return f"{self.account} {self.failed_at:%Y-%m-%d %H:%M:%S}"


class StaffSessionTrace(models.Model):
    """The time of a staff session's last request, kept in the database as well as in the cache.

    members.sessions reads the cache first; when the cache is unreachable or lost its data (Redis
    restarted), this row decides, so staff are not logged out by a cache outage. Written at login
    and at most every TRACE_WRITE_SECONDS while the cache works, at every request while it does not.
    """

    key = models.CharField(max_length=64, primary_key=True)  # sha256 of the session key, as in the cache
    seen_at = models.BigIntegerField(db_index=True)  # POSIX seconds

    def __str__(self):
        return f"{self.key[:12]}… {self.seen_at}"


def anonymous_letter(index: int) -> str:
    """The index-th letter of anonymous entries: A … Z, then AA, AB …, as spreadsheet columns are named."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class ServiceStatus(models.Model):
    """One DNSSEC service of a member organisation, as the public service-status registry shows it.

    The fields that apply depend on the kind: a registrar's DS handling has a key owner; an authoritative DNS
    provider's hosting has a service style and a key owner; an ISP's resolver has a validation state. Every kind
    has a fee and a start (a month, planned or to be decided). `clean()` holds the rules.
    """

    class ServiceStyle(models.TextChoices):
        OPTIONAL = "optional", _("Optional service")
        DEFAULT = "default", _("Default service")
        DEFAULT_FOR_NEW = "default-for-new", _("Default for new customers")
        INTEGRATION = "integration", _("System integration and outsourcing")
        OEM = "oem", _("OEM service for small ISPs")

    class Validation(models.TextChoices):
        ENABLED = "enabled", _("Validation enabled")
        OPT_IN = "opt-in", _("Opt-in (customers choose)")
        SOME_SERVICES = "some-services", _("Enabled for some services")
        UNDECIDED = "undecided", _("To be decided")

    class KeyOwner(models.TextChoices):
        REGISTRANT = "registrant", _("Registrant")
        PROVIDER = "provider", _("Provider")
        INDIVIDUAL = "individual", _("Individual support per customer")

    class Fee(models.TextChoices):
        FREE = "free", _("Free")
        PAID = "paid", _("Paid")

    class Start(models.TextChoices):
        STARTED = "started", _("In service")
        PLANNED = "planned", _("Planned")
        UNDECIDED = "undecided", _("To be decided")

    class Visibility(models.TextChoices):
        NAMED = "named", _("Public, with the organisation's name")
        ANONYMOUS = "anonymous", _("Public, as an anonymous letter")
        MEMBERS = "members", _("Member organisations only")

    # The fields each kind uses besides fee and start; the others stay empty.
    KIND_FIELDS = {
        ServiceKind.REGISTRAR: ("key_owner",),
        ServiceKind.DNS_HOSTING: ("service_style", "key_owner"),
        ServiceKind.RESOLVER: ("validation",),
    }
    # The values a change record keeps (ServiceStatusChange.values).
    RECORDED_FIELDS = ("kind", "service_style", "validation", "key_owner", "fee", "start", "since", "visibility")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="service_statuses"
    )
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    service_style = models.CharField(_("service style"), max_length=20, choices=ServiceStyle.choices, blank=True)
    validation = models.CharField(_("DNSSEC validation"), max_length=20, choices=Validation.choices, blank=True)
    key_owner = models.CharField(_("owner of the keys"), max_length=20, choices=KeyOwner.choices, blank=True)
    fee = models.CharField(_("fee"), max_length=10, choices=Fee.choices)
    start = models.CharField(_("start"), max_length=10, choices=Start.choices)
    since = models.DateField(
        _("month"),
        null=True,
        blank=True,
        help_text=_("The month the service started, or the planned month. Kept as the month's first day."),
    )
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    # Given when the entry becomes anonymous and dropped when it stops being so: a letter never names an
    # organisation twice in a row for readers to link.
    letter = models.CharField(_("anonymous letter"), max_length=3, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("service status")
        verbose_name_plural = _("service statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["letter"], condition=~models.Q(letter=""), name="members_servicestatus_letter_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.visibility != self.Visibility.ANONYMOUS:
            self.letter = ""
            return super().save(*args, **kwargs)
        if self.letter:
            return super().save(*args, **kwargs)
        # Two entries going anonymous at once may pick the same free letter: the constraint refuses the second,
        # which then takes the next one.
        attempts = 5
        for attempt in range(attempts):
            self.letter = self.next_free_letter()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise

    def clean(self):
        errors = {}
        used = self.KIND_FIELDS.get(self.kind, ())
        if "service_style" in used and not self.service_style:
            errors["service_style"] = _("Choose the service style.")
        if "key_owner" in used and not self.key_owner:
            errors["key_owner"] = _("Choose who owns the keys.")
        if "validation" in used and not self.validation:
            errors["validation"] = _("Choose the state of DNSSEC validation.")
        for name in ("service_style", "key_owner", "validation"):
            if name not in used and getattr(self, name):
                errors[name] = ValidationError(
                    _("%(field)s does not apply to %(kind)s."),
                    params={"field": self._meta.get_field(name).verbose_name, "kind": self.get_kind_display()},
                    code="not-applicable",
                )
        if self.since is not None:
            self.since = self.since.replace(day=1)
        if self.start == self.Start.STARTED and self.since is None:
            errors["since"] = _("Give the month the service started.")
        elif self.start == self.Start.STARTED and self.since > timezone.localdate():
            errors["since"] = _("A service in operation cannot have started in the future; choose “Planned”.")
        elif self.start == self.Start.UNDECIDED and self.since is not None:
            errors["since"] = _("Leave the month empty when the start is to be decided.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def next_free_letter(cls) -> str:
        taken = set(cls.objects.exclude(letter="").values_list("letter", flat=True))
        index = 0
        while anonymous_letter(index) in taken:
            index += 1
        return anonymous_letter(index)

    def recorded_values(self) -> dict:
        """The values a change record keeps, as plain JSON."""
        values = {name: getattr(self, name) for name in self.RECORDED_FIELDS}
        values["since"] = self.since.isoformat() if self.since else ""
        values["letter"] = self.letter
        return values


class ServiceStatusChange(models.Model):
    """One change of an organisation's service status: who, when, and the values as they were after it (for a
    deletion, the last values). Rows are only ever added; they stay when the entry is deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("Added")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="service_status_changes"
    )
    entry = models.ForeignKey(
        ServiceStatus, verbose_name=_("entry"), null=True, on_delete=models.SET_NULL, related_name="changes"
    )
    # The entry's id, kept after a deletion so that its history still reads as one entry's.
    entry_number = models.PositiveIntegerField(_("entry number"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    values = models.JSONField(_("values"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("service status change")
        verbose_name_plural = _("service status changes")

    def __str__(self):
        return f"{self.organisation_id} #{self.entry_number} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, entry, action, actor):
        return cls.objects.create(
            organisation_id=entry.organisation_id,
            entry=None if action == cls.Action.DELETED else entry,
            entry_number=entry.pk,
            action=action,
            actor=actor if actor is not None and actor.is_authenticated else None,
            values=entry.recorded_values(),
        )


# The logo programme's models live in their own module; importing them here makes them the app's.
from members.logo.models import Application, Certificate, CertificateEvent, Evaluation  # noqa: E402, F401


class EntryProposal(models.Model):
    """Changes an organisation's own administrator proposes to its entry; the public page keeps the old values
    until a Pub-WG editor (or an administrator) approves them (members/entry_views.py)."""

    # The entry's fields an organisation keeps itself; name, category and logo stay with the Pub-WG.
    FIELDS = ("contact_name", "contact_email", "website", "description_ja", "description_en")

    class State(models.TextChoices):
        OPEN = "open", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="proposals"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    website = models.URLField(_("web site"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note to the proposer"), blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("proposed change of an organisation's entry")
        verbose_name_plural = _("proposed changes of organisations' entries")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=models.Q(state="open"), name="one_open_proposal_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_state_display()})"

    def changes(self) -> list[tuple[str, str, str]]:
        """(field's name, current value, proposed value) for each field the proposal changes."""
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self.organisation, name), getattr(self, name))
            for name in self.FIELDS
            if getattr(self.organisation, name) != getattr(self, name)
        ]


class TranslatorApplication(models.Model):
    """A volunteer's offer to translate; the Tech-WG approves it (members/volunteers.py) and then they are a
    translator (members/roles.py)."""

    class State(models.TextChoices):
        OPEN = "open", _("awaiting review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language of our e-mails"), max_length=8, choices=languages.choices, default=settings.LANGUAGE_CODE
    )
    into = models.JSONField(_("translates into"), default=list)  # language codes of settings.LANGUAGES
    message = models.TextField(_("experience and motivation"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["applied_at", "pk"]
        verbose_name = _("translator application")
        verbose_name_plural = _("translator applications")
        permissions = [("review_translatorapplication", _("Can review translator applications"))]

    def __str__(self):
        return f"{self.name} <{self.email}>"
