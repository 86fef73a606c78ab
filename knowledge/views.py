from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from knowledge import translation

# Named here so that Japanese readers read "英語", not Django's "英語(米国)".
LANGUAGE_NAMES = {"ja": _("Japanese"), "en": _("English")}


def help_translate(request):
    """Public call for volunteers: everything that waits for a translator, per target language."""
    source = translation.source_locale().language_code
    targets = [
        {"code": code, "name": LANGUAGE_NAMES.get(code, name), "items": translation.pending(code)}
        for code, name in settings.LANGUAGES
        if code != source
    ]
    return render(
        request,
        "knowledge/help_translate.html",
        {
            "targets": targets,
            "source_language": LANGUAGE_NAMES.get(source, source),
            "status_labels": translation.STATUS_LABELS,
            "page_title": _("Help translate"),
            "language": get_language(),
        },
    )
