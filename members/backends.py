"""The authentication back end: Django's ModelBackend behind the login limit
(docs/RELIABILITY.md, S5).

Every login (ours, Wagtail admin's, password checks anywhere) goes through
`authenticate()`, so the limit holds for all of them.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from members import throttling


class ThrottledModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        refusal = throttling.refusal(username, request) if username is not None else None
        if refusal is not None:
            # PermissionDenied stops authenticate() at once; the password is never tried.
            if request is not None:
                request.login_refusal = refusal
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
