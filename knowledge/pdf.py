"""Publications as PDF: laid out for print by WeasyPrint when a page is published, kept as a file, served as is.

A publication's PDF is made by the `knowledge.render_publication_pdf` task (batch queue) for the live revision
and stored as `publications/pdf/<page id>/<revision id>.pdf` in the default storage (MEDIA_ROOT): a request
finds the file of the revision it reads, so a republished page never serves the old text, and the files of
earlier revisions are deleted once the new one is written. Unpublishing or deleting the page deletes its files.

WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0); on a machine
without it `available()` is False, the portal runs, and the page says that PDFs are unavailable.
"""

import functools
import logging
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)
FOLDER = "publications/pdf"


@functools.cache
def available() -> bool:
    """Whether WeasyPrint and the libraries it loads (Pango, HarfBuzz, fontconfig) are installed."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: a shared library is missing
        log.warning("PDFs of publications are unavailable: %s", error)
        return False
    return True


def folder(page_id: int) -> str:
    return f"{FOLDER}/{page_id}"


def file_name(page) -> str | None:
    """The storage name of the PDF of the page's live revision, or None for a page never published."""
    if page.live_revision_id is None:
        return None
    return f"{folder(page.pk)}/{page.live_revision_id}.pdf"


def download_name(page) -> str:
    return f"{page.slug}-{page.locale.language_code}-{page.version}.pdf"


def local_file(url: str) -> str:
    """The file behind a /static/ or /media/ URL of the page; nothing else is fetched (no network at all)."""
    path = urlsplit(url).path
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        if found:
            return found
    elif path.startswith(settings.MEDIA_URL):
        return default_storage.path(path.removeprefix(settings.MEDIA_URL))
    raise ValueError(f"not a file of the portal: {url}")


def render(page) -> bytes:
    """The PDF of a publication in its own language."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class PortalFiles(URLFetcher):
        def fetch(self, url, headers=None):
            return super().fetch(Path(local_file(url)).as_uri(), headers)

    with translation.override(page.locale.language_code):
        html = render_to_string("knowledge/publication_pdf.html", {"page": page})
    return HTML(string=html, base_url=settings.WAGTAILADMIN_BASE_URL, url_fetcher=PortalFiles()).write_pdf()


def write(page) -> str:
    """Render the live revision's PDF, store it, and delete those of earlier revisions."""
    name = file_name(page)
    content = render(page)
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(content))
    remove(page.pk, keep=name)
    return name


def remove(page_id: int, keep: str | None = None) -> None:
    try:
        _folders, files = default_storage.listdir(folder(page_id))
    except FileNotFoundError:
        return
    for name in files:
        path = f"{folder(page_id)}/{name}"
        if path != keep:
            default_storage.delete(path)


def queue(page_id: int) -> None:
    """Ask a worker for the page's PDF; a broker outage leaves it to the next reader (views.publication_pdf)."""
    from knowledge.tasks import render_publication_pdf
    from portal.celery import queue_name

    try:
        render_publication_pdf.apply_async((page_id,), queue=queue_name("batch"))
    except Exception as error:  # the broker is down
        log.warning("PDF of page %s not queued: %s", page_id, error)
