"""Both lab servers (the demo Python server and knotd) answer like authoritative servers, and the
lab's chain of trust validates through them."""

import base64

import dns.dnssec
import dns.flags
import dns.message
import dns.name
import dns.query
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest

from checker.lab import CONDITIONS

SERVERS = ["python", pytest.param("real", marks=pytest.mark.lab)]


@pytest.fixture(params=SERVERS)
def served(request, lab):
    """(lab, port) of the demo server or of knotd."""
    if request.param == "python":
        return lab, request.getfixturevalue("python_lab").port
    request.getfixturevalue("real_lab")
    return lab, 53


def ask(address, port, name, rdtype, dnssec=True, payload=1232, edns=True, tcp=False):
    query = dns.message.make_query(name, rdtype, want_dnssec=dnssec, use_edns=0 if edns else False, payload=payload)
    query.flags &= ~dns.flags.RD
    if tcp:
        return dns.query.tcp(query, address, port=port, timeout=3)
    return dns.query.udp(query, address, port=port, timeout=3, ignore_trailing=True)


def server_of(lab, zone):
    return lab.servers[zone][0]


def find(section, name, rdtype, covers=dns.rdatatype.NONE):
    for rrset in section:
        if rrset.name == dns.name.from_text(name) and rrset.rdtype == rdtype and rrset.covers == covers:
            return rrset
    return None


def test_soa_is_an_authoritative_answer(served):
    lab, port = served
    for zone in [".", "test.", "alg13.test.", "unsigned.test.", "sub.alg13.test."]:
        for address in lab.servers[zone]:
            reply = ask(address, port, zone, dns.rdatatype.SOA)
            assert reply.rcode() == dns.rcode.NOERROR
            assert reply.flags & dns.flags.AA
            assert find(reply.answer, zone, dns.rdatatype.SOA)
            assert reply.edns == 0


def test_dnskey_comes_with_rrsig_only_when_do_is_set(served):
    lab, port = served
    address = server_of(lab, "alg13.test.")
    signed = ask(address, port, "alg13.test.", dns.rdatatype.DNSKEY)
    assert find(signed.answer, "alg13.test.", dns.rdatatype.DNSKEY)
    assert find(signed.answer, "alg13.test.", dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY)
    plain = ask(address, port, "alg13.test.", dns.rdatatype.DNSKEY, dnssec=False)
    assert find(plain.answer, "alg13.test.", dns.rdatatype.DNSKEY)
    assert not find(plain.answer, "alg13.test.", dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY)


def test_referral_carries_glue_and_signed_ds(served):
    lab, port = served
    reply = ask(server_of(lab, "test."), port, "www.alg13.test.", dns.rdatatype.A)
    assert not reply.flags & dns.flags.AA and not reply.answer
    ns = find(reply.authority, "alg13.test.", dns.rdatatype.NS)
    assert {r.target.to_text() for r in ns} == set(lab.zones["alg13.test."].nameservers)
    assert find(reply.authority, "alg13.test.", dns.rdatatype.DS)
    assert find(reply.authority, "alg13.test.", dns.rdatatype.RRSIG, dns.rdatatype.DS)
    glue = {r.address for rrset in reply.additional if rrset.rdtype == dns.rdatatype.A for r in rrset}
    assert glue == set(lab.servers["alg13.test."])


def test_insecure_referral_proves_there_is_no_ds(served):
    lab, port = served
    reply = ask(server_of(lab, "test."), port, "www.unsigned.test.", dns.rdatatype.A)
    assert not find(reply.authority, "unsigned.test.", dns.rdatatype.DS)
    nsec = find(reply.authority, "unsigned.test.", dns.rdatatype.NSEC)
    assert nsec and not any(dns.rdatatype.DS in _types(r) for r in nsec)
    assert dns.rdatatype.NS in _types(nsec[0])


def _types(nsec_rdata):
    return {
        t
        for window, bitmap in nsec_rdata.windows
        for i, byte in enumerate(bitmap)
        for bit in range(8)
        if byte & (0x80 >> bit)
        for t in [window * 256 + i * 8 + bit]
    }


def test_nxdomain_with_nsec(served):
    lab, port = served
    reply = ask(server_of(lab, "alg13.test."), port, "nope.alg13.test.", dns.rdatatype.A)
    assert reply.rcode() == dns.rcode.NXDOMAIN and reply.flags & dns.flags.AA
    assert find(reply.authority, "alg13.test.", dns.rdatatype.SOA)
    nsecs = [r for r in reply.authority if r.rdtype == dns.rdatatype.NSEC]
    assert nsecs
    assert any(r.rdtype == dns.rdatatype.RRSIG and r.covers == dns.rdatatype.NSEC for r in reply.authority)


def test_nxdomain_with_nsec3(served):
    lab, port = served
    reply = ask(server_of(lab, "nsec3.test."), port, "nope.nsec3.test.", dns.rdatatype.A)
    assert reply.rcode() == dns.rcode.NXDOMAIN
    nsec3 = [r for r in reply.authority if r.rdtype == dns.rdatatype.NSEC3]
    # closest encloser, next closer and wildcard: 2 or 3 distinct records
    assert 2 <= len(nsec3) <= 3
    for rrset in nsec3:
        assert rrset[0].iterations == 0 and rrset[0].salt == b""


def test_nodata_with_nsec(served):
    lab, port = served
    reply = ask(server_of(lab, "alg13.test."), port, "www.alg13.test.", dns.rdatatype.TXT)
    assert reply.rcode() == dns.rcode.NOERROR and not reply.answer
    nsec = find(reply.authority, "www.alg13.test.", dns.rdatatype.NSEC)
    assert nsec and dns.rdatatype.TXT not in _types(nsec[0])


def test_large_answers_truncate_over_udp_and_come_whole_over_tcp(served):
    lab, port = served
    address = server_of(lab, ".")
    small = ask(address, port, ".", dns.rdatatype.DNSKEY, payload=512)
    assert small.flags & dns.flags.TC
    whole = ask(address, port, ".", dns.rdatatype.DNSKEY, payload=512, tcp=True)
    assert not whole.flags & dns.flags.TC
    assert find(whole.answer, ".", dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY)


def test_each_zone_is_served_only_by_its_own_servers(lab, python_lab):
    reply = ask(server_of(lab, "alg8.test."), python_lab.port, "alg13.test.", dns.rdatatype.SOA)
    assert reply.rcode() == dns.rcode.REFUSED
    reply = ask(server_of(lab, "."), python_lab.port, "alg13.test.", dns.rdatatype.SOA)
    assert not reply.flags & dns.flags.AA and find(reply.authority, "test.", dns.rdatatype.NS)


def test_python_server_truncates_at_512_without_edns(lab, python_lab):
    reply = ask(server_of(lab, "."), python_lab.port, ".", dns.rdatatype.DNSKEY, dnssec=False, edns=False)
    assert reply.flags & dns.flags.TC and reply.edns == -1


def test_python_server_answers_badvers_to_edns1(lab, python_lab):
    query = dns.message.make_query("alg13.test.", dns.rdatatype.SOA, use_edns=1)
    reply = dns.query.udp(query, server_of(lab, "alg13.test."), port=python_lab.port, timeout=3)
    assert reply.rcode() == dns.rcode.BADVERS and reply.edns == 0


def fetch_validated(lab, port, zone, parent_keys):
    """Fetch DS from the parent's server and DNSKEY and SOA from the zone's; validate them."""
    parent = lab.zones[zone].parent
    ds_reply = ask(server_of(lab, parent), port, zone, dns.rdatatype.DS)
    ds_set = find(ds_reply.answer, zone, dns.rdatatype.DS)
    dns.dnssec.validate(
        ds_set,
        find(ds_reply.answer, zone, dns.rdatatype.RRSIG, dns.rdatatype.DS),
        {dns.name.from_text(parent): parent_keys},
        now=lab.now,
    )
    return fetch_keys(lab, port, zone, ds_set)


def fetch_keys(lab, port, zone, ds_set):
    name = dns.name.from_text(zone)
    reply = ask(server_of(lab, zone), port, zone, dns.rdatatype.DNSKEY, tcp=True)
    keys = find(reply.answer, zone, dns.rdatatype.DNSKEY)
    assert any(
        dns.dnssec.make_ds(name, key, ds.digest_type) == ds for key in keys for ds in ds_set if ds.digest_type == 2
    ), "no DS matches a DNSKEY"
    dns.dnssec.validate(
        keys, find(reply.answer, zone, dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY), {name: keys}, now=lab.now
    )
    soa = ask(server_of(lab, zone), port, zone, dns.rdatatype.SOA)
    dns.dnssec.validate(
        find(soa.answer, zone, dns.rdatatype.SOA),
        find(soa.answer, zone, dns.rdatatype.RRSIG, dns.rdatatype.SOA),
        {name: keys},
        now=lab.now,
    )
    return keys


def validate_chain(lab, port, zone):
    anchor_text = lab.trust_anchor_file.read_text().split("\t", 4)[4].strip()
    anchor = dns.rrset.from_text(".", 86400, "IN", "DS", anchor_text)
    keys = fetch_keys(lab, port, ".", anchor)
    name = dns.name.from_text(zone)
    for depth in range(2, len(name) + 1):
        keys = fetch_validated(lab, port, dns.name.Name(name.labels[-depth:]).to_text(), keys)


@pytest.mark.parametrize("condition", ["alg8", "alg13", "alg15", "alg16", "nsec3", "deep-chain"])
def test_good_zones_validate_through_the_servers(served, condition):
    lab, port = served
    validate_chain(lab, port, CONDITIONS[condition].zone)


def test_expired_zone_fails_validation_through_the_servers(served):
    lab, port = served
    with pytest.raises(dns.dnssec.ValidationFailure):
        validate_chain(lab, port, "expired.test.")


def _nsec3_label(name):
    return dns.dnssec.nsec3_hash(name, b"", 0, 1).lower()


def _nsec3_covers(rrset, label):
    owner = rrset.name.labels[0].decode().lower()
    following = base64.b32hexencode(rrset[0].next).decode().lower()
    if owner < following:
        return owner < label < following
    return label > owner or label < following  # the last record wraps to the first


@pytest.mark.parametrize(
    "qname, encloser", [("nope.nsec3.test.", "nsec3.test."), ("a.b.www.nsec3.test.", "www.nsec3.test.")]
)
def test_nsec3_nxdomain_proof_is_complete(served, qname, encloser):
    lab, port = served
    reply = ask(server_of(lab, "nsec3.test."), port, qname, dns.rdatatype.A)
    nsec3 = [r for r in reply.authority if r.rdtype == dns.rdatatype.NSEC3]
    name, closest = dns.name.from_text(qname), dns.name.from_text(encloser)
    next_closer = dns.name.Name(name.labels[-(len(closest) + 1) :])
    wildcard = dns.name.from_text("*", closest)
    assert any(r.name.labels[0].decode().lower() == _nsec3_label(closest) for r in nsec3)
    assert any(_nsec3_covers(r, _nsec3_label(next_closer)) for r in nsec3)
    assert any(_nsec3_covers(r, _nsec3_label(wildcard)) for r in nsec3)


def test_nsec_nxdomain_proof_covers_name_and_wildcard(served):
    lab, port = served
    reply = ask(server_of(lab, "alg13.test."), port, "nope.alg13.test.", dns.rdatatype.A)
    nsecs = [r for r in reply.authority if r.rdtype == dns.rdatatype.NSEC]

    def covered(name):
        return any(
            r.name < name < r[0].next or (r[0].next == dns.name.from_text("alg13.test.") and r.name < name)
            for r in nsecs
        )

    assert covered(dns.name.from_text("nope.alg13.test."))
    assert covered(dns.name.from_text("*.alg13.test."))


def _negative(lab, port, zone, qname="nope"):
    return ask(server_of(lab, zone), port, f"{qname}.{zone}", dns.rdatatype.A)


def test_denial_faults_are_served_as_built(served):
    lab, port = served
    assert not [
        r
        for r in _negative(lab, port, "nsec-missing.test.").authority
        if r.rdtype in (dns.rdatatype.NSEC, dns.rdatatype.NSEC3)
    ]
    ttl = [r.ttl for r in _negative(lab, port, "nsec-ttl.test.").authority if r.rdtype == dns.rdatatype.NSEC]
    assert ttl and set(ttl) == {86400}
    for zone, field, value in [
        ("nsec3-optout.test.", "flags", 1),
        ("nsec3-flags.test.", "flags", 2),
        ("nsec3-iterations-high.test.", "iterations", 200),
    ]:
        nsec3 = [r for r in _negative(lab, port, zone).authority if r.rdtype == dns.rdatatype.NSEC3]
        assert nsec3 and all(getattr(r[0], field) == value for r in nsec3), zone
    nodata = ask(server_of(lab, "denial-contradicts.test."), port, "www.denial-contradicts.test.", dns.rdatatype.TXT)
    nsec = find(nodata.authority, "www.denial-contradicts.test.", dns.rdatatype.NSEC)
    assert dns.rdatatype.AAAA not in _types(nsec[0])
    beyond = _negative(lab, port, "nsec-last-next.test.", "zzzz")
    assert any(r.rdtype == dns.rdatatype.NSEC and r[0].next.labels[0] == b"zzz" for r in beyond.authority)


def test_delegation_proof_faults_are_served_as_built(served):
    """The parents' proofs that a child has no DS carry the faults the nods-* conditions build."""
    lab, port = served
    for zone, present, absent in [
        ("nods-ds-bit.test.", {dns.rdatatype.NS, dns.rdatatype.DS}, set()),
        ("nods-soa-bit.test.", {dns.rdatatype.SOA}, {dns.rdatatype.NS}),
        ("nods-ds-bit-nsec3.test.", {dns.rdatatype.NS, dns.rdatatype.DS}, set()),
        ("nods-soa-bit-nsec3.test.", {dns.rdatatype.SOA}, {dns.rdatatype.NS}),
    ]:
        reply = ask(server_of(lab, zone), port, f"sub.{zone}", dns.rdatatype.DS)
        assert reply.rcode() == dns.rcode.NOERROR and not reply.answer, zone
        records = [r for r in reply.authority if r.rdtype in (dns.rdatatype.NSEC, dns.rdatatype.NSEC3)]
        assert any(present <= _types(r[0]) and not absent & _types(r[0]) for r in records), zone
    # Opt-out: no NSEC3 of the delegation's own; the closest encloser (the apex) and a covering NSEC3.
    for zone, flags in [("nods-optout.test.", 1), ("nods-optout-unset.test.", 0)]:
        reply = ask(server_of(lab, zone), port, f"sub.{zone}", dns.rdatatype.DS)
        nsec3 = [r for r in reply.authority if r.rdtype == dns.rdatatype.NSEC3]
        own = _nsec3_label(dns.name.from_text(f"sub.{zone}"))
        assert nsec3 and all(r.name.labels[0].decode() != own and r[0].flags == flags for r in nsec3), zone
        assert any(_nsec3_covers(r, own) for r in nsec3), zone


EQUIVALENCE_TYPES = ["SOA", "NS", "DNSKEY", "A", "AAAA", "TXT", "DS", "NSEC3PARAM"]
EQUIVALENCE_NAMES = ["", "www.", "ns1.", "nope.", "a.b.www.", "sub."]
# Asked of some zones only (every zone would double the test's time): the apex's mail and key
# records, the names that a DNAME rewrites (old.dname.test. -> alg13.test.) and names expanded
# from a wildcard, with data (A, TXT) and without (AAAA, MX).
APEX_TYPES = ["MX", "CDS", "CDNSKEY"]
WILDCARD_QUESTIONS = [(n, t) for n in ("anything.", "a.b.", "*.") for t in ("A", "TXT", "AAAA", "MX")]
EXTRA_QUESTIONS = {
    "dname.test.": [(name, rdtype) for name in ("old.", "www.old.", "a.b.old.") for rdtype in ("A", "DNAME", "CNAME")],
    "wildcard.test.": WILDCARD_QUESTIONS,
    "wildcard-nsec3.test.": WILDCARD_QUESTIONS,
}


def _summary(reply):
    """What must agree between servers: flags, answers (without TTLs), section contents.
    A truncated answer's sections do not count (Knot fills them partly, the demo server not)."""
    if reply.flags & dns.flags.TC:
        return reply.rcode(), bool(reply.flags & dns.flags.AA), True

    def owner_types(section):
        return sorted((r.name.to_text().lower(), r.rdtype, r.covers) for r in section)

    answer = sorted(
        (r.name.to_text().lower(), r.rdtype, r.covers, tuple(sorted(x.to_text() for x in r))) for r in reply.answer
    )
    return (
        reply.rcode(),
        bool(reply.flags & dns.flags.AA),
        bool(reply.flags & dns.flags.TC),
        answer,
        owner_types(reply.authority),
        owner_types(reply.additional),
    )


@pytest.mark.lab
def test_python_server_answers_like_knot(lab, python_lab, real_lab):
    differences = []
    for zone_name, zone in lab.zones.items():
        suffix = "" if zone_name == "." else zone_name
        questions = [(prefix, rdtype) for prefix in EQUIVALENCE_NAMES for rdtype in EQUIVALENCE_TYPES]
        questions += [("", rdtype) for rdtype in APEX_TYPES] + EXTRA_QUESTIONS.get(zone_name, [])
        for prefix, rdtype in questions:
            name = prefix + suffix if prefix else zone_name
            python = _summary(ask(zone.addresses[0], python_lab.port, name, rdtype))
            knot = _summary(ask(zone.addresses[0], 53, name, rdtype))
            if python != knot:
                differences.append((name, rdtype, python, knot))
    assert not differences, differences[:3]
