from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members import emails
from members.models import Invitation, Membership
from members.roles import Role
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


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "organisation", "role", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise ValidationError(_("This address already has an account."), code="exists")
        return email

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.MEMBER and not data.get("organisation"):
            self.add_error("organisation", _("A member user belongs to an organisation."))
        return data


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
            user=user, organisation=invitation.organisation, role=invitation.role, language=invitation.language
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
