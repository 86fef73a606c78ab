"""E-mails in the recipient's language: one subject and one body template per language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send(name, language, context, to, folder="members/emails"):
    """Send <folder>/<name>_subject.<language>.txt and <name>_body.<language>.txt to `to`."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string(f"{folder}/{name}_subject.{language}.txt", context)
        body = render_to_string(f"{folder}/{name}_body.{language}.txt", context)
    subject = " ".join(subject.split())  # a header must be one line
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def organisation_recipients(organisation, contact: bool = True) -> list[tuple[str, str]]:
    """(address, language) of the organisation's contact (when `contact`) and of each of its active users."""
    out = []
    if contact and organisation.contact_email:
        out.append((organisation.contact_email, settings.LANGUAGE_CODE))
    for user in get_user_model().objects.filter(membership__organisation=organisation, is_active=True):
        if user.email and user.email not in {address for address, _lang in out}:
            out.append((user.email, user.membership.language))
    return out
