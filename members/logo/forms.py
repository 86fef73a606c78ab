"""The logo programme's forms: an application (or a renewal), a reviewer's decision, a withdrawal, a
reinstatement. The rules themselves (the evidence list, who may be approved) live in lifecycle."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.logo import lifecycle
from members.logo.models import CATEGORIES
from members.models import Organisation


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())
    category = forms.ChoiceField(label=_("Category"), choices=CATEGORIES, widget=forms.RadioSelect)
    zones = forms.CharField(
        label=_("Zones"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocapitalize": "none"}),
    )

    def __init__(self, *args, choose_organisation=False, renewal=False, **kwargs):
        """Administrators act for every organisation, so they choose it; a renewal keeps its certificate's
        organisation and category."""
        super().__init__(*args, **kwargs)
        if not choose_organisation or renewal:
            del self.fields["organisation"]
        if renewal:
            del self.fields["category"]
        self.fields["zones"].help_text = _(
            "One zone per line (spaces and commas also separate them), at most %(limit)d."
        ) % {"limit": settings.LOGO_MAX_ZONES}

    def clean_zones(self):
        return lifecycle.clean_zones(self.cleaned_data["zones"])


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
