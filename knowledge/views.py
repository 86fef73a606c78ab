from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from knowledge import pdf
from portal import helptranslate, languages

# A reader who finds no PDF yet asks a worker again (a lost message, a broker outage), at most once in this time.
PDF_REQUEUE_SECONDS = 60


def help_translate(request):
    """Public call for volunteers: everything that waits for a translator, into each language from the others."""
    targets = [
        {"code": code, "name": languages.name(code), "items": helptranslate.pending(code, request)}
        for code in languages.codes()
    ]
    return render(
        request,
        "knowledge/help_translate.html",
        {
            "targets": targets,
            "source_language": languages.name(settings.LANGUAGE_CODE),
            "status_labels": helptranslate.STATUS_LABELS,
            "page_title": _("Help translate"),
            "language": get_language(),
        },
    )


def publication_pdf(request, page):
    """The publication's PDF as made at its publication; until it exists, a page that says it is being made."""
    if page.in_preparation:
        raise Http404
    name = pdf.file_name(page)
    if pdf.available() and default_storage.exists(name):
        return FileResponse(
            default_storage.open(name), filename=pdf.download_name(page), content_type="application/pdf"
        )
    if pdf.available() and cache.add(f"knowledge:pdf-queued:{name}", True, PDF_REQUEUE_SECONDS):
        pdf.queue(page.pk)
    response = TemplateResponse(
        request,
        "knowledge/publication_pdf_pending.html",
        {"page": page, "page_title": page.title, "pdf_available": pdf.available()},
        status=503,
    )
    response["Retry-After"] = "10"
    return response
