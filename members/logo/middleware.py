"""Badges are answered before the session, locale, CSRF, authentication and CSP middleware.

A badge is an image on other sites, requested on every view of their pages: it never depends on
who asks, so it needs none of them. Answered here, right after WhiteNoise (as a static file is),
a badge costs one query whoever asks, even a reader signed in to the portal whose session the
staff-session bound would otherwise load, and about twice as many badges are served per second.
The URL pattern `logo:badge` names the same view, for reverse() and for any method but GET.
"""

import re

from django.conf import settings
from django.http import Http404
from django.utils import translation

from members.logo import views


class BadgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        self.path = re.compile(rf"^/(?P<language>{languages})/logo/(?P<number>[0-9]{{4}}-[0-9]{{4}})/badge\.svg$")

    def __call__(self, request):
        match = self.path.match(request.path_info) if request.method == "GET" else None
        if match is None:
            return self.get_response(request)
        try:
            with translation.override(match["language"]):
                return views.badge(request, match["number"])
        except Http404:  # an unknown number: the portal's own 404 page, in the request's language
            return self.get_response(request)
