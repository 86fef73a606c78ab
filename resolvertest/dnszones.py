"""The test zones as DNS data, built and signed by the lab's signer (checker.lab) and served by its server.

The parent (RESOLVER_TEST_ZONE, `rt.test` in the lab) is a signed zone that delegates one child zone
per label of resolvertest.zones, each with its DS unless the child is unsigned. Every child has a
wildcard, so `<token>.<label>.<parent>` exists for any token, and resolves to the portal's web
addresses:

- `secure`, `algN`: signed correctly (ECDSA P-256 where no algorithm is named; RSA keys of 2048 bits);
- `bogus`, `algN-bogus`: signed, but the wildcard's signatures are broken (one octet flipped);
- `bogus-ds`: signed correctly, but the parent's DS is that of a key the zone never publishes;
- `unsigned`: no keys, and no DS at the parent (its NSEC proves there is none);
- `nsec3-iter-200`: NSEC3 with 200 additional iterations, which RFC 9276 lets a resolver treat as
  insecure or refuse;
- `big`: three RSA-4096 zone-signing keys sign every RRset, so the answer for a token's own name
  with DNSSEC records (DO) is about 3.4 kB: over UDP it is truncated (TC) at any EDNS size up to
  1,232 octets and the resolver must ask again over TCP. Its wildcard also holds a TXT of
  BIG_TXT_OCTETS, larger than 1,232 octets without DNSSEC records, for a direct probe.

With an ACME zone (RESOLVER_TEST_ACME_ZONE), each test zone also holds
`_acme-challenge.<label>.<parent> CNAME <label>.<acme zone>`: an ACME client that updates that zone
obtains the wildcard certificate `*.<label>.<parent>` with the DNS-01 challenge. The CNAME is signed
correctly even in the bogus zones (only the wildcard's signatures are broken), except in `bogus-ds`,
whose whole zone is bogus: ``issuing`` builds it with its true DS, for the minutes of an issuance.

No Django here: the management command (serve_resolver_test) and the tests call build_test_zones.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime
from pathlib import Path

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype

from checker.lab import KeySpec, ZoneSpec, ZoneTree, build_zone_tree, keyset

from .zones import TEST_ZONES, TestZone

WILDCARD = "*"
ACME_CHALLENGE = "_acme-challenge"
WILDCARD_TTL = 60  # every token is asked once; a short TTL keeps nothing long in caches
BIG_TXT_OCTETS = 1500
SIGNED_COVERS = (dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.TXT)
DEFAULT_ALGORITHM = 13


def _add(zone, name: dns.name.Name, ttl: int, rdtype: int, texts) -> None:
    rdataset = zone.find_node(name, create=True).find_rdataset(dns.rdataclass.IN, rdtype, create=True)
    for text in texts:
        rdataset.add(dns.rdata.from_text(dns.rdataclass.IN, rdtype, text), ttl)


def _big_txt() -> list[str]:
    chunk = "resolver-test-big-" * 14  # 252 octets per character-string (at most 255)
    count = BIG_TXT_OCTETS // len(chunk) + 1
    return [" ".join(f'"{chunk}"' for _ in range(count))]


def _prepare(test_zone: TestZone | None, web_addresses: list[str], acme_zone: str | None = None):
    """Before signing: the lab builder's www records go; the apex says what the zone is; the wildcard; the
    ACME challenge's alias."""

    def prepare(ctx) -> None:
        ctx.zone.delete_node(ctx.name("www"))
        label = test_zone.label if test_zone else "parent"
        apex = ctx.zone.find_node(ctx.origin)
        apex.delete_rdataset(dns.rdataclass.IN, dns.rdatatype.TXT)
        _add(ctx.zone, ctx.origin, 3600, dns.rdatatype.TXT, [f'"DNSSEC Japan resolver test zone: {label}"'])
        if test_zone is None:
            return
        wildcard = ctx.name(WILDCARD)
        v4 = [a for a in web_addresses if ipaddress.ip_address(a).version == 4]
        v6 = [a for a in web_addresses if ipaddress.ip_address(a).version == 6]
        if v4:
            _add(ctx.zone, wildcard, WILDCARD_TTL, dns.rdatatype.A, v4)
        if v6:
            _add(ctx.zone, wildcard, WILDCARD_TTL, dns.rdatatype.AAAA, v6)
        if test_zone.label == "big":
            _add(ctx.zone, wildcard, WILDCARD_TTL, dns.rdatatype.TXT, _big_txt())
        if acme_zone is not None:
            target = dns.name.from_text(test_zone.label, dns.name.from_text(acme_zone))
            _add(ctx.zone, ctx.name(ACME_CHALLENGE), WILDCARD_TTL, dns.rdatatype.CNAME, [target.to_text()])

    return prepare


def _break_wildcard_signatures(ctx) -> None:
    """A bogus zone: every signature over the wildcard's data has one octet flipped."""
    for covered in SIGNED_COVERS:
        sigs = ctx.zone.get_rdataset(ctx.name(WILDCARD), dns.rdatatype.RRSIG, covered)
        if sigs is None:
            continue
        broken = [sig.replace(signature=bytes([sig.signature[0] ^ 0xFF]) + sig.signature[1:]) for sig in sigs]
        ctx.replace_rrsigs(WILDCARD, covered, broken)


def _keys(test_zone: TestZone, issuing: bool) -> tuple[KeySpec, ...]:
    if test_zone.label == "unsigned":
        return ()
    if test_zone.label == "bogus-ds":
        # The parent's DS is that of a key-signing key the zone never publishes (while issuing, its own).
        return (
            KeySpec("ksk", DEFAULT_ALGORITHM, 257, "ksk", ds=(2,) if issuing else ()),
            KeySpec("zsk", DEFAULT_ALGORITHM, 256, "zsk"),
            KeySpec("stranger", DEFAULT_ALGORITHM, 257, "none", published=False, ds=() if issuing else (2,)),
        )
    if test_zone.label == "big":
        return (KeySpec("ksk", 8, 257, "ksk", 2048, ds=(2,)),) + tuple(
            KeySpec(f"zsk{n}", 8, 256, "zsk", 4096) for n in (1, 2, 3)
        )
    algorithm = test_zone.algorithm or DEFAULT_ALGORITHM
    return keyset(algorithm, 2048 if algorithm == 8 else None)


def zone_specs(
    parent: str, web_addresses: list[str], acme_zone: str | None = None, issuing: bool = False
) -> list[ZoneSpec]:
    """The parent zone and one child zone per label of resolvertest.zones."""
    origin = dns.name.from_text(parent)
    specs = [ZoneSpec(name=origin, prepare=_prepare(None, web_addresses))]
    for test_zone in TEST_ZONES:
        nsec3 = test_zone.label == "nsec3-iter-200"
        specs.append(
            ZoneSpec(
                name=dns.name.from_text(test_zone.label, origin),
                keys=_keys(test_zone, issuing),
                denial="nsec3" if nsec3 else "nsec",
                nsec3_iterations=200 if nsec3 else 0,
                nsec3_salt=bytes.fromhex("5e1f") if nsec3 else b"",
                prepare=_prepare(test_zone, web_addresses, acme_zone),
                mutate=_break_wildcard_signatures if test_zone.bogus and test_zone.label != "bogus-ds" else None,
            )
        )
    return specs


def nameservers(specs: list[ZoneSpec], addresses: list[str]) -> dict[str, dict[str, str]]:
    """Every zone's name servers, ns1, ns2, ... of its own name, on the server's addresses (shared by all)."""
    return {
        spec.name.to_text(): {f"ns{n}.{spec.name.to_text()}": address for n, address in enumerate(addresses, 1)}
        for spec in specs
    }


def build_test_zones(
    parent: str,
    addresses: list[str],
    web_addresses: list[str],
    workdir: Path | str,
    now: int | float | datetime,
    key_dir: Path | str | None = None,
    acme_zone: str | None = None,
    issuing: bool = False,
) -> ZoneTree:
    """Build and sign the test zones under ``parent`` for a server on ``addresses``, signatures relative to ``now``.

    The tree's ``delegation()`` is what the parent's parent must hold (NS, glue and DS). ``acme_zone`` and
    ``issuing``: the ACME challenge's aliases, and bogus-ds with its true DS (above)."""
    if not addresses:
        raise ValueError("the test zones need at least one server address")
    if not web_addresses:
        raise ValueError("the test names need at least one web address to resolve to")
    specs = zone_specs(parent, web_addresses, acme_zone, issuing)
    return build_zone_tree(specs, nameservers(specs, addresses), workdir, now, key_dir)
