"""The test zones as built and served: wildcards, signatures, DS, NSEC3, sizes, and the ACME challenge's alias."""

from datetime import UTC, datetime

import dns.dnssec
import dns.flags
import dns.message
import dns.name
import dns.rdatatype
import dns.rrset
import pytest

from checker.lab import LabServer
from resolvertest.dnszones import build_test_zones
from resolvertest.zones import TEST_ZONES
from tests.checker.conftest import lab_key_dir

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
ADDRESSES = ["127.77.15.253", "127.77.15.254"]
WEB = ["127.0.0.1", "2001:db8::80"]


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory, request):
    return lab_key_dir(request.config, tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def tree(tmp_path_factory, key_dir):
    return build_test_zones("rt.test", ADDRESSES, WEB, tmp_path_factory.mktemp("rt"), NOW, key_dir / "rt")


def _rrset(zone, name, rdtype, covers=dns.rdatatype.NONE):
    rdataset = zone.get_rdataset(name, rdtype, covers)
    return None if rdataset is None else dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))


def _validates(zone, origin, rdtype) -> bool:
    """Whether the wildcard's RRset validates with the zone's own DNSKEY RRset."""
    wildcard = dns.name.from_text("*", origin)
    keys = {origin: _rrset(zone, origin, dns.rdatatype.DNSKEY)}
    try:
        dns.dnssec.validate(
            _rrset(zone, wildcard, rdtype),
            _rrset(zone, wildcard, dns.rdatatype.RRSIG, rdtype),
            keys,
            now=NOW.timestamp(),
            policy=dns.dnssec.allow_all_policy,
        )
    except dns.dnssec.ValidationFailure:
        return False
    return True


def _ds_matches(tree, label) -> bool:
    name = f"{label}.rt.test."
    keys = list(tree.load_zone(name).get_rdataset(name, dns.rdatatype.DNSKEY) or ())
    parent = tree.load_zone("rt.test.").get_rdataset(name, dns.rdatatype.DS)
    made = {dns.dnssec.make_ds(name, key, ds.digest_type).to_text() for key in keys for ds in parent}
    return any(ds.to_text() in made for ds in parent)


def test_every_label_is_a_zone_with_a_wildcard_to_the_portals_addresses(tree):
    assert list(tree.zones) == ["rt.test."] + [f"{zone.label}.rt.test." for zone in TEST_ZONES]
    assert tree.servers == {name: tuple(ADDRESSES) for name in tree.zones}
    for zone in TEST_ZONES:
        data = tree.load_zone(f"{zone.label}.rt.test.")
        wildcard = f"*.{zone.label}.rt.test."
        assert [r.address for r in data.get_rdataset(wildcard, dns.rdatatype.A)] == ["127.0.0.1"], zone.label
        assert [r.address for r in data.get_rdataset(wildcard, dns.rdatatype.AAAA)] == ["2001:db8::80"], zone.label


def test_each_zone_is_signed_bogus_or_unsigned_as_its_label_says(tree):
    shown = {}
    for zone in TEST_ZONES:
        origin = dns.name.from_text(f"{zone.label}.rt.test.")
        data = tree.load_zone(origin.to_text())
        keys = data.get_rdataset(origin, dns.rdatatype.DNSKEY)
        has_ds = tree.load_zone("rt.test.").get_rdataset(origin, dns.rdatatype.DS) is not None
        shown[zone.label] = (
            sorted({key.algorithm for key in keys}) if keys else [],
            _validates(data, origin, dns.rdatatype.A) if keys else None,
            _ds_matches(tree, zone.label) if has_ds else None,
        )
    assert shown == {
        "secure": ([13], True, True),
        "bogus": ([13], False, True),
        "bogus-ds": ([13], True, False),
        "unsigned": ([], None, None),
        "alg8": ([8], True, True),
        "alg8-bogus": ([8], False, True),
        "alg13": ([13], True, True),
        "alg13-bogus": ([13], False, True),
        "alg15": ([15], True, True),
        "alg15-bogus": ([15], False, True),
        "alg16": ([16], True, True),
        "alg16-bogus": ([16], False, True),
        "nsec3-iter-200": ([13], True, True),
        "big": ([8], True, True),
    }


def test_nsec3_iter_200_denies_with_200_iterations(tree):
    origin = "nsec3-iter-200.rt.test."
    param = tree.load_zone(origin).get_rdataset(origin, dns.rdatatype.NSEC3PARAM)
    assert [(p.algorithm, p.iterations, p.salt.hex()) for p in param] == [(1, 200, "5e1f")]


def _ask(tree, name, rdtype, transport="udp", dnssec=True, payload=1232):
    server = LabServer(tree, 53)
    query = dns.message.make_query(name, rdtype, want_dnssec=dnssec, payload=payload, use_edns=0 if dnssec else None)
    return server.handle(query.to_wire(), ADDRESSES[0], transport, "127.0.0.9")


def test_a_big_tokens_answer_is_truncated_over_udp_and_whole_over_tcp(tree):
    truncated = dns.message.from_wire(_ask(tree, "tok.big.rt.test.", "A"))
    whole = _ask(tree, "tok.big.rt.test.", "A", transport="tcp")
    reply = dns.message.from_wire(whole)
    assert (bool(truncated.flags & dns.flags.TC), truncated.answer) == (True, [])
    assert (bool(reply.flags & dns.flags.TC), len(whole) > 3000, len(reply.answer[1])) == (False, True, 3)
    reply.authority = []  # even without the wildcard's proof, the three RSA-4096 signatures do not fit
    assert len(reply.to_wire()) > 1232
    # The TXT is too big for UDP without DNSSEC records too.
    assert dns.message.from_wire(_ask(tree, "tok.big.rt.test.", "TXT", dnssec=False)).flags & dns.flags.TC
    assert len(_ask(tree, "tok.big.rt.test.", "TXT", transport="tcp", dnssec=False)) > 1232


def test_an_acme_zone_aliases_each_challenge_and_issuing_gives_bogus_ds_its_true_ds(tmp_path, key_dir):
    tree = build_test_zones(
        "rt.test", ADDRESSES, WEB, tmp_path, NOW, key_dir / "rt", acme_zone="acme.example", issuing=True
    )
    for zone in TEST_ZONES:
        origin = dns.name.from_text(f"{zone.label}.rt.test.")
        data = tree.load_zone(origin.to_text())
        challenge = dns.name.from_text("_acme-challenge", origin)
        assert [r.target.to_text() for r in data.get_rdataset(challenge, dns.rdatatype.CNAME)] == [
            f"{zone.label}.acme.example."
        ]
    assert _ds_matches(tree, "bogus-ds")
