"""NSEC and NSEC3 NXDOMAIN proofs (the parts of group G one answer shows)."""

import dns.dnssec
import dns.name
import dns.rrset

from checker.engine.denial import bitmap_types, nsec3_nxdomain_problems, nsec_covers, nsec_nxdomain_problems

APEX = dns.name.from_text("example.")
N = lambda text: dns.name.from_text(text)  # noqa: E731


def nsec(owner, next_name, types="A RRSIG NSEC"):
    return dns.rrset.from_text(owner, 3600, "IN", "NSEC", f"{next_name} {types}")


def test_coverage_in_canonical_order_and_wrap():
    assert nsec_covers(N("a.example."), N("c.example."), N("b.example."))
    assert not nsec_covers(N("a.example."), N("c.example."), N("d.example."))
    assert nsec_covers(N("www.example."), APEX, N("~nx.example."))  # the last NSEC wraps to the apex
    assert nsec_covers(APEX, N("www.example."), N("*.example."))


def test_good_nsec_proof():
    records = [nsec("example.", "www.example.", "NS SOA RRSIG NSEC DNSKEY"), nsec("www.example.", "example.")]
    assert nsec_nxdomain_problems(records, N("~nx.example."), APEX) == []


def test_last_nsec_not_pointing_at_the_apex():
    records = [nsec("example.", "www.example.", "NS SOA RRSIG NSEC DNSKEY"), nsec("www.example.", "zzz.example.")]
    assert "sname_not_covered" in nsec_nxdomain_problems(records, N("~nx.example."), APEX)


def test_bitmap_types():
    record = nsec("example.", "www.example.", "NS SOA RRSIG NSEC DNSKEY TYPE65534")
    assert bitmap_types(record[0]) == {2, 6, 46, 47, 48, 65534}


def test_nsec3_proof_with_every_hash_in_the_chain():
    names = [APEX, N("www.example."), N("ns1.example.")]
    hashes = sorted(dns.dnssec.nsec3_hash(name, "", 0, 1) for name in names)
    records = []
    for index, owner in enumerate(hashes):
        following = hashes[(index + 1) % len(hashes)]
        records.append(dns.rrset.from_text(f"{owner}.example.", 3600, "IN", "NSEC3", f"1 0 0 - {following} A RRSIG"))
    assert nsec3_nxdomain_problems(records, N("~nx.example."), APEX) == []
    # Without the record matching the apex there is no closest encloser.
    apex_hash = dns.dnssec.nsec3_hash(APEX, "", 0, 1)
    partial = [r for r in records if r.name.labels[0].decode().upper() != apex_hash]
    assert "no_closest_encloser" in nsec3_nxdomain_problems(partial, N("~nx.example."), APEX)
