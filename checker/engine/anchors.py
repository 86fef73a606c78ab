"""Root hints and trust anchors: built in, or read from files.

The built-in root hints are the 13 root servers of IANA's named.root; the
built-in trust anchors are the DS records of the root KSKs KSK-2017 (tag
20326) and KSK-2024 (tag 38696), as published in IANA's root-anchors.xml.
Files are read in zone-file presentation format: a root hints file as
named.root (NS records plus A/AAAA records of the NS names), a trust anchor
file holding DS or DNSKEY records for any owner names.
"""

from __future__ import annotations

import dns.exception
import dns.name
import dns.rdataclass
import dns.rdatatype

ROOT_SERVERS = {
    "a": ("198.41.0.4", "2001:503:ba3e::2:30"),
    "b": ("170.247.170.2", "2801:1b8:10::b"),
    "c": ("192.33.4.12", "2001:500:2::c"),
    "d": ("199.7.91.13", "2001:500:2d::d"),
    "e": ("192.203.230.10", "2001:500:a8::e"),
    "f": ("192.5.5.241", "2001:500:2f::f"),
    "g": ("192.112.36.4", "2001:500:12::d0d"),
    "h": ("198.97.190.53", "2001:500:1::53"),
    "i": ("192.36.148.17", "2001:7fe::53"),
    "j": ("192.58.128.30", "2001:503:c27::2:30"),
    "k": ("193.0.14.129", "2001:7fd::1"),
    "l": ("199.7.83.42", "2001:500:9f::42"),
    "m": ("202.12.27.33", "2001:dc3::35"),
}

ROOT_TRUST_ANCHORS = """
. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
"""

Hints = list[tuple[dns.name.Name, list[str]]]
Anchors = dict[dns.name.Name, list]


class ConfigError(ValueError):
    """A root hints or trust anchor file that cannot be used."""


def builtin_hints(ipv6: bool = True) -> Hints:
    return [
        (dns.name.from_text(f"{letter}.root-servers.net."), [v4, v6] if ipv6 else [v4])
        for letter, (v4, v6) in ROOT_SERVERS.items()
    ]


def _rrsets(text: str, source: str):
    try:
        import dns.zonefile  # only for files: the built-in hints and anchors need no parser

        return dns.zonefile.read_rrsets(
            text, rdclass=None, default_rdclass=dns.rdataclass.IN, default_ttl=0, origin=dns.name.root, relativize=False
        )
    except dns.exception.DNSException as error:
        raise ConfigError(f"{source}: {error}") from None


def parse_hints(text: str, source: str = "root hints") -> Hints:
    rrsets = _rrsets(text, source)
    addresses: dict[dns.name.Name, list[str]] = {}
    names: list[dns.name.Name] = []
    for rrset in rrsets:
        if rrset.rdtype == dns.rdatatype.NS and rrset.name == dns.name.root:
            names += [rdata.target for rdata in rrset if rdata.target not in names]
        elif rrset.rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA):
            addresses.setdefault(rrset.name, []).extend(rdata.address for rdata in rrset)
    hints = [(name, addresses.get(name, [])) for name in names]
    if not any(addrs for _, addrs in hints):
        raise ConfigError(f"{source}: no root server with an address")
    return hints


def parse_anchors(text: str, source: str = "trust anchors") -> Anchors:
    anchors: Anchors = {}
    for rrset in _rrsets(text, source):
        if rrset.rdtype in (dns.rdatatype.DS, dns.rdatatype.DNSKEY):
            anchors.setdefault(rrset.name, []).extend(rrset)
    if not anchors:
        raise ConfigError(f"{source}: no DS or DNSKEY record")
    return anchors


def builtin_anchors() -> Anchors:
    return parse_anchors(ROOT_TRUST_ANCHORS, "built-in root trust anchors")


def read_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror}") from None
