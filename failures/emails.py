"""One e-mail per workflow step, in the recipient's language (their membership's)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from portal import baseurl


def event_sentence(event):
    return {
        "submit": _("The report was submitted for review."),
        "start_review": _("A reviewer has started reviewing the report."),
        "request_changes": _("The reviewer asks for changes before the report can be published."),
        "publish": _("The report is published in the failure-case library."),
        "reject": _("The report was not accepted for publication."),
        "comment": _("A reviewer commented on the report."),
        "correct": _("A correction was published for the report."),
        "propose_correction": _(
            "A correction of the published report waits for review; the published version stays until a reviewer "
            "approves it."
        ),
        "approve_correction": _("A correction was published for the report."),
        "decline_correction": _("The reviewer did not accept the correction; the published version stays."),
    }[event]


def language_of(user):
    membership = getattr(user, "membership", None)
    language = membership.language if membership is not None else settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def send_status(user, report, event, note):
    language = language_of(user)
    with translation.override(language):
        context = {
            "user": user,
            "title": report.display_title(language),
            "status": report.get_status_display(),
            "sentence": event_sentence(event),
            "note": note,
            "url": baseurl.absolute(report.get_absolute_url()),
        }
        subject = render_to_string(f"failures/emails/status_subject.{language}.txt", context)
        body = render_to_string(f"failures/emails/status_body.{language}.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
