"""What every page of an organisation's own administrator (colleagues, domains) checks first."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed

from members.permissions import administers, organisation_of


def organisation_administrators_only(view):
    """The view gets the user's own organisation, if they administer it; a POST-only view refuses other methods
    after that check, so nobody else learns even that."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        organisation = organisation_of(request.user)
        if not administers(request.user, organisation):
            raise PermissionDenied
        return view(request, organisation, *args, **kwargs)

    return wrapped


def post_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, *args, **kwargs)

    return wrapped
