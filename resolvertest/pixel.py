"""The pixel: what a run's page fetches from `<token>.<label>.<zone>`, answered before the session and CSRF.

Whether it loads is the whole measurement (the name resolved through the visitor's resolver), so the answer
never depends on who asks: it needs no session, sets no cookie and is never cached (a cached answer would
hide the resolver's next refusal). Like a logo badge (members.logo.middleware) it is answered right after
WhiteNoise, for GET on a test name only; on the portal's own host the path is the portal's 404, and on a
test name every other request is a bare 404.
`Access-Control-Allow-Origin: *` lets the page's script read that it loaded (credentials are never sent),
so a resolver that answers a refused name with an address of its own (a search page) does not count as
loading it: that server sends no such header, and the script sees a failure.
"""

import base64

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotFound
from django.http.request import split_domain_port
from django.utils.cache import add_never_cache_headers

from resolvertest.conf import zone

PATH = "/resolver-test/pixel"
# A transparent GIF of one pixel (42 octets).
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def is_test_name(host: str, parent: str | None) -> bool:
    """Whether `host` (lower case, without its port: split_domain_port's) is a name under the test zones' parent."""
    return bool(parent) and host.endswith("." + parent)


def pixel_response() -> HttpResponse:
    response = HttpResponse(GIF, content_type="image/gif")
    response["Access-Control-Allow-Origin"] = "*"
    add_never_cache_headers(response)
    return response


class PixelMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host, _port = split_domain_port(request.get_host())
        except DisallowedHost:  # the portal's own 400 for a host it does not serve
            return self.get_response(request)
        if not is_test_name(host, zone()):
            return self.get_response(request)
        if request.method != "GET" or request.path_info != PATH:
            # The test names serve the pixel and nothing else: no page, form or session cookie of the portal's
            # under a name that anyone's token makes up.
            response = HttpResponseNotFound(b"", content_type="text/plain")
            add_never_cache_headers(response)
            return response
        return pixel_response()
