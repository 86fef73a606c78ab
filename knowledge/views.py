from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal import helptranslate
from portal.views import LANGUAGE_NAMES


def help_translate(request):
    """Public call for volunteers: everything that waits for a translator, into each language from the others."""
    targets = [
        {"code": code, "name": LANGUAGE_NAMES.get(code, name), "items": helptranslate.pending(code, request)}
        for code, name in settings.LANGUAGES
    ]
    return render(
        request,
        "knowledge/help_translate.html",
        {
            "targets": targets,
            "source_language": LANGUAGE_NAMES.get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE),
            "status_labels": helptranslate.STATUS_LABELS,
            "page_title": _("Help translate"),
            "language": get_language(),
        },
    )
