import re
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members import colleagues, emails
from members.models import Domain, EntryProposal, Invitation, Membership, ServiceStatus, check_roles, normalise_domain
from portal import baseurl


class LoginForm(AuthenticationForm):
    """Log in with the e-mail address; after too many failures, every identifier gets the same refusal."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not correct."),
        "address": _(
            "Too many failed logins for this account from your network. Try again in %(minutes)s minutes, "
            "or reset your password: a reset lifts this at once."
        ),
        "slowed": _(
            "Too many failed logins for this account. Try again in %(seconds)s seconds, "
            "or reset your password: a reset lifts this at once."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def get_invalid_login_error(self):
        refusal = getattr(self.request, "login_refusal", None)
        if refusal is not None:
            seconds = refusal.retry_after
            params = {"seconds": seconds, "minutes": max(1, -(-seconds // 60))}
            return ValidationError(self.error_messages[refusal.reason], code=refusal.reason, params=params)
        return super().get_invalid_login_error()


class RolesCheckedForm:
    """A form with `roles` (and maybe `organisation`) fields that keeps the role table's rules (check_roles)."""

    def clean(self):
        data = super().clean()
        if "roles" in data:
            try:
                check_roles(data["roles"], data.get("organisation"))
            except ValidationError as error:
                self.add_error(None, error)
        return data


class InvitationForm(RolesCheckedForm, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "organisation", "roles", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError(_("This address already has an account."), code="exists")
        return email


class AcceptInvitationForm(forms.Form):
    """The invitee chooses a password; the account is made from the invitation."""

    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, invitation, *args, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            candidate = get_user_model()(
                username=self.invitation.email, email=self.invitation.email, first_name=data.get("name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return data

    def save(self):
        invitation = self.invitation
        user = get_user_model().objects.create_user(
            username=invitation.email,
            email=invitation.email,
            password=self.cleaned_data["password1"],
            first_name=self.cleaned_data["name"],
        )
        Membership.objects.create(
            user=user, organisation=invitation.organisation, roles=invitation.roles, language=invitation.language
        )
        return user


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending our e-mail in the user's language (the page's when unknown)."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        user = context["user"]
        membership = getattr(user, "membership", None)
        language = membership.language if membership is not None else translation.get_language()
        with translation.override(language):
            path = reverse(
                "accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
            )
        context = {
            **context,
            "url": baseurl.absolute(path),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        emails.send("password_reset", language, context, [to_email])


class MonthField(forms.CharField):
    """A month as YYYY-MM (a browser's month picker sends that; YYYY/MM is taken too), kept as its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2011-03", "inputmode": "numeric"})
    default_error_messages = {"invalid": _("Enter the month as year and month, e.g. 2011-03.")}

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        match = re.fullmatch(r"(\d{4})[-/](\d{1,2})", text)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1990:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return date(int(match[1]), int(match[2]), 1)

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, date) else value


class ServiceStatusForm(forms.ModelForm):
    """One entry of an organisation's service status, with the fields of its kind only (the kind is chosen before
    the form and never changes: another kind is another entry)."""

    KIND_SPECIFIC = ("service_style", "validation", "key_owner")

    since = MonthField(
        label=_("Month (YYYY-MM)"),
        required=False,
        help_text=_("When the service started, or the planned month if known. Leave empty when to be decided."),
    )

    class Meta:
        model = ServiceStatus
        fields = ["service_style", "validation", "key_owner", "fee", "start", "since", "visibility"]
        widgets = {"fee": forms.RadioSelect, "start": forms.RadioSelect, "visibility": forms.RadioSelect}
        error_messages = {
            "fee": {"required": _("Choose whether the service is free or paid.")},
            "start": {"required": _("Choose whether the service is in operation, planned or to be decided.")},
            "visibility": {"required": _("Choose who may see this entry.")},
        }

    def __init__(self, *args, organisation, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.instance.kind = kind
        used = ServiceStatus.KIND_FIELDS[kind]
        for name in self.KIND_SPECIFIC:
            if name not in used:
                del self.fields[name]
                continue
            # A choice is required for the kind; the model's clean() says which, in the reader's language.
            form_field = self.fields[name]
            form_field.choices = [choice for choice in form_field.choices if choice[0]]
            form_field.widget = forms.RadioSelect(choices=form_field.choices)
        for name in ("fee", "start", "visibility"):
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0]]
        self.fields["visibility"].help_text = _(
            "An anonymous entry shows a letter (A, B, …) instead of the organisation's name, on the page and in the "
            "CSV."
        )


class ColleagueInvitationForm(InvitationForm):
    """An organisation's administrator invites a colleague: to their own organisation, as member or administrator."""

    level = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect, initial="member")

    class Meta(InvitationForm.Meta):
        fields = ["email", "level", "language"]

    def __init__(self, organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["level"].choices = colleagues.LEVEL_CHOICES

    def clean(self):
        data = super().clean()
        if "level" in data:
            self.instance.roles = colleagues.LEVELS[data["level"]]
        return data


class ColleagueLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = colleagues.LEVEL_CHOICES


class DomainForm(forms.Form):
    name = forms.CharField(
        label=_("Domain name"), max_length=253, widget=forms.TextInput(attrs={"placeholder": "example.jp"})
    )

    def __init__(self, organisation, *args, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = normalise_domain(self.cleaned_data["name"])
        if self.organisation.domains.filter(name=name).exists():
            raise ValidationError(_("This domain is already on your organisation's list."), code="exists")
        # Another organisation's unproven claim blocks nobody (anyone can type a name); a verified one does.
        if Domain.objects.filter(name=name, verified=True).exists():
            raise ValidationError(_("This domain is already verified for an organisation."), code="taken")
        return name


class EntryProposalForm(forms.ModelForm):
    class Meta:
        model = EntryProposal
        fields = list(EntryProposal.FIELDS)
        widgets = {
            "description_ja": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }


class EntryDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the proposer (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
