"""The special-purpose address guard (docs/RELIABILITY.md, S3).

The public checker sends packets on a visitor's behalf, so an address taken
from glue, from an NS name's A/AAAA records or from root hints is used only
when it is globally reachable unicast.  Every prefix of the IANA IPv4 and IPv6
Special-Purpose Address Registries is refused, including the entries the
registry marks as globally reachable (AS112, PCP/TURN anycast): a DNSSEC
checker loses nothing by not querying them, and one rule is easier to audit.
IPv4-mapped, NAT64 (well-known and local-use) and Teredo forms are refused
outright; a 6to4 address is judged by the IPv4 address it embeds.

Lab mode (``allow_private``) lets loopback and private-use addresses through,
and a ``lab_range`` narrows everything that may be queried to that range.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# (prefix, name) from the IANA IPv4 Special-Purpose Address Registry, plus
# multicast and the limited broadcast address from the address-space registry.
SPECIAL_IPV4 = [
    ("0.0.0.0/8", "this-network"),
    ("10.0.0.0/8", "private-use"),
    ("100.64.0.0/10", "shared-address-space"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private-use"),
    ("192.0.0.0/24", "ietf-protocol-assignments"),
    ("192.0.2.0/24", "documentation"),
    ("192.31.196.0/24", "as112-v4"),
    ("192.52.193.0/24", "amt"),
    ("192.88.99.0/24", "deprecated-6to4-relay-anycast"),
    ("192.168.0.0/16", "private-use"),
    ("192.175.48.0/24", "direct-delegation-as112"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
    ("255.255.255.255/32", "limited-broadcast"),
]

# From the IANA IPv6 Special-Purpose Address Registry.  Everything outside
# 2000::/3 (the only global unicast space allocated) is refused as well.
SPECIAL_IPV6 = [
    ("::1/128", "loopback"),
    ("::/128", "unspecified"),
    ("::ffff:0:0/96", "ipv4-mapped"),
    ("64:ff9b::/96", "nat64-well-known"),
    ("64:ff9b:1::/48", "nat64-local-use"),
    ("100::/64", "discard-only"),
    ("100:0:0:1::/64", "dummy-prefix"),
    ("2001::/32", "teredo"),
    ("2001::/23", "ietf-protocol-assignments"),
    ("2001:db8::/32", "documentation"),
    ("2620:4f:8000::/48", "direct-delegation-as112"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment-routing-sids"),
    ("fc00::/7", "unique-local"),
    ("fe80::/10", "link-local"),
    ("ff00::/8", "multicast"),
]

SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")

# What lab mode additionally allows.
LAB_PRIVATE = [
    ipaddress.ip_network(prefix)
    for prefix in (
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "::1/128",
        "fc00::/7",
    )
]

_SPECIAL = [(ipaddress.ip_network(prefix), name) for prefix, name in SPECIAL_IPV4 + SPECIAL_IPV6]


def special_purpose(address: IPAddress) -> str | None:
    """The name of the special-purpose block holding `address`, or None if it is global."""
    for network, name in _SPECIAL:
        if address.version == network.version and address in network:
            return name
    if address.version == 6:
        if address in SIX_TO_FOUR:
            embedded = address.sixtofour
            reason = special_purpose(embedded)
            return f"6to4 embedding of {embedded} ({reason})" if reason else None
        if address not in GLOBAL_UNICAST_V6:
            return "not-global-unicast"
    return None


_REFUSALS: dict[tuple, str | None] = {}
_UNKNOWN = object()


@dataclass(frozen=True)
class AddressGuard:
    """Decides whether a packet may be sent to an address."""

    allow_private: bool = False
    lab_range: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None

    def refusal(self, address: str) -> str | None:
        """Why `address` must not be queried, or None when it may be.  Remembered per guard and
        address (the answer depends on nothing else): every packet asks."""
        key = (self.allow_private, self.lab_range, address)
        known = _REFUSALS.get(key, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._refusal(address)
            if len(_REFUSALS) >= 100_000:
                _REFUSALS.pop(next(iter(_REFUSALS)))
            _REFUSALS[key] = known
        return known

    def _refusal(self, address: str) -> str | None:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return "not-an-address"
        if self.lab_range is not None:
            return None if ip.version == self.lab_range.version and ip in self.lab_range else "outside-lab-range"
        if self.allow_private and any(ip.version == net.version and ip in net for net in LAB_PRIVATE):
            return None
        return special_purpose(ip)
