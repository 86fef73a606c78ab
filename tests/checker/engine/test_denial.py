"""NSEC and NSEC3 NXDOMAIN proofs (the parts of group G one answer shows)."""

import base64

import dns.dnssec
import dns.name
import dns.rdatatype
import dns.rrset

from checker.engine.denial import (
    bitmap_types,
    no_ds_problems,
    nodata_findings,
    nodata_proof,
    nsec3_nxdomain_problems,
    nsec_covers,
    nsec_nxdomain_problems,
    wildcard_problems,
)

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


# -- what a proof proves (denial.py is the one place that knows) ---------------------------------

A, AAAA, DS, TXT = dns.rdatatype.A, dns.rdatatype.AAAA, dns.rdatatype.DS, dns.rdatatype.TXT
# example. with www, w (TXT) and *.w (A), and a.e below the empty non-terminal e.
NAMES = ["example.", "a.e.example.", "w.example.", "*.w.example.", "www.example."]
TYPES = {
    "example.": "NS SOA RRSIG NSEC DNSKEY",
    "a.e.example.": "TXT RRSIG NSEC",
    "w.example.": "TXT RRSIG NSEC",
    "*.w.example.": "A RRSIG NSEC",
    "www.example.": "A RRSIG NSEC",
}


def chain(nexts=None):
    """The NSEC chain of NAMES (owner -> record); `nexts` replaces the next name of some owners."""
    nexts = nexts or {}
    records = {}
    for index, owner in enumerate(NAMES):
        following = nexts.get(owner, NAMES[(index + 1) % len(NAMES)])
        records[owner] = nsec(owner, following, TYPES[owner])
    return records


def test_nxdomain_below_an_existing_name_uses_its_wildcard():
    records = chain()
    # a.b.www: the closest encloser is www, so the wildcard to deny is *.www (RFC 4035 §5.4).
    assert nsec_nxdomain_problems([records["www.example."]], N("a.b.www.example."), APEX) == []
    assert nsec_nxdomain_problems([records["a.e.example."]], N("b.e.example."), APEX) == ["wildcard_not_covered"]


def test_an_nsec_at_a_delegation_proves_nothing_below_it():  # RFC 6840 §4.1
    cut = nsec("sub.example.", "www.example.", "NS RRSIG NSEC")
    assert nsec_nxdomain_problems([cut], N("x.sub.example."), APEX) == ["sname_not_covered"]


def test_wildcard_answer_with_nsec():
    records = chain()
    assert wildcard_problems([records["*.w.example."]], N("x.w.example."), 2, APEX) == []
    # The name is x.y.w: the NSEC covers it, but the next closer name y.w is the one to deny.
    assert wildcard_problems([records["*.w.example."]], N("x.y.w.example."), 2, APEX) == []
    # Expanded from *.example. although w.example. exists: a closer name exists.
    assert wildcard_problems([records["*.w.example."]], N("x.w.example."), 1, APEX) == ["closer_name_exists"]
    short = chain({"*.w.example.": "x.w.example."})  # the NSEC stops at the name
    assert wildcard_problems([short["*.w.example."]], N("x.w.example."), 2, APEX) == ["sname_not_covered"]
    assert wildcard_problems([], N("x.w.example."), 2, APEX) == ["no_denial_records"]


def test_nodata_proofs_with_nsec():
    records = chain()
    assert nodata_proof([records["www.example."]], N("www.example."), TXT, APEX).problems == []
    assert nodata_proof([records["www.example."]], N("www.example."), A, APEX).problems == ["type_in_bitmap"]
    ent = nodata_proof([records["example."]], N("e.example."), A, APEX)
    assert (ent.kind, ent.problems) == ("empty_non_terminal", [])
    wild = nodata_proof([records["*.w.example."]], N("x.w.example."), AAAA, APEX)
    assert (wild.kind, wild.problems) == ("wildcard_nodata", [])
    wild_a = nodata_proof([records["*.w.example."]], N("x.w.example."), A, APEX)
    assert (wild_a.kind, wild_a.problems) == ("wildcard_nodata", ["type_in_bitmap"])
    assert nodata_proof([records["w.example."]], N("x.example."), A, APEX).problems == ["no_matching_nsec"]


def test_a_correct_wildcard_nodata_is_no_finding_and_extra_records_are_g16():
    records = chain()
    assert nodata_findings([records["*.w.example."]], N("x.w.example."), AAAA, APEX) == []
    found = nodata_findings([records["www.example."], records["example."]], N("www.example."), TXT, APEX)
    assert [fid for fid, _ in found] == ["denial_unexpected_multiple"]


def test_no_ds_proofs_with_nsec():
    cut = nsec("sub.example.", "www.example.", "NS RRSIG NSEC")
    assert no_ds_problems([cut], N("sub.example."), APEX) == []
    with_ds = nsec("sub.example.", "www.example.", "NS DS RRSIG NSEC")
    assert no_ds_problems([with_ds], N("sub.example."), APEX) == ["ds_bit"]
    child_apex = nsec("sub.example.", "www.example.", "SOA RRSIG NSEC")
    assert no_ds_problems([child_apex], N("sub.example."), APEX) == ["soa_bit", "no_ns_bit"]
    assert no_ds_problems([nsec("example.", "www.example.")], N("sub.example."), APEX) == ["no_matching_nsec"]


def nsec3_chain(names, types=None, flags=0, drop=()):
    """The NSEC3 chain (1 flags 0 -) of `names`; names in `drop` are left out (opt-out)."""
    types = types or {}
    kept = sorted((dns.dnssec.nsec3_hash(n, "", 0, 1), n) for n in names if n not in drop)
    records = {}
    for index, (owner, name) in enumerate(kept):
        following = kept[(index + 1) % len(kept)][0]
        rdata = f"1 {flags} 0 - {following} {types.get(name, 'A RRSIG')}"
        records[name] = dns.rrset.from_text(f"{owner}.example.", 3600, "IN", "NSEC3", rdata)
    return records


def covering3(records, name):
    value = dns.dnssec.nsec3_hash(name, "", 0, 1)
    for rrset in records.values():
        owner = rrset.name.labels[0].decode().upper()
        following = base64.b32hexencode(rrset[0].next).decode()
        if (owner < value < following) if owner < following else (value > owner or value < following):
            return rrset
    raise AssertionError(f"nothing covers {name}")


NAMES3 = ["example.", "www.example.", "w.example.", "*.w.example.", "e.example.", "a.e.example.", "sub.example."]
TYPES3 = {
    "example.": "NS SOA RRSIG DNSKEY NSEC3PARAM",
    "*.w.example.": "A RRSIG",
    "e.example.": "",
    "sub.example.": "NS",
}


def test_nsec3_nxdomain_below_an_existing_name():
    records = nsec3_chain(NAMES3, TYPES3)
    qname = N("a.b.www.example.")
    proof = [records["www.example."], covering3(records, "b.www.example."), covering3(records, "*.www.example.")]
    assert nsec3_nxdomain_problems(proof, qname, APEX) == []
    assert nsec3_nxdomain_problems(proof[:2], qname, APEX) == ["wildcard_not_covered"]
    assert nsec3_nxdomain_problems(proof[1:], qname, APEX) == ["no_closest_encloser"]


def test_nsec3_wildcard_answer_and_nodata():
    records = nsec3_chain(NAMES3, TYPES3)
    cover = covering3(records, "x.w.example.")
    assert wildcard_problems([cover], N("x.w.example."), 2, APEX) == []
    assert wildcard_problems([records["w.example."]], N("x.w.example."), 2, APEX) == ["next_closer_not_covered"]
    proof = [records["w.example."], cover, records["*.w.example."]]
    wild = nodata_proof(proof, N("x.w.example."), AAAA, APEX)
    assert (wild.kind, wild.problems) == ("wildcard_nodata", [])
    assert nodata_proof(proof, N("x.w.example."), A, APEX).problems == ["type_in_bitmap"]
    # An empty non-terminal has an NSEC3 of its own with an empty bitmap.
    assert nodata_proof([records["e.example."]], N("e.example."), A, APEX).problems == []


def test_nsec3_no_ds_proofs():
    records = nsec3_chain(NAMES3, TYPES3)
    assert no_ds_problems([records["sub.example."]], N("sub.example."), APEX) == []
    with_ds = nsec3_chain(NAMES3, {**TYPES3, "sub.example.": "NS DS RRSIG"})
    assert no_ds_problems([with_ds["sub.example."]], N("sub.example."), APEX) == ["ds_bit"]
    for flags, expected in ((1, []), (0, ["opt_out_flag_not_set"])):
        skipped = nsec3_chain(NAMES3, TYPES3, flags=flags, drop={"sub.example."})
        proof = [skipped["example."], covering3(skipped, "sub.example.")]
        assert no_ds_problems(proof, N("sub.example."), APEX) == expected
        assert no_ds_problems(proof[1:], N("sub.example."), APEX) == ["no_closest_encloser"]
