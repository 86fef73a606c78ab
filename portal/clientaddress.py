"""The visitor's address, the one place that reads it (rate limits, login failures).

Behind the production proxy every request comes from the proxy, so REMOTE_ADDR
alone would put every visitor in one bucket. X-Forwarded-For is written by the
client, though, and only what a trusted proxy appended can be believed. So the
header is read only when REMOTE_ADDR is one of TRUSTED_PROXIES, from the right:
each trusted hop is skipped, and the first address that is not a trusted proxy
is the client. Without TRUSTED_PROXIES (the default) the header is ignored.
"""

import functools
import ipaddress

from django.conf import settings


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple) -> tuple:
    # The settings module refused entries that are not addresses or networks at start-up.
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address.version == net.version and address in net for net in networks)


def client_address(request) -> str:
    """The client's address as text ("" when unknown)."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(_address(remote), networks):
        return remote
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            # Only trusted proxies wrote the hops to the right; a hop that is no address ends the walk.
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client
