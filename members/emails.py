"""E-mails in the recipient's language: one subject and one body template per language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send(name, language, context, to):
    """Send members/emails/<name>_subject.<language>.txt and <name>_body.<language>.txt to `to`."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        subject = render_to_string(f"members/emails/{name}_subject.{language}.txt", context)
        body = render_to_string(f"members/emails/{name}_body.{language}.txt", context)
    subject = " ".join(subject.split())  # a header must be one line
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
