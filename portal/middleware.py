from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware

API_PREFIX = "/api/"


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except under /api/: every answer there is JSON, errors included.

    Django's own redirects a 404 to the /ja/ version of the path (which Wagtail's catch-all makes valid),
    so an unknown check id answered a 302 to an HTML page. Under /api/ an error answer that is not
    already JSON (an unknown path, ninja's 405, a 500) becomes the API's bilingual error body, with
    the same status and headers (Allow, Retry-After).
    """

    def process_response(self, request, response):
        if not request.path_info.startswith(API_PREFIX):
            return super().process_response(request, response)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith("application/json"):
            from checker.web_api import error_response

            json_response = error_response(response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    json_response[header] = response[header]
            response = json_response
        response.headers.setdefault("Content-Language", "ja, en")
        return response


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
