"""What every Atom feed of the portal says about its author.

RFC 4287 §4.1.1: an atom:feed holds an atom:author unless every entry holds one. Entries of the portal's feeds
often have none (a news item, an anonymous failure report, a watch alert), so every feed names the portal.
"""

from django.utils.translation import gettext_lazy as _

from portal.baseurl import base_url

AUTHOR_NAME = _("DNSSEC Japan")


def author_link() -> str:
    return base_url() + "/"
