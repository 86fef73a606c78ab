from csp.middleware import CSPMiddleware
from django.conf import settings


class PortalCSPMiddleware(CSPMiddleware):
    """Strict CSP on public pages; Wagtail's admin gets the policy it needs.

    The admin's preview panel frames the page it previews, so admin URLs
    (the preview views included) allow frame-ancestors 'self'.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/") and getattr(response, "_csp_config", None) is None:
            response._csp_config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return super().process_response(request, response)
