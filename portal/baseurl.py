"""PORTAL_BASE_URL: the one address the portal is published under (settings.WAGTAILADMIN_BASE_URL).

It makes every absolute link that leaves a request behind: e-mails, sitemap.xml and the Wagtail Site
record (so Wagtail's full URLs and admin links agree). A request's own Host header never does, so a
forged one cannot put another host into a password-reset mail.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """ "https://portal.example.jp", without a final slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path: str) -> str:
    return base_url() + path


def site_address() -> tuple[str, int]:
    """The Wagtail Site's host name and port for the base URL (443 for https and 80 for http unless given)."""
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(**kwargs) -> None:
    """Give the default Wagtail Site the base URL's host and port (after each migrate, and by the demo loader)."""
    from wagtail.models import Site

    hostname, port = site_address()
    Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port).update(hostname=hostname, port=port)


def check_base_url(app_configs=None, **kwargs):
    """`manage.py check --deploy`: mails and sitemap.xml need the portal's public https address."""
    from django.core.checks import Warning

    parts = urlsplit(base_url())
    if parts.scheme == "https" and parts.hostname and not parts.path:
        return []
    return [
        Warning(
            f"PORTAL_BASE_URL is {base_url()!r}: links in mails and sitemap.xml, and the Wagtail Site, point there.",
            hint="Set PORTAL_BASE_URL to the portal's public https address, e.g. https://portal.example.jp",
            id="portal.W001",
        )
    ]
