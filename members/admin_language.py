"""The admin in the language a member chose for the portal (Membership.language).

Wagtail speaks a user's own admin preference (account settings) and, without one, whatever language is active for
the request: for the admin, whose addresses have no language prefix, that is the browser's Accept-Language. So a
Japanese editor with an English browser read the admin in English. Here, without an admin preference of their own,
a user reads it in their membership's language (the one their e-mails use; `createsuperuser`'s administrators get a
membership in the portal's first language from members.signals).
"""

from django.utils import translation

ADMIN_PREFIX = "/admin/"


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            language = _membership_language(request.user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


def _membership_language(user) -> str | None:
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language:
        return None  # Wagtail applies the user's own choice
    membership = getattr(user, "membership", None)
    return membership.language if membership is not None else None
