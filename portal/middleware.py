from csp.middleware import CSPMiddleware
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    """Strict CSP on public pages; Wagtail's admin gets the policy it needs.

    Wagtail's preview panel frames the page it previews. The preview is
    rendered through this middleware twice: once for the inner request that
    Wagtail makes for the page itself (marked `is_preview`), once for the
    admin URL. Both allow frame-ancestors 'self'; public pages allow none.
    """

    def process_response(self, request, response):
        if getattr(response, "_csp_config", None) is None:
            if getattr(request, "is_preview", False):
                response._csp_config = {
                    **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                    "frame-ancestors": ["'self'"],
                }
            elif request.path.startswith("/admin/"):
                response._csp_config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return super().process_response(request, response)
