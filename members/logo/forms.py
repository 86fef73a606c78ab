"""The logo programme's forms: an application (or a renewal), a reviewer's decision, a withdrawal, a
reinstatement. The rules themselves (the evidence list, who may be approved) live in lifecycle."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.logo import lifecycle, resolver_evidence
from members.logo.models import CATEGORIES, RESOLVER
from members.models import Organisation


class ApplicationForm(forms.Form):
    """Zones for the zone categories; resolver address prefixes (and addresses to probe) for the resolver
    category. Only the list of the chosen category is read; the other is ignored."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())
    category = forms.ChoiceField(label=_("Category"), choices=CATEGORIES, widget=forms.RadioSelect)
    zones = forms.CharField(
        label=_("Zones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocapitalize": "none"}),
    )
    prefixes = forms.CharField(
        label=_("Resolver address prefixes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false", "autocapitalize": "none"}),
    )
    probe_addresses = forms.CharField(
        label=_("Resolvers that answer from outside (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false", "autocapitalize": "none"}),
    )

    def __init__(self, *args, choose_organisation=False, renewal=False, category=None, **kwargs):
        """Administrators act for every organisation, so they choose it; a renewal keeps its certificate's
        organisation and category (`category`), and shows only that category's list."""
        super().__init__(*args, **kwargs)
        self.fixed_category = category if renewal else None
        if not choose_organisation or renewal:
            del self.fields["organisation"]
        if renewal:
            del self.fields["category"]
            if category == RESOLVER:
                del self.fields["zones"]
            else:
                del self.fields["prefixes"], self.fields["probe_addresses"]
        if "zones" in self.fields:
            self.fields["zones"].help_text = _(
                "One zone per line (spaces and commas also separate them), at most %(limit)d."
            ) % {"limit": settings.LOGO_MAX_ZONES}
        if "prefixes" in self.fields:
            self.fields["prefixes"].help_text = _(
                "The prefixes your full resolvers send their queries from, such as 192.0.2.0/24 or 2001:db8:10::/48: "
                "one per line, at most %(limit)d, none broader than /16 (IPv4) or /32 (IPv6)."
            ) % {"limit": settings.LOGO_MAX_PREFIXES}
            self.fields["probe_addresses"].help_text = _(
                "Only for resolvers that answer queries from the internet (an open resolver, or a public service "
                "that agrees to be probed): their service addresses. The portal asks each one directly."
            )

    def clean(self):
        data = super().clean()
        category = self.fixed_category or data.get("category")
        if category is None:
            return data
        try:
            if category == RESOLVER:
                data["zones"] = []
                data["prefixes"] = resolver_evidence.clean_prefixes(data.get("prefixes", ""))
            else:
                data["prefixes"], data["probe_addresses"] = [], ""
                data["zones"] = lifecycle.clean_zones(data.get("zones", ""))
        except ValidationError as error:
            self.add_error("prefixes" if category == RESOLVER else "zones", error)
        try:
            data["probe_addresses"] = (
                resolver_evidence.clean_probe_addresses(data.get("probe_addresses", "")) if category == RESOLVER else []
            )
        except ValidationError as error:
            self.add_error("probe_addresses", error)
        return data


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, pgettext_lazy("verb", "Reject"))])
    comment = forms.CharField(
        label=pgettext_lazy("reviewer", "Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the applicant. Required when you reject."),
    )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the certificate ends now and its badge shows it as withdrawn."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )
    note = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000)


class ReinstateForm(forms.Form):
    # Required by lifecycle.reinstate, which says so in its error.
    note = forms.CharField(
        label=_("Why the certificate is reinstated"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
    )
