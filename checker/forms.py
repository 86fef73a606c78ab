from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from checker.engine.names import MAX_INPUT_LENGTH, InputError, normalize
from checker.engine.text import input_error_message
from portal import languages


def normalise_domain(text: str) -> str:
    """The name to check, without the trailing dot; raises InputError."""
    return normalize(text).to_text(omit_final_dot=True)


def input_error_text(error: InputError, language: str | None = None) -> str:
    return input_error_message(error, language or languages.catalog_language(get_language()))


class CheckForm(forms.Form):
    # Only the public options: nobody sets root hints, trust anchors or addresses here.
    domain = forms.CharField(
        label=_("Domain name"),
        max_length=MAX_INPUT_LENGTH,
        widget=forms.TextInput(
            attrs={"placeholder": "example.jp", "autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )
    fresh = forms.BooleanField(label=_("Check again now, even if a recent result exists"), required=False)

    def clean_domain(self):
        text = self.cleaned_data["domain"]
        try:
            return normalise_domain(text)
        except InputError as error:
            raise forms.ValidationError(input_error_text(error), code=error.code) from None
