"""Which member a batch call comes from: Wagtail's API tokens (wagtail.models.APIToken), for member users only.

Wagtail keeps a token as an HMAC of the site's secret key, shows it once and marks its last use
(wagtail.api.v3.auth.BearerTokenAuth, whose lookup this uses). A token of a user without a membership
(or of a deactivated one) opens nothing here.
"""

from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken


class MemberTokenAuth(BearerTokenAuth):
    def authenticate(self, request, token: str):
        if not APIToken.validate_token_format(token):
            return None
        api_token = super().authenticate(request, token)
        if api_token is None or getattr(api_token.user, "membership", None) is None:
            return None
        return api_token


def from_request(request) -> APIToken | None:
    """The live member token of the request's `Authorization: Bearer …` header, else None."""
    return MemberTokenAuth()(request)
