from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import normalise_domain
from watch import webhooks
from watch.models import Webhook


class AddForm(forms.Form):
    domain = forms.CharField(label=_("Domain name"), max_length=300)

    def clean_domain(self):
        return normalise_domain(self.cleaned_data["domain"])


# How long a mute lasts; "0" unmutes.
MUTE_CHOICES = [
    ("0", pgettext_lazy("mute", "Not muted")),
    ("1", _("1 hour")),
    ("24", _("1 day")),
    ("168", _("1 week")),
    ("720", _("30 days")),
]


class SettingsForm(forms.Form):
    mute_hours = forms.ChoiceField(label=_("Mute alerts for"), choices=MUTE_CHOICES)
    info_alerts = forms.BooleanField(label=_("Alert on DNSKEY and DS set changes"), required=False)

    def mute_for(self) -> timedelta | None:
        hours = int(self.cleaned_data["mute_hours"])
        return timedelta(hours=hours) if hours else None


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("Address (https)"), max_length=500, assume_scheme="https")

    class Meta:
        model = Webhook
        fields = ["url"]

    def clean_url(self):
        return webhooks.check_url(self.cleaned_data["url"])
